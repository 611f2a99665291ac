import type { Highlight, MatchVia, PhraseHit } from '../phrases/search-core';
import type { Platform } from '../sites/platforms';
import type { PhraseRecord } from '../store/db';

/**
 * What the popup searches with in the moments before the worker's index is ready: the phrases as
 * a few long strings (one per field, rows separated by NUL) and typed arrays, not 20k objects.
 * Reading that from IndexedDB costs the page a few milliseconds instead of a few hundred (the
 * structured clone of 20k nested objects is what is slow), and a query is a handful of
 * String.indexOf passes over those strings. Only the hits that are shown become phrase objects.
 *
 * Same tiers as quick-scan.ts (which searches plain objects, for `source=direct`).
 */
export interface ScanSnapshot {
  v: 1;
  revision: number;
  n: number;
  ids: string;
  titles: string;
  shortcuts: string;
  categories: string;
  /** Tags of a row joined by \u0001. */
  tags: string;
  /** Variants of a row joined by \u0001. */
  variants: string;
  platforms: string;
  /** The title's cached readings (py.title), for highlighting pinyin hits. */
  readings: string;
  /** Title pinyin, first reading per character, and its initials. */
  full: string;
  initials: string;
  usage: Float64Array;
  lastUsed: Float64Array;
}

const ROW = '\u0000';
const ITEM = '\u0001';

const readingsOf = (py: string) => (py ? py.split(' ').map((t) => t.split('|')[0] ?? '') : []);

export function buildSnapshot(revision: number, phrases: readonly PhraseRecord[]): ScanSnapshot {
  const active = phrases.filter((p) => p.deletedAt === undefined);
  const col = (f: (p: PhraseRecord) => string) => active.map((p) => f(p).replaceAll(ROW, ' ')).join(ROW);
  const pinyin = active.map((p) => {
    let full = '';
    let initials = '';
    for (const r of readingsOf(p.py?.title ?? '')) {
      if (!r) continue;
      full += r;
      initials += r[0];
    }
    return { full, initials };
  });
  return {
    v: 1,
    revision,
    n: active.length,
    ids: col((p) => p.id),
    titles: col((p) => p.title),
    shortcuts: col((p) => p.shortcut ?? ''),
    categories: col((p) => p.category ?? ''),
    tags: col((p) => (p.tags ?? []).join(ITEM)),
    variants: col((p) => p.variants.join(ITEM)),
    platforms: col((p) => (p.platforms ?? []).join(',')),
    readings: col((p) => p.py?.title ?? ''),
    full: pinyin.map((x) => x.full).join(ROW),
    initials: pinyin.map((x) => x.initials).join(ROW),
    usage: Float64Array.from(active, (p) => p.usageCount ?? 0),
    lastUsed: Float64Array.from(active, (p) => p.lastUsedAt ?? 0),
  };
}

/** Start offset of every row in a column. */
function starts(column: string, n: number): Int32Array {
  const out = new Int32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    out[i] = at;
    const next = column.indexOf(ROW, at);
    at = next < 0 ? column.length + 1 : next + 1;
  }
  out[n] = column.length + 1;
  return out;
}

/** The row holding offset `pos` (binary search over the starts). */
function rowAt(s: Int32Array, pos: number): number {
  let lo = 0;
  let hi = s.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function createSnapshotScan(snap: ScanSnapshot) {
  const n = snap.n;
  const lower = {
    titles: snap.titles.toLowerCase(),
    shortcuts: snap.shortcuts.toLowerCase(),
    labels: `${snap.categories}`.toLowerCase(),
    tags: snap.tags.toLowerCase(),
    variants: snap.variants.toLowerCase(),
  };
  const cols = new Map<string, Int32Array>();
  const startsOf = (name: string, column: string) => {
    let s = cols.get(name);
    if (!s) cols.set(name, (s = starts(column, n)));
    return s;
  };
  const field = (name: keyof ScanSnapshot & string, row: number) => {
    const column = snap[name] as string;
    const s = startsOf(name, column);
    return column.slice(s[row]!, s[row + 1]! - 1);
  };

  const phraseAt = (row: number): PhraseRecord => {
    const tags = field('tags', row);
    const platforms = field('platforms', row);
    const shortcut = field('shortcuts', row);
    const category = field('categories', row);
    return {
      id: field('ids', row),
      title: field('titles', row),
      ...(shortcut ? { shortcut } : {}),
      ...(category ? { category } : {}),
      ...(tags ? { tags: tags.split(ITEM) } : {}),
      variants: field('variants', row).split(ITEM),
      ...(platforms ? { platforms: platforms.split(',') as Platform[] } : {}),
      source: { kind: 'mine' },
      usageCount: snap.usage[row],
      ...(snap.lastUsed[row] ? { lastUsedAt: snap.lastUsed[row] } : {}),
    };
  };

  /** Title characters covered by letters [from, from+len) of the row's full pinyin or initials. */
  const pinyinRange = (row: number, from: number, len: number, initials: boolean): [number, number] => {
    let at = 0;
    let start = -1;
    let end = -1;
    readingsOf(field('readings', row)).forEach((r, k) => {
      if (!r) return;
      const width = initials ? 1 : r.length;
      if (start < 0 && from < at + width) start = k;
      if (end < 0 && from + len <= at + width) end = k + 1;
      at += width;
    });
    return [Math.max(0, start), end < 0 ? field('titles', row).length : end];
  };

  return {
    size: n,
    search(query: string, limit = 20, platform?: Platform): PhraseHit<PhraseRecord>[] {
      const q = query.trim().toLowerCase();
      const compact = q.replace(/\s+/g, '');
      if (!q || q.includes(ROW) || q.includes(ITEM)) return [];
      const score = new Uint8Array(n);
      const via: MatchVia[] = new Array(n);
      const at = new Int32Array(n).fill(-1);
      /** Every occurrence of `needle` in a column: the best tier per row wins. */
      const pass = (
        name: string,
        column: string,
        needle: string,
        tier: number,
        how: MatchVia,
        rowStartOnly = false,
      ) => {
        if (!needle) return;
        const s = startsOf(name, column);
        for (let pos = column.indexOf(needle); pos >= 0; pos = column.indexOf(needle, pos + 1)) {
          const row = rowAt(s, pos);
          const offset = pos - s[row]!;
          if (rowStartOnly && offset !== 0) continue;
          if (score[row]! < tier) {
            score[row] = tier;
            via[row] = how;
            at[row] = offset;
          }
        }
      };
      pass('titles', lower.titles, q, 80, 'text');
      pass('shortcuts', lower.shortcuts, q, 75, 'shortcut', true);
      pass('full', snap.full, compact, 70, 'pinyin');
      pass('initials', snap.initials, compact, 65, 'initials');
      pass('categories', lower.labels, q, 50, 'text');
      pass('tags', lower.tags, q, 50, 'text');
      pass('variants', lower.variants, q, 40, 'text');
      const rows: number[] = [];
      for (let row = 0; row < n; row++) {
        if (!score[row]) continue;
        if (score[row] === 75 && field('shortcuts', row).toLowerCase() === q) score[row] = 100;
        if (score[row] === 80 && at[row] === 0) score[row] = 85;
        if (platform) {
          const list = field('platforms', row);
          if (list && !list.split(',').includes(platform)) continue;
        }
        rows.push(row);
      }
      rows.sort(
        (a, b) =>
          score[b]! - score[a]! || snap.usage[b]! - snap.usage[a]! || snap.lastUsed[b]! - snap.lastUsed[a]!,
      );
      return rows.slice(0, limit).map((row) => {
        const phrase = phraseAt(row);
        const tier = score[row]!;
        const offset = at[row]!;
        let highlight: Highlight | undefined;
        if (tier >= 80) highlight = { field: 'title', index: 0, ranges: [[offset, offset + q.length]] };
        else if (tier === 100 || tier === 75)
          highlight = { field: 'shortcut', index: 0, ranges: [[0, q.length]] };
        else if (tier === 70 || tier === 65) {
          highlight = {
            field: 'title',
            index: 0,
            ranges: [pinyinRange(row, offset, compact.length, tier === 65)],
          };
        } else if (tier === 40) {
          // offset is into the variants joined by \u0001: find which variant, and where in it.
          let k = 0;
          let from = 0;
          for (const v of phrase.variants) {
            if (offset < from + v.length + 1) break;
            from += v.length + 1;
            k++;
          }
          highlight = { field: 'variant', index: k, ranges: [[offset - from, offset - from + q.length]] };
        }
        return { id: phrase.id, phrase, score: tier, via: via[row]!, ...(highlight ? { highlight } : {}) };
      });
    },
  };
}

export type SnapshotScan = ReturnType<typeof createSnapshotScan>;
