/**
 * The in-page twin of the picker for tests/bench/picker.bench.ts: the SAME Picker component and
 * trigger detection as the extension, fed by a search engine chosen by the URL (`?engine=kefu`,
 * `naive`, `fuse`, or `none` for the floor), all on the page's main thread. Bundled by the bench with esbuild; never
 * shipped.
 */
import Fuse from 'fuse.js';
import { h, render } from 'preact';
import { Picker, type PickerItem, type PickerView } from '../../components/picker/picker';
import { findTrigger, TRIGGER_WINDOW } from '../../lib/dom/trigger';
import { createPhraseIndexCore, type PhrasePinyin } from '../../lib/phrases/search-core';

interface BenchPhrase {
  id: string;
  title: string;
  shortcut?: string;
  category?: string;
  tags?: string[];
  variants: string[];
  usageCount?: number;
  lastUsedAt?: number;
  py?: PhrasePinyin;
}

interface Row {
  phrase: BenchPhrase;
  titleMarks: Array<[number, number]>;
}

type Engine = (query: string, limit: number) => Row[];

const LIMIT = 20;

function kefu(phrases: BenchPhrase[]): Engine {
  const index = createPhraseIndexCore(phrases);
  return (q, limit) =>
    index.search(q, limit).map((hit) => ({
      phrase: hit.phrase,
      titleMarks: hit.highlight?.field === 'title' ? hit.highlight.ranges : [],
    }));
}

/** What one writes first: one lowercase haystack per phrase (text + pinyin), includes(). */
function naive(phrases: BenchPhrase[]): Engine {
  const readings = (r: string | undefined) => {
    const tokens = (r ?? '').split(' ').map((t) => t.split('|')[0] ?? '');
    return `${tokens.join('')}\u0001${tokens.map((t) => t[0] ?? '').join('')}`;
  };
  const rows = phrases.map((p) => ({
    p,
    hay: [
      p.shortcut ?? '',
      p.title,
      p.category ?? '',
      ...(p.tags ?? []),
      ...p.variants,
      readings(p.py?.title),
    ]
      .join('\u0001')
      .toLowerCase(),
  }));
  return (q, limit) => {
    const needle = q.toLowerCase();
    const out: Row[] = [];
    if (!needle) return phrases.slice(0, limit).map((phrase) => ({ phrase, titleMarks: [] }));
    const hits = rows.filter((r) => r.hay.includes(needle));
    hits.sort((a, b) => (b.p.usageCount ?? 0) - (a.p.usageCount ?? 0));
    for (const r of hits.slice(0, limit)) {
      const at = r.p.title.toLowerCase().indexOf(needle);
      out.push({ phrase: r.p, titleMarks: at >= 0 ? [[at, at + needle.length]] : [] });
    }
    return out;
  };
}

/** Fuse.js as its docs show it, over titles, shortcuts, variants and the pinyin of titles. */
function fuse(phrases: BenchPhrase[]): Engine {
  const docs = phrases.map((p) => ({
    p,
    title: p.title,
    shortcut: p.shortcut ?? '',
    variants: p.variants,
    pinyin: (p.py?.title ?? '').replace(/\|[a-z]+/g, '').replace(/ /g, ''),
  }));
  const f = new Fuse(docs, {
    keys: ['shortcut', 'title', 'pinyin', 'variants'],
    threshold: 0.3,
    includeMatches: true,
  });
  return (q, limit) => {
    if (!q) return phrases.slice(0, limit).map((phrase) => ({ phrase, titleMarks: [] }));
    return f.search(q, { limit }).map((r) => {
      const m = r.matches?.find((x) => x.key === 'title');
      return {
        phrase: r.item.p,
        titleMarks: (m?.indices ?? []).map(([s, e]) => [s, e + 1] as [number, number]),
      };
    });
  };
}

/** No search at all: what is left is the browser's own keystroke → next frame (the floor). */
const none = (): Engine => () => [];

const ENGINES: Record<string, (p: BenchPhrase[]) => Engine> = { kefu, naive, fuse, none };

declare global {
  interface Window {
    __pickerBench?: { ready: boolean; engine: string; buildMs: number; size: number };
  }
}

async function main() {
  const params = new URLSearchParams(location.search);
  const name = params.get('engine') ?? 'kefu';
  const phrases = (await (await fetch(params.get('data') ?? '/bench/phrases.json')).json()) as BenchPhrase[];
  const t0 = performance.now();
  const engine = ENGINES[name]!(phrases);
  const buildMs = performance.now() - t0;

  const field = document.getElementById('reply') as HTMLTextAreaElement;
  const host = document.createElement('kefu-phrase-picker');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent =
    (document.getElementById('picker-css') as HTMLTemplateElement).content.textContent ?? '';
  // The same structure as WXT's shadow-root UI: <html><head><style/></head><body>…</body></html>.
  const html = document.createElement('html');
  const head = document.createElement('head');
  const container = document.createElement('body');
  head.append(style);
  html.append(head, container);
  shadow.append(html);

  let query: string | null = null;
  const paint = (q: string, rows: Row[]) => {
    const items: PickerItem[] = rows.map(({ phrase: p, titleMarks }) => ({
      id: p.id,
      title: p.title,
      preview: p.variants[0] ?? '',
      variantCount: p.variants.length,
      titleMarks,
      shortcutMarks: [],
      previewMarks: [],
      recent: false,
      ...(p.shortcut ? { shortcut: p.shortcut } : {}),
      ...(p.category ? { category: p.category } : {}),
    }));
    const view: PickerView = {
      mode: 'list',
      trigger: '/',
      query: q,
      items,
      active: 0,
      status: 'ready',
      resultsFor: q,
      total: phrases.length,
    };
    render(
      h(Picker, {
        view,
        placement: { left: 40, top: null, bottom: 260, maxHeight: 440, above: true },
        platform: 'other',
        onHover: () => undefined,
        onPick: () => undefined,
        onFieldInput: () => undefined,
        onFieldFocus: () => undefined,
        onSubmit: () => undefined,
        onBack: () => undefined,
      }),
      container,
    );
  };
  field.addEventListener('input', () => {
    const end = field.selectionEnd ?? field.value.length;
    const from = Math.max(0, end - TRIGGER_WINDOW);
    const m = findTrigger(field.value.slice(from, end), ['/', '、'], from === 0);
    if (!m) {
      query = null;
      render(null, container);
      return;
    }
    query = m.query;
    paint(query, engine(query, LIMIT));
  });
  window.__pickerBench = { ready: true, engine: name, buildMs, size: phrases.length };
}

void main();
