import type { Highlight, PhraseHit } from '../phrases/search-core';
import type { Platform } from '../sites/platforms';
import type { PhraseRecord } from '../store/db';

/**
 * A plain scan over the phrase list: no index to build, a few milliseconds per query at 20k.
 * The popup answers with it while the real index (lib/phrases/search-core.ts) is still being
 * built in the worker, so an agent who types the moment the popup opens is never kept waiting;
 * the index's answer replaces it as soon as it is ready. It matches text, shortcut and the
 * title's cached pinyin (full and initials), which covers what agents type first.
 */

interface Row {
  p: PhraseRecord;
  title: string;
  shortcut: string;
  labels: string;
  variants: string[];
  /** Title pinyin (first reading per character) and its initials; offsets are found per hit. */
  full: string;
  initials: string;
}

/** The title's readings, one per UTF-16 unit ('' for none), from the cached `py.title`. */
const readingsOf = (p: PhraseRecord) =>
  p.py?.title ? p.py.title.split(' ').map((t) => t.split('|')[0] ?? '') : [];

/**
 * Cheap per phrase (20k of them are prepared on the first query): two strings, no arrays. Where a
 * pinyin match lies in the title is worked out only for the hits that are shown.
 */
function prepare(p: PhraseRecord): Row {
  const readings = readingsOf(p);
  let full = '';
  let initials = '';
  for (const r of readings) {
    if (!r) continue;
    full += r;
    initials += r[0];
  }
  return {
    p,
    title: p.title.toLowerCase(),
    shortcut: (p.shortcut ?? '').toLowerCase(),
    labels: [p.category ?? '', ...(p.tags ?? [])].join('\u0001').toLowerCase(),
    variants: p.variants.map((v) => v.toLowerCase()),
    full,
    initials,
  };
}

/** Title characters covered by letters [from, from+len) of the full pinyin (or of the initials). */
function pinyinRange(p: PhraseRecord, from: number, len: number, initials: boolean): [number, number] {
  let at = 0;
  let start = -1;
  let end = -1;
  readingsOf(p).forEach((r, k) => {
    if (!r) return;
    const width = initials ? 1 : r.length;
    if (start < 0 && from < at + width) start = k;
    if (end < 0 && from + len <= at + width) end = k + 1;
    at += width;
  });
  return [Math.max(0, start), end < 0 ? p.title.length : end];
}

export function createQuickScan(phrases: readonly PhraseRecord[]) {
  let rows: Row[] | undefined;
  return {
    size: phrases.length,
    search(query: string, limit = 20, platform?: Platform): PhraseHit<PhraseRecord>[] {
      const q = query.trim().toLowerCase();
      rows ??= phrases.filter((p) => p.deletedAt === undefined).map(prepare);
      const compact = q.replace(/\s+/g, '');
      const found: { hit: PhraseHit<PhraseRecord>; pinyinAt?: [number, boolean] }[] = [];
      for (const row of rows) {
        const { p } = row;
        if (platform && p.platforms?.length && !p.platforms.includes(platform)) continue;
        if (!q) {
          found.push({ hit: { id: p.id, phrase: p, score: 0, via: 'recent' } });
          continue;
        }
        let score = 0;
        let via: PhraseHit<PhraseRecord>['via'] = 'text';
        let highlight: Highlight | undefined;
        let pinyinAt: [number, boolean] | undefined;
        let k: number;
        if (row.shortcut && row.shortcut === q) {
          score = 100;
          via = 'shortcut';
          highlight = { field: 'shortcut', index: 0, ranges: [[0, q.length]] };
        } else if ((k = row.title.indexOf(q)) >= 0) {
          score = k === 0 ? 85 : 80;
          highlight = { field: 'title', index: 0, ranges: [[k, k + q.length]] };
        } else if (row.shortcut.startsWith(q)) {
          score = 75;
          via = 'shortcut';
          highlight = { field: 'shortcut', index: 0, ranges: [[0, q.length]] };
        } else if (compact && (k = row.full.indexOf(compact)) >= 0) {
          score = 70;
          via = 'pinyin';
          pinyinAt = [k, false];
        } else if (compact && (k = row.initials.indexOf(compact)) >= 0) {
          score = 65;
          via = 'initials';
          pinyinAt = [k, true];
        } else if (row.labels.includes(q)) {
          score = 50;
        } else {
          const v = row.variants.findIndex((text) => text.includes(q));
          if (v >= 0) {
            score = 40;
            const at = row.variants[v]!.indexOf(q);
            highlight = { field: 'variant', index: v, ranges: [[at, at + q.length]] };
          }
        }
        if (score > 0)
          found.push({
            hit: { id: p.id, phrase: p, score, via, ...(highlight ? { highlight } : {}) },
            pinyinAt,
          });
      }
      found.sort(
        ({ hit: a }, { hit: b }) =>
          b.score - a.score ||
          (b.phrase.usageCount ?? 0) - (a.phrase.usageCount ?? 0) ||
          (b.phrase.lastUsedAt ?? 0) - (a.phrase.lastUsedAt ?? 0),
      );
      // Where a pinyin match lies in the title: only for the hits that are shown.
      return found.slice(0, limit).map(({ hit, pinyinAt }) =>
        pinyinAt
          ? {
              ...hit,
              highlight: {
                field: 'title',
                index: 0,
                ranges: [pinyinRange(hit.phrase, pinyinAt[0], compact.length, pinyinAt[1])],
              },
            }
          : hit,
      );
    },
  };
}

export type QuickScan = ReturnType<typeof createQuickScan>;
