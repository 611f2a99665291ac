import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Phrase } from '../phrases/model';
import type { PhrasePinyin } from '../phrases/search-core';
import { PACK_PHRASE_PREFIX } from '../packs/installed';
import type { Pack } from '../packs/schema';
import { chunksOfAll } from './pack-phrase-store';
import {
  putHistory,
  splitPackRecord,
  type PackHistoryKind,
  type PackRecordWithHistory,
} from './pack-history';

/**
 * The extension's IndexedDB, opened ONLY by the background (a content script's IndexedDB is
 * the merchant's). One migration per version; each migration has a test in tests/unit/store.
 */
export const DB_NAME = 'kefu-kit';

/** A phrase as stored: with its pinyin, derived by the background when it is saved. */
export type PhraseRecord = Phrase & { py?: PhrasePinyin };

/** A run of one installed pack's phrases, keyed by its first phrase's stored id (pack-phrase-store.ts). */
export interface PackPhraseChunk {
  id: string;
  packId: string;
  phrases: PhraseRecord[];
}

export interface KefuDB extends DBSchema {
  /** The agent's own and starter phrases (since v2; installed packs' phrases are in packPhrases). */
  phrases: {
    key: string;
    value: PhraseRecord;
    indexes: { 'by-shortcut': string; 'by-updated': number; 'by-pack': string };
  };
  packPhrases: { key: string; value: PackPhraseChunk };
  packs: { key: string; value: { id: string } & Record<string, unknown> };
  /** Installed packs' previous versions and pending updates, whole (since v3; pack-history.ts). */
  packHistory: { key: [string, PackHistoryKind]; value: Pack };
  registers: {
    key: string;
    value: { id: string; kind: string; createdAt: number } & Record<string, unknown>;
    indexes: { 'by-kind': string; 'by-created': number };
  };
  followups: {
    key: string;
    value: { id: string; dueAt: number } & Record<string, unknown>;
    indexes: { 'by-due': number };
  };
  /** Small documents: rotation state, last backup time… */
  kv: { key: string; value: unknown };
}

type UpgradeTx = IDBPTransaction<KefuDB, StoreNames<KefuDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<KefuDB>, tx: UpgradeTx) => void;

/** A migration's async steps: any failure aborts the upgrade, leaving the old version intact. */
function inUpgrade(tx: UpgradeTx, steps: () => Promise<void>): void {
  // The open request rejects with the abort; `done` would report it a second time, to nobody.
  tx.done.catch(() => undefined);
  steps().catch(() => {
    try {
      tx.abort();
    } catch {
      // already finished
    }
  });
}

/** MIGRATIONS[n] upgrades a database at version n-1 to version n. Never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  () => {},
  // v1: the initial schema.
  (db) => {
    const phrases = db.createObjectStore('phrases', { keyPath: 'id' });
    phrases.createIndex('by-shortcut', 'shortcut');
    phrases.createIndex('by-updated', 'updatedAt');
    phrases.createIndex('by-pack', 'source.packId');
    db.createObjectStore('packs', { keyPath: 'id' });
    const registers = db.createObjectStore('registers', { keyPath: 'id' });
    registers.createIndex('by-kind', 'kind');
    registers.createIndex('by-created', 'createdAt');
    const followups = db.createObjectStore('followups', { keyPath: 'id' });
    followups.createIndex('by-due', 'dueAt');
    db.createObjectStore('kv');
  },
  // v2: installed packs' phrases move to chunks of 100 (pack-phrase-store.ts: a 10k-phrase pack
  // is 100 requests instead of 10k, which is what an import costs in Chromium).
  (db, tx) => {
    db.createObjectStore('packPhrases', { keyPath: 'id' });
    inUpgrade(tx, async () => {
      const phrases = tx.objectStore('phrases');
      const packRange = IDBKeyRange.bound(PACK_PHRASE_PREFIX, `${PACK_PHRASE_PREFIX}\uffff`);
      const chunks = chunksOfAll(await phrases.getAll(packRange));
      const chunkStore = tx.objectStore('packPhrases');
      await Promise.all([...chunks.map((c) => chunkStore.put(c)), phrases.delete(packRange)]);
    });
  },
  // v3: the version an apply replaced and a pending update's pack move out of the `packs` record
  // (pack-history.ts): listing packs or noting a check no longer clones two extra whole packs.
  (db, tx) => {
    const historyStore = db.createObjectStore('packHistory');
    inUpgrade(tx, async () => {
      const packs = tx.objectStore('packs');
      const writes: Promise<unknown>[] = [];
      for (const value of await packs.getAll()) {
        const { record, history } = splitPackRecord(value as unknown as PackRecordWithHistory);
        if (!history.previous && !history.pending) continue;
        writes.push(
          packs.put(record as unknown as KefuDB['packs']['value']),
          ...putHistory(historyStore, record.id, history),
        );
      }
      await Promise.all(writes);
    });
  },
];

export const DB_VERSION = MIGRATIONS.length - 1;

export function openKefuDB(name = DB_NAME, version = DB_VERSION): Promise<IDBPDatabase<KefuDB>> {
  return openDB<KefuDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion + 1; v <= (newVersion ?? version); v++) MIGRATIONS[v]?.(db, tx);
    },
  });
}
