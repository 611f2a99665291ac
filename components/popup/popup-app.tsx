import { i18n } from '#i18n';
import { Fragment, type ComponentType } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PhraseHit } from '../../lib/phrases/search-core';
import type { InsertOutcome, PageInfo } from '../../lib/popup/active-tab';
import { fillFields, fillText, knownValues } from '../../lib/popup/fill';
import { readMeta } from '../../lib/popup/cache-meta';
import type {
  Engine,
  PhraseSource,
  SourceEvents,
  SourceMode,
  TopPhrases,
} from '../../lib/popup/phrase-source';
import type { Settings } from '../../lib/settings/schema';
import { PLATFORM_LABELS } from '../../lib/sites/platforms';
import type { PhraseRecord } from '../../lib/store/db';
import { TemplateText } from '../highlight';
import { FillForm, type PhraseAction } from './fill-form';
import { ResultRow } from './result-row';
import { copyText, markEngine, markInput, markPaint } from './popup-util';

const params = new URLSearchParams(location.search);
const MODE: SourceMode = params.get('source') === 'direct' ? 'direct' : 'cached';
/** Opened as a page (`?tab=<id>`: tests, the bench): stay open after inserting. */
const AS_PAGE = params.has('tab');
const LIMIT = 30;

type Group = 'recent' | 'frequent';
interface Item {
  hit: PhraseHit<PhraseRecord>;
  group?: Group;
}

interface Notice {
  kind: 'ok' | 'warn' | 'error';
  text: string;
  /** Offer copying instead (insert failed): the text to copy and the phrase. */
  copy?: { text?: string; phrase: PhraseRecord };
}

interface Filling {
  phrase: PhraseRecord;
  template: string;
  action: PhraseAction;
}

const tabModule = () => import('../../lib/popup/active-tab');

/**
 * The phrase source (IndexedDB cache, scan, search worker) is not on the way to the first frame:
 * the recent and frequent phrases come synchronously from localStorage (cache-meta.ts). It starts
 * loading as this module is evaluated, before the first render, so its cache reads overlap the
 * first paint and a query typed at once finds its engine sooner. Its events reach the component
 * through `relay` (set while rendering; the popup renders one PopupApp).
 */
const relay: SourceEvents = { onTop: () => {}, onEngine: () => {}, onError: () => {} };
/** The source once loaded, for what must not wait a tick when nothing is pending (a pick). */
let loadedSource: PhraseSource | undefined;
const sourceReady: Promise<PhraseSource | undefined> = import('../../lib/popup/phrase-source').then(
  ({ PhraseSource: Source }) => {
    const source = (loadedSource = new Source(MODE, {
      onTop: (t) => relay.onTop(t),
      onEngine: (e) => relay.onEngine(e),
      onError: (m) => relay.onError(m),
    }));
    void source.start();
    return source;
  },
  (error: unknown) => {
    relay.onError(error instanceof Error ? error.message : String(error));
    return undefined;
  },
);

/**
 * Work that can wait until the agent's first keystrokes are answered: 今天要跟进 brings zod and
 * the messaging protocol (~150 kB to compile and run). Run when the page is idle, and within a
 * second in any case. (The settings load at once: a pick must never wait for them.)
 */
const whenIdle = (work: () => void) =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(work, { timeout: 1000 })
    : setTimeout(work, 200);

/** What an empty query shows in the very first frame: the cached meta, read synchronously. */
function initialTop(): TopPhrases | undefined {
  if (MODE === 'direct') return undefined;
  const meta = readMeta();
  return meta && { recent: meta.recent, frequent: meta.frequent, count: meta.count };
}

const asHit = (phrase: PhraseRecord): PhraseHit<PhraseRecord> => ({
  id: phrase.id,
  phrase,
  score: 0,
  via: 'recent',
});

const INSERT_FAILURE_KEYS = {
  'no-page': 'popup.insertNoPage',
  'no-field': 'popup.insertNoField',
  gone: 'popup.insertGone',
  failed: 'popup.insertFailed',
} as const satisfies Record<Exclude<InsertOutcome, { ok: true }>['reason'], string>;

export function PopupApp() {
  const [query, setQuery] = useState('');
  // From the cache, synchronously: the recent and frequent phrases are in the very first frame.
  const [top, setTop] = useState<TopPhrases | undefined>(initialTop);
  const [results, setResults] = useState<{
    query: string;
    hits: PhraseHit<PhraseRecord>[];
    engine: Engine;
  }>();
  const [engine, setEngine] = useState<Engine>();
  const [choice, setChoice] = useState<{ for: string | null; id: string }>();
  const [variants, setVariants] = useState<Record<string, number>>({});
  const [page, setPage] = useState<PageInfo>();
  const [settings, setSettings] = useState<Settings>();
  const [filling, setFilling] = useState<Filling>();
  const [notice, setNotice] = useState<Notice>();
  const [loadError, setLoadError] = useState<string>();
  relay.onTop = setTop;
  relay.onEngine = (e) => {
    markEngine(e);
    setEngine(e);
  };
  relay.onError = setLoadError;
  // 今天要跟进 (the registers' follow-ups due today), loaded after the first paint.
  const [DueToday, setDueToday] = useState<ComponentType>();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const seq = useRef(0);
  useEffect(() => {
    input.current?.focus();
    // Not needed for the first paint: loaded after it (they bring zod, the site adapters…).
    void tabModule()
      .then(({ findTab, probePage }) => findTab().then(probePage))
      .then(setPage)
      .catch(() => setPage({ context: {} }));
    void import('../../lib/settings/store')
      .then(({ getSettings }) => getSettings())
      .then(setSettings)
      .catch(() => undefined);
    // 今天要跟进 can wait until the first keystrokes are answered.
    whenIdle(() => {
      void import('./due-today').then((m) => setDueToday(() => m.DueToday)).catch(() => undefined);
    });
    return () => void sourceReady.then((s) => s?.dispose());
  }, []);

  const platform = page?.tab?.platform;
  const q = query.trim();
  useEffect(() => {
    if (!q || !engine) return;
    const mine = ++seq.current;
    void sourceReady
      .then((s) => s?.search(q, LIMIT, platform))
      .then((r) => {
        if (r && mine === seq.current) setResults({ query: q, ...r });
      });
  }, [q, engine, platform]);

  const items: Item[] = useMemo(() => {
    if (!q) {
      if (!top) return [];
      return [
        ...top.recent.map((p) => ({ hit: asHit(p), group: 'recent' as const })),
        ...top.frequent.map((p) => ({ hit: asHit(p), group: 'frequent' as const })),
      ];
    }
    return (results?.hits ?? []).map((hit) => ({ hit }));
  }, [q, top, results]);
  const showingFor = q ? (results?.query ?? null) : '';

  // The chosen row is remembered as a phrase of an answer, not as a position: a new query starts
  // at the top, and a refresh of the same query (the full index replacing the quick scan a moment
  // after opening) keeps the phrase the agent has already moved to, wherever it now stands.
  const chosenAt =
    choice && choice.for === showingFor ? items.findIndex((it) => it.hit.phrase.id === choice.id) : -1;
  const selected = Math.max(chosenAt, 0);
  const setSelected = (i: number) => {
    const id = items[i]?.hit.phrase.id;
    if (id !== undefined) setChoice({ for: showingFor, id });
  };
  // Layout effect: runs as the results enter the DOM, so markPaint's frame is the one that shows them.
  useLayoutEffect(() => {
    if (!items.length || showingFor === null) return;
    markPaint(showingFor, items.length, q ? (results?.engine ?? '') : 'top');
  }, [items, showingFor]);
  useEffect(() => {
    list.current?.querySelector(`#result-${selected}`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const current = items[selected]?.hit.phrase;
  const variantOf = (p: PhraseRecord) => Math.min(variants[p.id] ?? 0, p.variants.length - 1);

  const recordUse = (p: PhraseRecord) => void sourceReady.then((s) => s?.recordUse(p));

  const copy = async (text: string, phrase: PhraseRecord) => {
    if (await copyText(text)) {
      recordUse(phrase);
      setNotice({
        kind: 'ok',
        text: i18n.t(page?.tab?.site === 'taobao' ? 'popup.copiedQianniu' : 'popup.copied', [phrase.title]),
      });
    } else setNotice({ kind: 'error', text: i18n.t('popup.copyFailed') });
  };

  const finish = async (phrase: PhraseRecord, text: string, action: PhraseAction) => {
    setFilling(undefined);
    if (action === 'copy') return copy(text, phrase);
    const outcome: InsertOutcome = page
      ? await (await tabModule()).insertIntoPage(page, text)
      : { ok: false, reason: 'no-page' };
    if (outcome.ok) {
      recordUse(phrase);
      setNotice({ kind: 'ok', text: i18n.t('popup.inserted', [phrase.title]) });
      if (!AS_PAGE) setTimeout(() => window.close(), 150);
    } else {
      setNotice({ kind: 'warn', text: i18n.t(INSERT_FAILURE_KEYS[outcome.reason]), copy: { text, phrase } });
    }
    input.current?.focus();
  };

  const act = (action: PhraseAction, phrase = current) => {
    if (!phrase) return;
    // Picked from the last open's snapshot while the fresh phrases load: use the phrase as it is now.
    const latest = loadedSource?.latest(phrase);
    if (latest) {
      void latest.then((now) =>
        now
          ? act(action, now)
          : setNotice({ kind: 'warn', text: i18n.t('popup.phraseGone', [phrase.title]) }),
      );
      return;
    }
    setNotice(undefined);
    if (action === 'insert' && page && !page.field) {
      // Say so before asking for variables: the agent will copy instead.
      setNotice({
        kind: 'warn',
        text: i18n.t(page.tab?.site ? 'popup.insertNoField' : 'popup.insertNoPage'),
        copy: { phrase },
      });
      return;
    }
    const template = phrase.variants[variantOf(phrase)] ?? '';
    const fields = fillFields(template, knownValues(settings, page?.context ?? {}));
    if (fields.length) return setFilling({ phrase, template, action });
    void finish(phrase, fillText(template, {}).text, action);
  };

  const copyInstead = (n: Notice['copy']) => {
    if (!n) return;
    if (n.text !== undefined) return void copy(n.text, n.phrase);
    act('copy', n.phrase);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing || e.keyCode === 229) return; // the IME is composing: its Enter is not ours
    const n = items.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (n) setSelected((selected + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (notice?.copy && (e.ctrlKey || e.metaKey) && !current) return copyInstead(notice.copy);
      act(e.ctrlKey || e.metaKey ? 'copy' : 'insert');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (query) setQuery('');
      else if (!AS_PAGE) window.close();
      setNotice(undefined);
    } else if (e.altKey && /^[1-9]$/.test(e.key) && current) {
      e.preventDefault();
      const k = Number(e.key) - 1;
      if (k < current.variants.length) setVariants((v) => ({ ...v, [current.id]: k }));
    }
  };

  const target = page?.tab;
  const siteLabel = target?.platform ? PLATFORM_LABELS[target.platform].zh : undefined;
  const waiting = !loadError && (q ? showingFor === null && items.length === 0 : !top);

  return (
    <div class="popup" data-engine={engine ?? ''}>
      <header class="search">
        <svg class="search-icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="1.8" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
        </svg>
        <input
          ref={input}
          type="search"
          data-testid="popup-search"
          autoFocus
          value={query}
          placeholder={i18n.t('popup.searchPlaceholder')}
          aria-label={i18n.t('popup.searchPlaceholder')}
          aria-controls="results"
          aria-activedescendant={items.length ? `result-${selected}` : undefined}
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => {
            markInput(e.currentTarget.value.trim());
            setQuery(e.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          class="icon-button"
          title={i18n.t('popup.openOptions')}
          aria-label={i18n.t('popup.openOptions')}
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          <svg viewBox="0 0 20 20" aria-hidden="true">
            <path
              d="M10 6.8a3.2 3.2 0 1 0 0 6.4 3.2 3.2 0 0 0 0-6.4Zm7 4.1v-1.8l-2-.5a5.6 5.6 0 0 0-.6-1.4l1.1-1.8-1.3-1.3-1.8 1.1c-.4-.3-.9-.5-1.4-.6L10.9 2.6H9.1l-.5 2a5.6 5.6 0 0 0-1.4.6L5.4 4.1 4.1 5.4l1.1 1.8c-.3.4-.5.9-.6 1.4l-2 .5v1.8l2 .5c.1.5.3 1 .6 1.4l-1.1 1.8 1.3 1.3 1.8-1.1c.4.3.9.5 1.4.6l.5 2h1.8l.5-2c.5-.1 1-.3 1.4-.6l1.8 1.1 1.3-1.3-1.1-1.8c.3-.4.5-.9.6-1.4l2-.5Z"
              fill="none"
              stroke="currentColor"
              stroke-width="1.4"
              stroke-linejoin="round"
            />
          </svg>
        </button>
      </header>

      {target?.site === 'taobao' && (
        <div class="banner" data-testid="qianniu-note">
          {i18n.t('popup.qianniuNote')}
        </div>
      )}

      {filling ? (
        <FillForm
          title={filling.phrase.title}
          template={filling.template}
          fields={fillFields(filling.template, knownValues(settings, page?.context ?? {}))}
          action={filling.action}
          onDone={(text, how) => void finish(filling.phrase, text, how)}
          onCancel={() => {
            setFilling(undefined);
            input.current?.focus();
          }}
        />
      ) : (
        <>
          <ul
            id="results"
            ref={list}
            class="results"
            role="listbox"
            aria-label={i18n.t('popup.results')}
            data-testid="popup-results"
            data-query={showingFor ?? ''}
          >
            {items.map((item, k) => (
              <Fragment key={item.hit.id}>
                {item.group && item.group !== items[k - 1]?.group && (
                  <li class="group" role="presentation" key={`g-${item.group}`}>
                    {i18n.t(
                      item.group === 'recent'
                        ? 'popup.recent'
                        : top?.recent.length || top?.frequent.some((p) => p.usageCount)
                          ? 'popup.frequent'
                          : 'popup.suggested',
                    )}
                  </li>
                )}
                <ResultRow
                  hit={item.hit}
                  index={k}
                  selected={k === selected}
                  onHover={setSelected}
                  onPick={(i) => {
                    setSelected(i);
                    act('insert', items[i]?.hit.phrase);
                  }}
                />
              </Fragment>
            ))}
            {!items.length && (
              <li class="empty" role="presentation" data-testid="popup-empty">
                {loadError
                  ? i18n.t('popup.loadFailed', [loadError])
                  : waiting
                    ? i18n.t('popup.loading')
                    : q
                      ? i18n.t('popup.noMatch', [q])
                      : i18n.t('popup.noPhrases')}
              </li>
            )}
          </ul>

          {current && (
            <section class="preview" aria-label={i18n.t('popup.preview')}>
              <ol class="variants">
                {current.variants.map((v, k) => (
                  <li
                    key={k}
                    class={k === variantOf(current) ? 'variant chosen' : 'variant'}
                    onClick={() => setVariants((s) => ({ ...s, [current.id]: k }))}
                  >
                    {current.variants.length > 1 && <kbd class="variant-key">Alt+{k + 1}</kbd>}
                    <span class="variant-text">
                      <TemplateText text={v} />
                    </span>
                  </li>
                ))}
              </ol>
              <div class="actions">
                <span class="muted target" data-testid="popup-target">
                  {page?.field
                    ? i18n.t('popup.targetField', [siteLabel ?? ''])
                    : page
                      ? i18n.t(target?.site ? 'popup.targetNone' : 'popup.targetNoPage')
                      : ''}
                </span>
                <button type="button" data-testid="popup-copy" onClick={() => act('copy')}>
                  {i18n.t('popup.copy')} <kbd>{i18n.t('popup.keyCtrlEnter')}</kbd>
                </button>
                <button
                  type="button"
                  class="primary"
                  data-testid="popup-insert"
                  onClick={() => act('insert')}
                >
                  {i18n.t('popup.insert')} <kbd>{i18n.t('popup.keyEnter')}</kbd>
                </button>
              </div>
            </section>
          )}
        </>
      )}

      {DueToday && !q && !filling && <DueToday />}

      {notice && (
        <div class={`notice notice-${notice.kind}`} role="status" data-testid="popup-notice">
          <span>{notice.text}</span>
          {notice.copy && (
            <button type="button" class="link" onClick={() => copyInstead(notice.copy)}>
              {i18n.t('popup.copyInstead')}
            </button>
          )}
        </div>
      )}

      {filling ? (
        <footer class="hints">
          <span>
            <kbd>{i18n.t('popup.keyEnter')}</kbd>{' '}
            {i18n.t(filling.action === 'copy' ? 'popup.copy' : 'popup.insert')}
          </span>
          <span>
            <kbd>{i18n.t('popup.keyCtrlEnter')}</kbd> {i18n.t('popup.copy')}
          </span>
          <span>
            <kbd>Esc</kbd> {i18n.t('popup.fill.back')}
          </span>
        </footer>
      ) : (
        <footer class="hints">
          <span>
            <kbd>↑</kbd>
            <kbd>↓</kbd> {i18n.t('popup.hintMove')}
          </span>
          <span>
            <kbd>{i18n.t('popup.keyEnter')}</kbd> {i18n.t('popup.insert')}
          </span>
          <span>
            <kbd>{i18n.t('popup.keyCtrlEnter')}</kbd> {i18n.t('popup.copy')}
          </span>
          <span>
            <kbd>Esc</kbd> {i18n.t('popup.hintClear')}
          </span>
        </footer>
      )}
    </div>
  );
}
