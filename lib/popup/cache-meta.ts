import type { PhraseRecord } from '../store/db';

/**
 * The small part of the popup cache (phrase-cache.ts): the revision it was made at, and the recent
 * and frequent phrases shown before anything is typed, in the popup's localStorage. Read
 * synchronously, so those phrases are in the popup's FIRST frame. A module of its own, with no
 * imports: it is on the popup's critical path (popup-app.tsx), the IndexedDB part is not.
 */

/** How many recent and frequent phrases the popup shows for an empty query. */
export const TOP_RECENT = 5;
export const TOP_FREQUENT = 8;

export interface CacheMeta {
  revision: number;
  savedAt: number;
  count: number;
  recent: PhraseRecord[];
  frequent: PhraseRecord[];
}

const META_KEY = 'kefu:popup-meta';

/** The small part, synchronously (undefined when missing or unreadable). */
export function readMeta(): CacheMeta | undefined {
  try {
    const raw = localStorage.getItem(META_KEY);
    const meta = raw ? (JSON.parse(raw) as CacheMeta) : undefined;
    return meta && Array.isArray(meta.recent) && Array.isArray(meta.frequent) ? meta : undefined;
  } catch {
    return undefined;
  }
}

export function writeMeta(meta: CacheMeta): void {
  try {
    // Pinyin is not needed to show these: leave it out, keep the item small.
    const slim = (p: PhraseRecord) => ({ ...p, py: undefined });
    localStorage.setItem(
      META_KEY,
      JSON.stringify({ ...meta, recent: meta.recent.map(slim), frequent: meta.frequent.map(slim) }),
    );
  } catch {
    // Storage full or disabled: the popup still works, it only paints a moment later.
  }
}

/**
 * After the popup used a phrase: the background counts it (phrases:used) without changing the
 * revision, so the cached copy is updated here too — the next open shows it under 最近使用.
 */
export function noteUse(phrase: PhraseRecord, now = Date.now()): CacheMeta | undefined {
  const meta = readMeta();
  if (!meta) return undefined;
  const used = { ...phrase, usageCount: (phrase.usageCount ?? 0) + 1, lastUsedAt: now };
  const recent = [used, ...meta.recent.filter((p) => p.id !== phrase.id)].slice(0, TOP_RECENT);
  const frequent = meta.frequent.filter((p) => p.id !== phrase.id);
  const next = { ...meta, recent, frequent };
  writeMeta(next);
  return next;
}
