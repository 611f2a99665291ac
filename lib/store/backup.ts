import type { IDBPDatabase } from 'idb';
import { withPinyin } from '../phrases/pinyin';
import type { Settings } from '../settings/schema';
import {
  BACKUP_STORES,
  buildBackup,
  countBackup,
  parseBackup,
  type BackupCounts,
  type BackupFile,
  type KvEntry,
} from './backup-format';
import type { KefuDB } from './db';
import { isPackPhraseId, type InstalledPackRecord } from '../packs/installed';
import { chunksOfAll, readPackPhrases } from './pack-phrase-store';
import {
  joinPackRecord,
  putHistory,
  readAllHistory,
  splitPackRecord,
  type PackRecordWithHistory,
} from './pack-history';
import type { DataError } from './error-text';

/**
 * Backup and restore of everything, background side. Export reads every store in ONE read
 * transaction (a consistent snapshot). Restore validates the whole file first
 * (backup-format.ts), then replaces every store in ONE readwrite transaction: IndexedDB either
 * commits all of it or none. Settings live in extension storage, outside IndexedDB: they are
 * written first and put back as they were if the transaction fails, so a failed restore leaves
 * both exactly as before.
 */

export interface SettingsIO {
  get(): Promise<Settings>;
  set(settings: Settings): Promise<unknown>;
}

/**
 * The backup file lists every phrase in one list; installed packs' phrases are stored in chunks.
 * It lists each pack with its previous version and pending update inline; they are stored apart.
 */
const STORES = [...BACKUP_STORES, 'packPhrases', 'packHistory'] as const;

async function readStores(db: IDBPDatabase<KefuDB>) {
  const tx = db.transaction(STORES, 'readonly');
  const kvStore = tx.objectStore('kv');
  const [mine, packPhrases, packRecords, history, registers, followups, keys, values] = await Promise.all([
    tx.objectStore('phrases').getAll(),
    readPackPhrases(tx.objectStore('packPhrases')),
    tx.objectStore('packs').getAll() as unknown as Promise<InstalledPackRecord[]>,
    readAllHistory(tx.objectStore('packHistory')),
    tx.objectStore('registers').getAll(),
    tx.objectStore('followups').getAll(),
    kvStore.getAllKeys(),
    kvStore.getAll(),
  ]);
  await tx.done;
  const kv: KvEntry[] = keys.map((key, i) => ({ key: String(key), value: values[i] }));
  const packs = packRecords.map(
    (r) => joinPackRecord(r, history.get(r.id) ?? {}) as unknown as KefuDB['packs']['value'],
  );
  return { phrases: [...mine, ...packPhrases], packs, registers, followups, kv };
}

export async function exportBackup(
  db: IDBPDatabase<KefuDB>,
  settings: Settings,
  appVersion?: string,
  now = Date.now(),
): Promise<BackupFile> {
  return buildBackup({ ...(await readStores(db)), settings, appVersion, now });
}

/** What the database holds now, counted like a backup (the restore dialog compares both). */
export async function currentCounts(db: IDBPDatabase<KefuDB>): Promise<BackupCounts> {
  return countBackup(await readStores(db));
}

export type RestoreResult =
  { ok: true; counts: BackupCounts; migratedFrom?: number } | { ok: false; errors: DataError[] };

export async function restoreBackup(
  db: IDBPDatabase<KefuDB>,
  input: unknown,
  settingsIO: SettingsIO,
): Promise<RestoreResult> {
  const parsed = parseBackup(input);
  if (!parsed.ok) return parsed;
  const { backup } = parsed;
  // Derived before the transaction: an IndexedDB transaction ends when it waits for anything else.
  const phrases = backup.phrases.map((p) => withPinyin(p));
  const mine = phrases.filter((p) => !isPackPhraseId(p.id));
  const packChunks = chunksOfAll(phrases.filter((p) => isPackPhraseId(p.id)));
  const packs = backup.packs.map((p) => splitPackRecord(p as unknown as PackRecordWithHistory));

  const previous = await settingsIO.get();
  await settingsIO.set(backup.settings);
  try {
    const tx = db.transaction(STORES, 'readwrite');
    const done = tx.done;
    done.catch(() => undefined); // awaited below; rejects unobserved when a put throws first
    const writes: Promise<unknown>[] = [];
    try {
      for (const name of STORES) writes.push(tx.objectStore(name).clear());
      for (const p of mine) writes.push(tx.objectStore('phrases').put(p));
      for (const c of packChunks) writes.push(tx.objectStore('packPhrases').put(c));
      for (const { record, history } of packs) {
        writes.push(
          tx.objectStore('packs').put(record as unknown as KefuDB['packs']['value']),
          ...putHistory(tx.objectStore('packHistory'), record.id, history),
        );
      }
      for (const r of backup.registers) writes.push(tx.objectStore('registers').put(r));
      for (const f of backup.followups) writes.push(tx.objectStore('followups').put(f));
      for (const { key, value } of backup.kv) writes.push(tx.objectStore('kv').put(value, key));
    } catch (error) {
      // A put that throws synchronously (a value IndexedDB cannot store): undo everything so far.
      tx.abort();
      throw error;
    } finally {
      // Every request rejects once the transaction aborts; tx.done reports the failure once.
      for (const w of writes) w.catch(() => undefined);
    }
    await done;
  } catch (error) {
    await settingsIO.set(previous);
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      ok: false,
      errors: [{ path: '', message: `恢复没有完成，数据和设置都保持原样（数据库写入失败：${reason}）` }],
    };
  }
  return {
    ok: true,
    counts: parsed.counts,
    ...(parsed.migratedFrom ? { migratedFrom: parsed.migratedFrom } : {}),
  };
}
