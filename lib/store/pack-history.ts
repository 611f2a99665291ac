import type { IDBPObjectStore, StoreNames } from 'idb';
import type { InstalledPackRecord, PendingUpdate } from '../packs/installed';
import type { Pack } from '../packs/schema';
import type { KefuDB } from './db';

/**
 * Whole packs that are not the installed version, kept apart from the `packs` record (since DB
 * v3): the version the last apply replaced (`previous`, for one-click rollback) and a fetched
 * update waiting for review (`pending`). Each is as big as the pack (~3 MB at 10k phrases) and
 * only a rollback or a review reads one, while every list, check and subscription change reads
 * the record; the record keeps the small facts (`previousVersion`, `pendingInfo`).
 *
 * Keyed by [packId, kind]: a key per kept version, so a rollback clones the previous pack and not
 * the pending one, and the value is the plain Pack (a pending update's other fields are on the
 * record). Records and their history change in the same transactions (packs-repo.ts).
 */
export type PackHistoryKind = 'previous' | 'pending';
export const PACK_HISTORY_KINDS: readonly PackHistoryKind[] = ['previous', 'pending'];

/** The versions one pack keeps besides the installed one. */
export type PackHistory = Partial<Record<PackHistoryKind, Pack>>;

export function historyKey(packId: string, kind: PackHistoryKind): [string, PackHistoryKind] {
  return [packId, kind];
}

/** The history store in any transaction that includes it. */
export type HistoryStore<Mode extends IDBTransactionMode = IDBTransactionMode> = IDBPObjectStore<
  KefuDB,
  ArrayLike<StoreNames<KefuDB>>,
  'packHistory',
  Mode
>;

/**
 * A pack record with its kept versions inline: the `packs` value up to DB v2, and the way every
 * backup lists packs (the backup format did not change with DB v3).
 */
export type PackRecordWithHistory = Omit<InstalledPackRecord, 'previousVersion' | 'pendingInfo'> & {
  previous?: Pack;
  pending?: PendingUpdate;
};

/** Inline → apart: the record with the small facts, and the packs that go to `packHistory`. */
export function splitPackRecord(full: PackRecordWithHistory): {
  record: InstalledPackRecord;
  history: PackHistory;
} {
  // Facts a record brought along are derived again from what is inline, so they always agree.
  const { previous, pending, ...rest } = full as PackRecordWithHistory & Partial<InstalledPackRecord>;
  const { previousVersion: _v, pendingInfo: _i, ...base } = rest;
  const record: InstalledPackRecord = { ...base };
  const history: PackHistory = {};
  // A backup checks only a record's id: what is not a pack is not kept as one.
  if (typeof previous?.version === 'number') {
    record.previousVersion = previous.version;
    history.previous = previous;
  }
  if (typeof pending?.pack?.version === 'number') {
    const { pack, ...info } = pending;
    record.pendingInfo = { version: pack.version, ...info };
    history.pending = pack;
  }
  return { record, history };
}

/** Apart → inline (for a backup). A fact whose pack is missing is left out with it. */
export function joinPackRecord(record: InstalledPackRecord, history: PackHistory): PackRecordWithHistory {
  const { previousVersion: _v, pendingInfo, ...rest } = record;
  const full: PackRecordWithHistory = { ...rest };
  if (history.previous) full.previous = history.previous;
  if (history.pending && pendingInfo) {
    const { version: _pv, ...info } = pendingInfo;
    full.pending = { pack: history.pending, ...info };
  }
  return full;
}

/** Every pack's history, from one read of the store. */
export async function readAllHistory(store: HistoryStore): Promise<Map<string, PackHistory>> {
  const [keys, packs] = await Promise.all([store.getAllKeys(), store.getAll()]);
  const byPack = new Map<string, PackHistory>();
  keys.forEach(([packId, kind], i) => {
    const history = byPack.get(packId) ?? {};
    history[kind] = packs[i];
    byPack.set(packId, history);
  });
  return byPack;
}

/** Writes the versions a pack keeps (those it has; nothing else is touched). */
export function putHistory(
  store: HistoryStore<'readwrite' | 'versionchange'>,
  packId: string,
  history: PackHistory,
): Promise<unknown>[] {
  return PACK_HISTORY_KINDS.flatMap((kind) => {
    const pack = history[kind];
    return pack ? [store.put(pack, historyKey(packId, kind))] : [];
  });
}
