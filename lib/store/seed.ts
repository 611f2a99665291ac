import type { IDBPDatabase } from 'idb';
import type { Phrase } from '../phrases/model';
import { withPinyin } from '../phrases/pinyin';
import { STARTER_PHRASES } from '../phrases/starter';
import { openKefuDB, type KefuDB } from './db';
import { bumpPhrasesRevision } from './revision';

/** kv key remembering that the starter set was added once (its value: when, and how many). */
export const STARTER_SEEDED_KEY = 'seed:starter';

export interface SeedResult {
  seeded: boolean;
  added: number;
}

/**
 * Adds the starter phrases on first install, ONCE: the flag and the phrases are written in one
 * transaction, so a crash cannot leave phrases without the flag (seeded twice later) or the flag
 * without phrases. Phrases already present (same id) are left as they are; an agent who trashed
 * or purged the starter set never gets it back, even when the extension is reinstalled over a
 * kept profile or a backup brings the flag back.
 */
export async function seedStarterOnce(
  db: IDBPDatabase<KefuDB>,
  phrases: readonly Phrase[] = STARTER_PHRASES,
  now = Date.now(),
): Promise<SeedResult> {
  // Pinyin before the transaction: an IndexedDB transaction closes when it waits on anything else.
  const records = phrases.map((p) => withPinyin({ ...p, createdAt: now, updatedAt: now, usageCount: 0 }));
  const tx = db.transaction(['phrases', 'kv'], 'readwrite');
  const kv = tx.objectStore('kv');
  if ((await kv.get(STARTER_SEEDED_KEY)) !== undefined) {
    await tx.done;
    return { seeded: false, added: 0 };
  }
  const store = tx.objectStore('phrases');
  const existing = new Set(await store.getAllKeys());
  let added = 0;
  for (const record of records) {
    if (existing.has(record.id)) continue;
    void store.put(record);
    added++;
  }
  void kv.put({ at: now, count: added }, STARTER_SEEDED_KEY);
  await tx.done;
  return { seeded: true, added };
}

/** runtime.onInstalled 'install': seed, then tell open pages (popup cache, pickers) to refresh. */
export async function seedOnInstall(
  open: () => Promise<IDBPDatabase<KefuDB>> = () => openKefuDB(),
): Promise<SeedResult> {
  const db = await open();
  try {
    const result = await seedStarterOnce(db);
    if (result.added > 0) await bumpPhrasesRevision();
    return result;
  } finally {
    db.close();
  }
}
