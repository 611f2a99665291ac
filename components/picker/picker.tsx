import { i18n, type GeneratedI18nStructure } from '#i18n';
import type { JSX } from 'preact';
import { snippet, toRuns, type TextRun } from './segments';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/** One row of the list. Texts are the phrase's own; the component renders them as text only. */
export interface PickerItem {
  id: string;
  title: string;
  shortcut?: string;
  category?: string;
  /** The variant shown under the title (the matched one, else the first). */
  preview: string;
  variantCount: number;
  titleMarks: Array<[number, number]>;
  shortcutMarks: Array<[number, number]>;
  previewMarks: Array<[number, number]>;
  /** Matched through a tag or the category: shown next to the title. */
  label?: { text: string; marks: Array<[number, number]> };
  recent: boolean;
}

export interface PickerField {
  name: string;
  label: string;
  value: string;
  placeholder: string;
  invalid?: boolean;
}

export type PickerView =
  | {
      mode: 'list';
      trigger: string;
      query: string;
      items: PickerItem[];
      active: number;
      status: 'loading' | 'ready' | 'error';
      /** The query the items answer (the query may already be ahead while a search runs). */
      resultsFor: string | null;
      /** Phrases in the index (0: none yet). */
      total: number;
    }
  | {
      mode: 'form';
      title: string;
      fields: PickerField[];
      /** The message as it will be inserted, as runs (filled values, missing ones as tokens). */
      preview: TextRun[];
      focus: number;
    };

export interface PickerPlacement {
  left: number;
  top: number | null;
  bottom: number | null;
  maxHeight: number;
  above: boolean;
}

export interface PickerProps {
  view: PickerView;
  placement: PickerPlacement;
  platform: string;
  onHover(index: number): void;
  onPick(index: number): void;
  onFieldInput(index: number, value: string): void;
  onFieldFocus(index: number): void;
  onSubmit(): void;
  onBack(): void;
}

/**
 * The picker's words, looked up once: it re-renders on every keystroke, and each chrome.i18n
 * lookup from a content script crosses into the extension bindings.
 */
const said = new Map<string, string>();
type PickerKey = Extract<keyof GeneratedI18nStructure, `picker.${string}`>;
const lookup = i18n.t as (key: PickerKey, substitutions?: string[]) => string;
function t(key: PickerKey, sub?: string): string {
  // Counts repeat; typed queries do not and are not kept.
  if (sub !== undefined && !/^\d{1,4}$/.test(sub)) return lookup(key, [sub]);
  const id = sub === undefined ? key : `${key}\u0000${sub}`;
  let text = said.get(id);
  if (text === undefined) {
    text = lookup(key, sub === undefined ? undefined : [sub]);
    said.set(id, text);
  }
  return text;
}

/** A whole `{买家|亲}` token shows as its name, 买家; a token cut by a highlight shows as typed. */
const tokenLabel = (text: string) => text.replace(/^\{([^{}|]+)(?:\|[^{}]*)?\}$/, '$1');

function Runs({ runs }: { runs: TextRun[] }) {
  return (
    <>
      {runs.map((r, k) =>
        r.token ? (
          <span key={k} class={r.mark ? 'tok hl' : 'tok'} title={r.text}>
            {tokenLabel(r.text)}
          </span>
        ) : r.mark ? (
          <mark key={k}>{r.text}</mark>
        ) : (
          r.text
        ),
      )}
    </>
  );
}

const Kbd = ({ children }: { children: string }) => <kbd>{children}</kbd>;

function Row({
  item,
  active,
  index,
  size,
  props,
}: {
  item: PickerItem;
  active: boolean;
  index: number;
  size: number;
  props: PickerProps;
}) {
  const preview = snippet(item.preview, item.previewMarks);
  return (
    <li
      id={`kefu-opt-${index}`}
      role="option"
      aria-selected={active}
      aria-posinset={index + 1}
      aria-setsize={size}
      class={active ? 'row on' : 'row'}
      data-phrase-id={item.id}
      onMouseMove={() => !active && props.onHover(index)}
      onClick={() => props.onPick(index)}
    >
      <div class="line1">
        <span class="title">
          <Runs runs={toRuns(item.title, item.titleMarks, [])} />
        </span>
        {item.shortcut ? (
          <span class="sc">
            <Runs runs={toRuns(item.shortcut, item.shortcutMarks, [])} />
          </span>
        ) : null}
        {item.label ? (
          <span class="tag">
            <Runs runs={toRuns(item.label.text, item.label.marks, [])} />
          </span>
        ) : null}
        <span class="meta">
          {item.recent ? <span class="recent">{t('picker.recent')}</span> : null}
          {item.variantCount > 1 ? (
            <span class="nv">{t('picker.variants', String(item.variantCount))}</span>
          ) : null}
          {item.category ? <span class="cat">{item.category}</span> : null}
        </span>
      </div>
      <div class="line2">
        <Runs runs={toRuns(preview.text, preview.ranges)} />
      </div>
    </li>
  );
}

/**
 * Rows in the DOM while the list is not scrolled: the tallest list shows 7 and a part of an 8th.
 * A keystroke's diff, style, layout and paint grow with the rows, so the rest of up to 20 wait
 * until the list scrolls (the chosen row is always rendered, for ↓).
 */
const ROWS_SHOWN = 8;
/** A row's height plus the gap between rows (picker.css sets fixed line heights). */
const ROW_PITCH = 52;

function ListView({ view, props }: { view: Extract<PickerView, { mode: 'list' }>; props: PickerProps }) {
  let body: JSX.Element;
  // Rows are keyed by position: a keystroke patches the rows' text in place instead of building
  // a new list (creating and removing elements was most of a keystroke's cost).
  const list = useRef<HTMLUListElement>(null);
  const scrolled = useRef(false);
  /** The answer shown, and whether all its rows are rendered (the list scrolled while it showed). */
  const answer = useRef({ for: view.resultsFor, all: false });
  const [, rerender] = useState(0);
  if (answer.current.for !== view.resultsFor) answer.current = { for: view.resultsFor, all: false };
  useLayoutEffect(() => {
    // A new answer starts at the top; the flag spares a layout write (and read) when it already is.
    if (scrolled.current && list.current) list.current.scrollTop = 0;
    scrolled.current = false;
  }, [view.resultsFor]);
  const n = view.items.length;
  if (n > 0) {
    const shown = answer.current.all ? n : Math.min(n, Math.max(ROWS_SHOWN, view.active + 2));
    body = (
      <ul
        ref={list}
        class="list"
        role="listbox"
        aria-label={t('picker.title')}
        onScroll={(e) => {
          // Not our own reset to the top.
          if (e.currentTarget.scrollTop === 0) return;
          scrolled.current = true;
          if (!answer.current.all) {
            answer.current.all = true;
            rerender((k) => k + 1);
          }
        }}
      >
        {view.items.slice(0, shown).map((item, i) => (
          <Row key={i} item={item} index={i} size={n} active={i === view.active} props={props} />
        ))}
        {shown < n ? (
          // Keeps the scrollbar (and the scroll range) of the whole list.
          <li class="more" aria-hidden="true" style={{ height: `${(n - shown) * ROW_PITCH}px` }} />
        ) : null}
      </ul>
    );
  } else {
    const [head, hint] =
      view.status === 'loading'
        ? [t('picker.loading'), '']
        : view.status === 'error'
          ? [t('picker.error'), t('picker.errorHint')]
          : view.total === 0
            ? [t('picker.none'), t('picker.noneHint')]
            : [t('picker.empty', view.query), t('picker.emptyHint')];
    body = (
      <div class={`empty ${view.status}`} role="status">
        <div class="empty-head">{head}</div>
        {hint ? <div class="empty-hint">{hint}</div> : null}
      </div>
    );
  }
  return (
    <>
      <div class="head">
        <span class="brand">{t('picker.title')}</span>
        <span class="q">
          {view.trigger}
          {view.query}
        </span>
        {view.items.length > 0 && view.query ? (
          <span class="count">{t('picker.count', String(view.items.length))}</span>
        ) : null}
      </div>
      {body}
      <div class="foot">
        <span>
          <Kbd>↑</Kbd>
          <Kbd>↓</Kbd> {t('picker.hintMove')}
        </span>
        <span>
          <Kbd>Enter</Kbd> {t('picker.hintPick')}
        </span>
        <span>
          <Kbd>Esc</Kbd> {t('picker.hintClose')}
        </span>
      </div>
    </>
  );
}

function FormView({ view, props }: { view: Extract<PickerView, { mode: 'form' }>; props: PickerProps }) {
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <div class="head">
        <span class="brand">{t('picker.formTitle')}</span>
        <span class="q form-title">{view.title}</span>
      </div>
      <div class="form-body">
        <p class="form-hint">{t('picker.formHint')}</p>
        {view.fields.map((f, i) => (
          <label key={f.name} class={f.invalid ? 'field invalid' : 'field'}>
            <span class="field-name">{f.label}</span>
            <input
              type="text"
              name={f.name}
              value={f.value}
              placeholder={f.placeholder}
              autocomplete="off"
              spellcheck={false}
              data-autofocus={i === view.focus ? 'true' : undefined}
              onInput={(e) => props.onFieldInput(i, (e.currentTarget as HTMLInputElement).value)}
              onFocus={() => props.onFieldFocus(i)}
            />
          </label>
        ))}
        <div class="preview-label">{t('picker.formPreview')}</div>
        <div class="preview">
          <Runs runs={view.preview} />
        </div>
      </div>
      <div class="foot form-foot">
        <span>
          <Kbd>Enter</Kbd> {t('picker.formNext')}
        </span>
        <span class="spacer" />
        <button type="button" class="btn" onClick={() => props.onBack()}>
          {t('picker.formBack')}
        </button>
        <button type="submit" class="btn primary">
          {t('picker.formInsert')}
        </button>
      </div>
    </form>
  );
}

/**
 * The phrase picker: a list of matching phrases at the caret, or — when a phrase needs values the
 * page does not show — a small form for them. Stateless: phrase-picker.ts owns the state.
 */
export function Picker(props: PickerProps) {
  const { view, placement } = props;
  const style: Record<string, string> = {
    left: `${Math.round(placement.left)}px`,
    maxHeight: `${Math.round(placement.maxHeight)}px`,
  };
  if (placement.top !== null) style.top = `${Math.round(placement.top)}px`;
  if (placement.bottom !== null) style.bottom = `${Math.round(placement.bottom)}px`;
  return (
    <div
      class={`picker ${view.mode} ${placement.above ? 'above' : 'below'}`}
      data-testid="phrase-picker"
      data-platform={props.platform}
      data-mode={view.mode}
      data-query={view.mode === 'list' ? view.query : undefined}
      data-status={view.mode === 'list' ? view.status : undefined}
      data-results-for={view.mode === 'list' && view.resultsFor !== null ? view.resultsFor : undefined}
      style={style}
      // Keeps the focus (and the caret) in the page's field while the mouse is used.
      onMouseDown={(e) => {
        if (!(e.target instanceof HTMLInputElement)) e.preventDefault();
      }}
    >
      {view.mode === 'list' ? <ListView view={view} props={props} /> : <FormView view={view} props={props} />}
    </div>
  );
}
