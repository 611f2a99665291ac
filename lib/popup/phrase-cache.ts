import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PhraseRecord } from '../store/db';
import type { ScanSnapshot } from './scan-snapshot';

export { TOP_FREQUENT, TOP_RECENT, noteUse, readMeta, writeMeta, type CacheMeta } from './cache-meta';

/**
 * The popup's own cache of the phrase list, with the pinyin the background derived. The popup
 * lives for seconds: asking the background for 20k phrases on every open (read them all, send
 * ~10 MB through messaging, parse) takes most of a second, so it keeps a copy, tagged with the
 * phrases revision it was made at (lib/store/revision.ts), and asks again only when that changed.
 *
 * Not the product's database (lib/store, background only): a disposable copy, which any version
 * can drop, in two parts:
 * - `meta` (revision, and the recent and frequent phrases shown before anything is typed) in the
 *   popup's localStorage: read synchronously, so those phrases are in the popup's FIRST frame
 *   (cache-meta.ts, kept apart so the first frame does not wait for this module and idb);
 * - the `list` the search worker indexes, in an IndexedDB database of its own (too big for
 *   localStorage, and the worker can read it there without the page copying it);
 * - the same phrases as a `scan` snapshot (scan-snapshot.ts), cheap for the page to read, which
 *   answers queries typed before the index is ready.
 */
export const CACHE_DB_NAME = 'kefu-popup-cache';
const CACHE_DB_VERSION = 1;

interface CacheList {
  revision: number;
  phrases: PhraseRecord[];
}

interface CacheSchema extends DBSchema {
  snap: { key: 'list' | 'scan'; value: CacheList | ScanSnapshot };
}

export type CacheDB = IDBPDatabase<CacheSchema>;

export function openCache(name = CACHE_DB_NAME): Promise<CacheDB> {
  return openDB<CacheSchema>(name, CACHE_DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('snap');
    },
  });
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
