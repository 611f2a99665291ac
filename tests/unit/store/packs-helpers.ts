import type { IDBPDatabase } from 'idb';
import { parsePack, type Pack, type PackInput } from '../../../lib/packs';
import { openKefuDB, type KefuDB } from '../../../lib/store/db';

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

/** Everything in every store, for "nothing changed" comparisons. */
export async function snapshot(db: IDBPDatabase<KefuDB>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of [...db.objectStoreNames].sort()) {
    const tx = db.transaction(name as 'kv');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    out[name] = keys.map((k, i) => [k, values[i]]);
    await tx.done;
  }
  return out;
}
