import type { IDBPDatabase } from 'idb';
import { parsePack, type Pack, type PackInput } from '../../../lib/packs';
import { isPackPhraseId } from '../../../lib/packs/installed';
import { openKefuDB, type KefuDB, type PhraseRecord } from '../../../lib/store/db';
import { PackPhraseChunks, readPackPhrases } from '../../../lib/store/pack-phrase-store';

let n = 0;
/** A fresh database per test (fake-indexeddb keeps databases for the whole file). */
export const freshDb = () => openKefuDB(`kefu-packs-${Date.now()}-${n++}`);

/** A small team pack; `version` and extra phrases vary per test. */
export function teamPack(version = 1, extra: PackInput['phrases'] = []): PackInput {
  return {
    format: 'kefu-pack/1',
    id: 'team-after-sales',
    name: '售后组话术',
    version,
    publisher: '售后组 王组长',
    updatedAt: '2025-03-01T10:00:00+08:00',
    changelog: `第 ${version} 版`,
    phrases: [
      {
        id: 'ship',
        title: '催发货',
        shortcut: 'cfh',
        category: '售中/发货时间',
        variants: ['亲，今天就发货哦～'],
      },
      { id: 'size', title: '尺码推荐', shortcut: 'cm', variants: ['亲，方便说下身高体重吗？'] },
      ...extra,
    ],
  };
}

export function mustParse(input: unknown): Pack {
  const r = parsePack(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

/**
 * Everything in every store, for "nothing changed" comparisons. Pack phrases are listed with the
 * agent's under `phrases`, one row per phrase, as [id, record] (how they are chunked is layout).
 */
export async function snapshot(db: IDBPDatabase<KefuDB>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of [...db.objectStoreNames].sort()) {
    if (name === 'packPhrases') continue;
    const tx = db.transaction(name as 'kv');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    out[name] = keys.map((k, i) => [k, values[i]]);
    await tx.done;
  }
  const packRows = (await readPackPhrases(db.transaction('packPhrases').store)).map((r) => [r.id, r]);
  out.phrases = [...(out.phrases as [string, unknown][]), ...packRows].sort(([a], [b]) =>
    String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  return out;
}

/** A phrase as stored, wherever it lives: the agent's in `phrases`, installed packs' in chunks. */
export async function storedPhrase(db: IDBPDatabase<KefuDB>, id: string): Promise<PhraseRecord | undefined> {
  if (!isPackPhraseId(id)) return db.get('phrases', id);
  return new PackPhraseChunks(db.transaction('packPhrases').store).get(id);
}

/** One installed pack's stored phrases, in stored-id order. */
export async function packPhraseRecords(db: IDBPDatabase<KefuDB>, packId: string): Promise<PhraseRecord[]> {
  return readPackPhrases(db.transaction('packPhrases').store, packId);
}

/** Overwrites a stored phrase behind the repositories' back (to set up a test). */
export async function putStoredPhrase(db: IDBPDatabase<KefuDB>, record: PhraseRecord): Promise<void> {
  if (!isPackPhraseId(record.id)) {
    await db.put('phrases', record);
    return;
  }
  const tx = db.transaction('packPhrases', 'readwrite');
  const chunks = new PackPhraseChunks(tx.store);
  if (!(await chunks.get(record.id))) throw new Error(`no stored pack phrase ${record.id}`);
  chunks.put(record);
  chunks.flush();
  await tx.done;
}
