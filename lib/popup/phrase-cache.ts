import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PhraseRecord } from '../store/db';
import type { ScanSnapshot } from './scan-snapshot';

/**
 * The popup's own cache of the phrase list, with the pinyin the background derived. The popup
 * lives for seconds: asking the background for 20k phrases on every open (read them all, send
 * ~10 MB through messaging, parse) takes most of a second, so it keeps a copy, tagged with the
 * phrases revision it was made at (lib/store/revision.ts), and asks again only when that changed.
 *
 * Not the product's database (lib/store, background only): a disposable copy, which any version
 * can drop, in two parts:
 * - `meta` (revision, and the recent and frequent phrases shown before anything is typed) in the
 *   popup's localStorage: read synchronously, so those phrases are in the popup's FIRST frame;
 * - the `list` the search worker indexes, in an IndexedDB database of its own (too big for
 *   localStorage, and the worker can read it there without the page copying it);
 * - the same phrases as a `scan` snapshot (scan-snapshot.ts), cheap for the page to read, which
 *   answers queries typed before the index is ready.
 */
export const CACHE_DB_NAME = 'kefu-popup-cache';
const CACHE_DB_VERSION = 1;

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

interface CacheList {
  revision: number;
  phrases: PhraseRecord[];
}

interface CacheSchema extends DBSchema {
  snap: { key: 'list' | 'scan'; value: CacheList | ScanSnapshot };
}

const META_KEY = 'kefu:popup-meta';

export type CacheDB = IDBPDatabase<CacheSchema>;

export function openCache(name = CACHE_DB_NAME): Promise<CacheDB> {
  return openDB<CacheSchema>(name, CACHE_DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('snap');
    },
  });
}

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

/** The scan snapshot, only if it was made at `revision`. */
export async function readScan(db: CacheDB, revision: number): Promise<ScanSnapshot | undefined> {
  const snap = (await db.get('snap', 'scan')) as ScanSnapshot | undefined;
  return snap?.v === 1 && snap.revision === revision ? snap : undefined;
}

/** The cached list, only if it was made at `revision`. */
export async function readList(db: CacheDB, revision: number): Promise<PhraseRecord[] | undefined> {
  const list = (await db.get('snap', 'list')) as CacheList | undefined;
  return list && list.revision === revision ? list.phrases : undefined;
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
