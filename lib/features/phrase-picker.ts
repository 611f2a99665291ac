import { h, render } from 'preact';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import {
  Picker,
  type PickerField,
  type PickerItem,
  type PickerPlacement,
  type PickerView,
} from '../../components/picker/picker';
import css from '../../components/picker/picker.css?inline';
import { toRuns, type TextRun } from '../../components/picker/segments';
import { placePopup, textPoint } from '../dom/caret';
import { isEditable, type EditableField } from '../dom/editable';
import { installKeyGuard } from '../dom/key-guard';
import { mountShadowUi } from '../dom/shadow-ui';
import { caretOffset, plainText, replaceSpan, selectSpan } from '../dom/text-range';
import { pickerKeyAction, type TriggerMatch } from '../dom/trigger';
import { checkField, deepActive, editableFrom, watchTriggers } from '../dom/trigger-watch';
import { sendMessage } from '../messaging/client';
import { pickerOpenRequest, type PickerOpenReply } from '../messaging/picker-messages';
import {
  contentPhraseCache,
  disposeContentPhraseCache,
  type ContentPhrase,
} from '../phrases/content-phrases';
import { pickVariant, type RotationState } from '../phrases/rotation';
import { loadRotation, saveRotation } from '../phrases/rotation-store';
import type { PhraseHit } from '../phrases/search-core';
import { renderTemplate, type TemplateValues } from '../phrases/template';
import type { Settings } from '../settings/schema';
import type { SiteAdapter } from '../sites/types';
import { defineFeature, type FeatureContext } from './types';

/**
 * The phrase picker (the chat helper's heart): `/` or `、` + query in any editable field opens a
 * list of matching phrases at the caret; ↑/↓ choose, Enter/Tab insert, Esc closes. Alt+K opens it
 * with an empty query. The chosen phrase replaces the typed trigger and query, with its
 * variables filled from the page (or asked for in a small form), a variant this buyer did not
 * get last time, through the browser's own editing command (undo works, the page's framework
 * sees it). It never sends: while it is open, Enter and the arrows never reach the page.
 */

const LIMIT = 20;
const POPUP = { width: 420, height: 440 };

/** Template variable → its label and placeholder keys (names as in lib/phrases/template.ts). */
const VARIABLE_TEXT: Record<string, { label: () => string; placeholder: () => string }> = {
  买家: { label: () => i18n.t('picker.varBuyer'), placeholder: () => i18n.t('picker.phBuyer') },
  客服: { label: () => i18n.t('picker.varAgent'), placeholder: () => i18n.t('picker.phAgent') },
  订单号: { label: () => i18n.t('picker.varOrder'), placeholder: () => i18n.t('picker.phOrder') },
  商品: { label: () => i18n.t('picker.varItem'), placeholder: () => i18n.t('picker.phItem') },
  快递: { label: () => i18n.t('picker.varCourier'), placeholder: () => i18n.t('picker.phCourier') },
  单号: { label: () => i18n.t('picker.varTracking'), placeholder: () => i18n.t('picker.phTracking') },
  日期: { label: () => i18n.t('picker.varDate'), placeholder: () => i18n.t('picker.phDate') },
  店铺: { label: () => i18n.t('picker.varShop'), placeholder: () => i18n.t('picker.phShop') },
};

const SHANGHAI_DAY = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
});

/** Values the page and the settings give for template variables. */
export function pageValues(
  site: SiteAdapter,
  settings: Settings,
  doc: Document,
  now = new Date(),
): TemplateValues {
  const values: TemplateValues = {
    客服: settings.agentName,
    店铺: settings.shopName,
    日期: SHANGHAI_DAY.format(now),
  };
  const chat = site.chat;
  if (!chat) return values;
  // Each read on its own: a changed layout for one must not lose the others.
  const read = (fn: () => string | undefined) => {
    try {
      return fn()?.trim() || undefined;
    } catch {
      return undefined;
    }
  };
  values['买家'] = read(() => chat.buyerNick(doc));
  values['订单号'] = read(() => chat.orderId?.(doc));
  values['商品'] = read(() => chat.itemTitle?.(doc));
  return values;
}

function toItem(hit: PhraseHit<ContentPhrase>): PickerItem {
  const p = hit.phrase;
  const hl = hit.highlight;
  const marks = (field: string) => (hl && hl.field === field ? hl.ranges : []);
  const variantIndex = hl?.field === 'variant' ? hl.index : 0;
  const item: PickerItem = {
    id: p.id,
    title: p.title,
    preview: p.variants[variantIndex] ?? p.variants[0] ?? '',
    variantCount: p.variants.length,
    titleMarks: marks('title'),
    shortcutMarks: marks('shortcut'),
    previewMarks: marks('variant'),
    recent: false,
  };
  if (p.shortcut) item.shortcut = p.shortcut;
  if (p.category) item.category = p.category.split('/').pop();
  if (hl?.field === 'tag' && p.tags?.[hl.index]) item.label = { text: p.tags[hl.index]!, marks: hl.ranges };
  if (hl?.field === 'category' && p.category) {
    item.label = { text: p.category, marks: hl.ranges };
    delete item.category;
  }
  return item;
}

interface FormState {
  phrase: ContentPhrase;
  variant: string;
  rotation: RotationState;
  names: string[];
  values: string[];
  invalid: boolean[];
  focus: number;
  known: TemplateValues;
}

interface Session {
  field: EditableField;
  /** The typed trigger (`/`, `、`); '' when opened by the keyboard command. */
  trigger: string;
  /** Offset (text-range.ts coordinates) where the trigger — or, for the command, the caret — was. */
  start: number;
  query: string;
  hits: PhraseHit<ContentPhrase>[];
  /** The query `hits` answer (null before the first answer). */
  resultsFor: string | null;
  active: number;
  status: 'loading' | 'ready' | 'error';
  seq: number;
  placement: PickerPlacement;
  form: FormState | null;
  rotation: Promise<RotationState>;
}

interface Ui {
  container: HTMLElement;
  host: HTMLElement;
  shadow: ShadowRoot;
}

let invalidationHooked = false;

export default defineFeature({
  id: 'phrase-picker',
  include: () => true,
  async init(fc) {
    startPicker(fc);
  },
});

function startPicker(fc: FeatureContext): void {
  const { signal, site, settings } = fc;
  const guard = installKeyGuard();
  const cache = contentPhraseCache();
  if (!invalidationHooked) {
    invalidationHooked = true;
    fc.ctx.onInvalidated(() => disposeContentPhraseCache());
  }
  const platform = site.platform === 'other' ? undefined : site.platform;

  let ui: Ui | null = null;
  let mounting: Promise<Ui | null> | null = null;
  let session: Session | null = null;
  let release: (() => void) | null = null;
  /**
   * After Esc: the trigger at this offset stays closed while the agent keeps typing after it
   * (the query only grows). A new trigger, or an edited query, opens again.
   */
  let dismissed: { field: EditableField; start: number; query: string } | null = null;

  const mount = (): Promise<Ui | null> => {
    if (ui) return Promise.resolve(ui);
    mounting ??= mountShadowUi(fc, {
      name: 'phrase-picker',
      css,
      render(container, shadow) {
        ui = { container, shadow, host: shadow.host as HTMLElement };
        return () => {
          render(null, container);
          ui = null;
          mounting = null;
        };
      },
    }).then(() => ui);
    return mounting;
  };

  const isOurs = (event: Event) => !!ui && event.composedPath().includes(ui.host);

  // ---- rendering ----------------------------------------------------------------------------

  const view = (s: Session): PickerView => {
    if (s.form) {
      const f = s.form;
      return {
        mode: 'form',
        title: f.phrase.title,
        fields: f.names.map((name, i): PickerField => ({
          name,
          label: VARIABLE_TEXT[name]?.label() ?? name,
          placeholder: VARIABLE_TEXT[name]?.placeholder() ?? i18n.t('picker.phOther', [name]),
          value: f.values[i] ?? '',
          invalid: f.invalid[i] ?? false,
        })),
        preview: previewRuns(f),
        focus: f.focus,
      };
    }
    return {
      mode: 'list',
      trigger: s.trigger,
      query: s.query,
      items: s.hits.map(toItem),
      active: s.active,
      status: s.status,
      resultsFor: s.resultsFor,
      total: cache.size,
    };
  };

  /** Renders the session; `reveal`: scroll the chosen row into view (keyboard moves only). */
  const paint = (reveal = false) => {
    const s = session;
    if (!s || !ui) return;
    render(
      h(Picker, {
        view: view(s),
        placement: s.placement,
        platform: site.platform,
        onHover: (i) => {
          if (session && i !== session.active) {
            session.active = i;
            paint();
          }
        },
        onPick: (i) => {
          if (!session) return;
          session.active = i;
          void pick();
        },
        onFieldInput: (i, value) => {
          const f = session?.form;
          if (!f) return;
          f.values[i] = value;
          f.invalid[i] = false;
          paint();
        },
        onFieldFocus: (i) => {
          if (session?.form) session.form.focus = i;
        },
        onSubmit: () => submitForm(),
        onBack: () => backToList(),
      }),
      ui.container,
    );
    if (reveal && !s.form) keepActiveVisible();
  };

  const keepActiveVisible = () => {
    // ul.list: the picker's root carries the mode class `list` too.
    const list = ui?.shadow.querySelector<HTMLElement>('ul.list');
    const row = list?.querySelector<HTMLElement>('.row.on');
    if (!list || !row) return;
    // Both offsets are from the picker's root (the positioned ancestor): the row's place in the list.
    const top = row.offsetTop - list.offsetTop;
    if (top < list.scrollTop) list.scrollTop = top - 4;
    else if (top + row.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = top + row.offsetHeight - list.clientHeight + 4;
    }
  };

  const place = (s: Session) => {
    if (!ui) return;
    const point = textPoint(s.field, s.start, ui.container);
    s.placement = placePopup(point, POPUP, { width: window.innerWidth, height: window.innerHeight });
  };

  // ---- searching ----------------------------------------------------------------------------

  const runSearch = (s: Session) => {
    const seq = ++s.seq;
    cache.search(s.query, LIMIT, platform).then(
      (hits) => {
        if (session !== s || s.seq !== seq) return;
        s.hits = hits;
        s.resultsFor = s.query;
        s.active = 0;
        s.status = 'ready';
        paint();
      },
      () => {
        if (session !== s || s.seq !== seq) return;
        s.hits = [];
        s.resultsFor = s.query;
        s.status = 'error';
        paint();
      },
    );
  };

  // ---- opening and closing ------------------------------------------------------------------

  const open = async (field: EditableField, trigger: string, start: number, query: string) => {
    const mounted = await mount();
    if (!mounted || signal.aborted) return;
    if (session && session.field !== field) close();
    const s: Session = (session ??= {
      field,
      trigger,
      start,
      query,
      hits: [],
      resultsFor: null,
      active: 0,
      status: cache.status === 'ready' ? 'ready' : 'loading',
      seq: 0,
      placement: { left: 0, top: 0, bottom: null, maxHeight: POPUP.height, above: false },
      form: null,
      rotation: loadRotation(),
    });
    s.trigger = trigger;
    s.start = start;
    s.query = query;
    place(s);
    release ??= guard.claim({ onKeyDown, ownsTarget: isOurs });
    runSearch(s);
    paint();
  };

  const close = (opts: { dismiss?: boolean } = {}) => {
    const s = session;
    if (!s) return;
    if (opts.dismiss) dismissed = { field: s.field, start: s.start, query: s.query };
    session = null;
    release?.();
    release = null;
    if (ui) render(null, ui.container);
  };

  /** A trigger seen before the caret: open, follow the query, or stay closed after Esc. */
  const onMatch = (field: EditableField, match: TriggerMatch) => {
    if (session?.form) return;
    if (session && session.field === field && session.trigger === '') {
      // Opened by the command: the typed text since then is the query.
      followCommandQuery(session);
      return;
    }
    const caret = caretOffset(field);
    if (caret < 0) return;
    const start = caret - match.length;
    if (dismissed) {
      if (dismissed.field === field && dismissed.start === start && match.query.startsWith(dismissed.query)) {
        dismissed.query = match.query;
        return;
      }
      dismissed = null;
    }
    if (session && session.field === field && session.start === start && session.trigger === match.trigger) {
      if (session.query !== match.query) {
        session.query = match.query;
        // Painted when the results come (this same task, once the index is loaded): no stale list
        // under a new query.
        runSearch(session);
      }
      return;
    }
    void open(field, match.trigger, start, match.query);
  };

  const onNoMatch = (field: EditableField) => {
    if (dismissed?.field === field) dismissed = null;
    if (!session || session.field !== field || session.form) return;
    if (session.trigger === '') followCommandQuery(session);
    else close();
  };

  /** Command mode: what was typed since the picker opened filters it, until it is not a query. */
  const followCommandQuery = (s: Session) => {
    const caret = caretOffset(s.field);
    const typed = caret >= s.start ? plainText(s.field).slice(s.start, caret) : null;
    if (typed === null || typed.length > 24 || /[\s\p{P}\p{S}]/u.test(typed)) {
      close();
      return;
    }
    if (typed !== s.query) {
      s.query = typed;
      runSearch(s);
    }
  };

  // ---- keys (through the guard: before the page sees them) ---------------------------------

  const onKeyDown = (e: KeyboardEvent): boolean => {
    const s = session;
    if (!s) return false;
    if (s.form) {
      if (!isOurs(e)) {
        // The agent went back to the page's field: the form is abandoned, the text stays.
        close();
        return false;
      }
      if (e.key === 'Escape') {
        backToList();
        return true;
      }
      if (e.key === 'Enter') {
        const f = s.form;
        const next = f.values.findIndex((v, i) => i > f.focus && !v.trim());
        if (next >= 0) focusFormField(next);
        else submitForm();
        return true;
      }
      return false;
    }
    if (e.target !== s.field && !isOurs(e) && editableFrom(e.composedPath()[0]) !== s.field) {
      close();
      return false;
    }
    const action = pickerKeyAction(e);
    if (!action) return false;
    const n = s.hits.length;
    switch (action) {
      case 'next':
      case 'prev':
        if (n) s.active = (s.active + (action === 'next' ? 1 : n - 1)) % n;
        break;
      case 'page-next':
        if (n) s.active = Math.min(n - 1, s.active + 6);
        break;
      case 'page-prev':
        if (n) s.active = Math.max(0, s.active - 6);
        break;
      case 'pick':
        if (n) void pick();
        else close({ dismiss: true }); // nothing to insert: the text stays as typed
        return true;
      case 'close':
        close({ dismiss: true });
        return true;
    }
    paint(true);
    return true;
  };

  // ---- picking and inserting ----------------------------------------------------------------

  const pick = async () => {
    const s = session;
    const hit = s?.hits[s.active];
    if (!s || !hit) return;
    const phrase = hit.phrase;
    const buyer = pageValues(site, settings, document)['买家'] ?? '';
    const rotation = await s.rotation.catch(() => undefined);
    if (session !== s) return;
    const picked = pickVariant(phrase, buyer, rotation);
    const known = pageValues(site, settings, document);
    const rendered = renderTemplate(picked.text, known);
    if (rendered.missing.length === 0) {
      insert(s, phrase, rendered.text, picked.state);
      return;
    }
    s.form = {
      phrase,
      variant: picked.text,
      rotation: picked.state,
      names: rendered.missing,
      values: rendered.missing.map(() => ''),
      invalid: rendered.missing.map(() => false),
      focus: 0,
      known,
    };
    paint();
    focusFormField(0);
  };

  const formValues = (f: FormState): TemplateValues => {
    const values: TemplateValues = { ...f.known };
    f.names.forEach((name, i) => (values[name] = f.values[i]));
    return values;
  };

  const previewRuns = (f: FormState): TextRun[] => {
    const values = formValues(f);
    // Filled values read as text; the ones still empty stay visible as {变量} tokens.
    const shown: TemplateValues = {};
    for (const [k, v] of Object.entries(values)) shown[k] = v?.trim() ? v : `{${k}}`;
    const text = renderTemplate(f.variant, shown).text;
    const tokens: Array<[number, number]> = [];
    for (const name of f.names) {
      if (values[name]?.trim()) continue;
      const token = `{${name}}`;
      for (let k = text.indexOf(token); k >= 0; k = text.indexOf(token, k + token.length)) {
        tokens.push([k, k + token.length]);
      }
    }
    return toRuns(text, [], tokens);
  };

  const focusFormField = (i: number) => {
    const s = session;
    if (!s?.form || !ui) return;
    s.form.focus = i;
    const input = ui.shadow.querySelectorAll<HTMLInputElement>('.field input')[i];
    input?.focus({ preventScroll: true });
  };

  const submitForm = () => {
    const s = session;
    const f = s?.form;
    if (!s || !f) return;
    const rendered = renderTemplate(f.variant, formValues(f));
    if (rendered.missing.length) {
      f.invalid = f.names.map((name) => rendered.missing.includes(name));
      paint();
      focusFormField(f.invalid.indexOf(true));
      return;
    }
    insert(s, f.phrase, rendered.text, f.rotation);
  };

  const backToList = () => {
    const s = session;
    if (!s?.form) return;
    s.form = null;
    paint();
    restoreCaret(s);
  };

  /** Puts the caret back after the typed query (the form took the focus). */
  const restoreCaret = (s: Session) => {
    const end = s.start + s.trigger.length + s.query.length;
    selectSpan(s.field, end, end);
  };

  const insert = (s: Session, phrase: ContentPhrase, text: string, rotation: RotationState) => {
    const length = s.trigger.length + s.query.length;
    const current = plainText(s.field);
    const typed = current.slice(s.start, s.start + length);
    close();
    if (!s.field.isConnected || !isEditable(s.field)) return;
    // The page may have changed the field meanwhile (a re-render, a sent message): never
    // replace text that is not what the agent typed; insert at the caret instead.
    const ok = typed === s.trigger + s.query;
    const at = ok ? s.start : Math.max(0, caretOffset(s.field));
    replaceSpan(s.field, at, ok ? s.start + length : at, text);
    cache.noteUsed(phrase);
    void saveRotation(rotation).catch(() => undefined);
    void sendMessage('phrases:used', { id: phrase.id }).catch(() => undefined);
  };

  // ---- wiring -------------------------------------------------------------------------------

  watchTriggers({
    signal,
    guard,
    triggers: () => settings.triggers,
    isOurs,
    onMatch,
    onNoMatch,
    active: () => !!session && !session.form,
  });

  // Load the phrases the first time the agent is in a field (not on page load: most pages
  // never need them), so the first `/` finds them ready.
  const prefetch = (event: Event) => {
    if (isOurs(event) || !editableFrom(event.composedPath()[0])) return;
    void cache.ensure().catch(() => undefined);
    void mount();
  };
  window.addEventListener('focusin', prefetch, { capture: true, signal });
  if (editableFrom(deepActive())) {
    void cache.ensure().catch(() => undefined);
    void mount();
  }

  // The focus went elsewhere in the page (not into our form): close, the text stays as typed.
  window.addEventListener(
    'focusout',
    (event) => {
      const s = session;
      if (!s || (event.composedPath()[0] !== s.field && !isOurs(event))) return;
      // Decide once the focus has landed (relatedTarget is null for some moves).
      setTimeout(() => {
        if (session !== s || !ui) return;
        const active = deepActive();
        if (active && ui.shadow.contains(active)) return;
        if (active === s.field && !s.form) return;
        close();
      }, 0);
    },
    { capture: true, signal },
  );

  // Follow the field when the page scrolls or resizes (once per frame at most).
  let placeFrame = 0;
  const replace = () => {
    if (!session || placeFrame) return;
    placeFrame = requestAnimationFrame(() => {
      placeFrame = 0;
      if (session) {
        place(session);
        paint();
      }
    });
  };
  window.addEventListener('scroll', replace, { capture: true, passive: true, signal });
  window.addEventListener('resize', replace, { signal });

  const unsubscribe = cache.subscribe(() => {
    if (session && !session.form) runSearch(session);
  });

  // Alt+K (background → every frame of the tab): the frame whose field has the focus opens.
  const onMessage = (message: unknown): Promise<PickerOpenReply> | undefined => {
    if (!pickerOpenRequest.safeParse(message).success) return undefined;
    const field = editableFrom(deepActive());
    if (!field || !document.hasFocus()) return undefined;
    const caret = caretOffset(field);
    if (caret < 0) return undefined;
    const match = checkField(field, settings.triggers);
    if (match) void open(field, match.trigger, caret - match.length, match.query);
    else void open(field, '', caret, '');
    return Promise.resolve({ opened: true });
  };
  browser.runtime.onMessage.addListener(onMessage);

  signal.addEventListener(
    'abort',
    () => {
      close();
      unsubscribe();
      cancelAnimationFrame(placeFrame);
      browser.runtime.onMessage.removeListener(onMessage);
    },
    { once: true },
  );
}
