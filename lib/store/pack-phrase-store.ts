import { unwrap, type IDBPObjectStore, type StoreNames } from 'idb';
import { PACK_PHRASE_PREFIX, storedPhraseId } from '../packs/installed';
import type { KefuDB, PackPhraseChunk, PhraseRecord } from './db';

/**
 * Where installed packs' phrases live: the `packPhrases` store, CHUNK_SIZE phrases per record.
 *
 * Why chunks: in Chromium every IndexedDB request costs far more than its bytes. A 10k-phrase
 * pack written as 10k records takes 0.7–0.9 s in one transaction on our bench machine; as 100
 * records of 100 phrases it takes about 30 ms (tests/bench/pack-import.bench.ts). Pack phrases
 * change as a whole (install, update, rollback, uninstall), so a chunk is rarely rewritten for
 * one phrase: only a usage count, a shortcut handed over or pinyin filled in.
 *
 * Layout: a pack's phrases sorted by stored id (`pk~<pack>~<phrase>`), cut into runs; a chunk's
 * key is the stored id of its first phrase. So a pack's chunks are one key range, and the chunk
 * holding a phrase is the last chunk whose key is ≤ the phrase's stored id: one cursor step.
 */
export const CHUNK_SIZE = 100;

/** The chunk store in any transaction that includes it. */
export type ChunkStore = IDBPObjectStore<
  KefuDB,
  ArrayLike<StoreNames<KefuDB>>,
  'packPhrases',
  IDBTransactionMode
>;

/** Every chunk key of one pack, and nothing of another (pack ids cannot contain `~`). */
export function packChunkRange(packId: string): IDBKeyRange {
  const prefix = storedPhraseId(packId, '');
  return IDBKeyRange.bound(prefix, `${prefix}\uffff`);
}

/** Every chunk of every pack (a function: IndexedDB globals are not there when Node imports this). */
export function allChunksRange(): IDBKeyRange {
  return IDBKeyRange.bound(PACK_PHRASE_PREFIX, `${PACK_PHRASE_PREFIX}\uffff`);
}

/** The id of the pack a stored pack-phrase id belongs to (`pk~<pack>~…`). */
function packIdOf(storedId: string): string {
  const rest = storedId.slice(PACK_PHRASE_PREFIX.length);
  return rest.slice(0, rest.indexOf('~'));
}

const byId = (a: PhraseRecord, b: PhraseRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** One pack's records as chunks (sorted copies; the input is left as it is). */
export function chunksOf(packId: string, records: readonly PhraseRecord[]): PackPhraseChunk[] {
  const sorted = [...records].sort(byId);
  const chunks: PackPhraseChunk[] = [];
  for (let i = 0; i < sorted.length; i += CHUNK_SIZE) {
    const phrases = sorted.slice(i, i + CHUNK_SIZE);
    chunks.push({ id: (phrases[0] as PhraseRecord).id, packId, phrases });
  }
  return chunks;
}

/** Any pack phrases (stored ids), grouped by the pack their id names, as chunks. */
export function chunksOfAll(records: readonly PhraseRecord[]): PackPhraseChunk[] {
  const byPack = new Map<string, PhraseRecord[]>();
  for (const r of records) {
    const packId = packIdOf(r.id);
    const list = byPack.get(packId);
    if (list) list.push(r);
    else byPack.set(packId, [r]);
  }
  return [...byPack].flatMap(([packId, list]) => chunksOf(packId, list));
}

export const flattenChunks = (chunks: readonly PackPhraseChunk[]): PhraseRecord[] =>
  chunks.flatMap((c) => c.phrases);

/** One pack's phrases, or every pack's (no `packId`), in stored-id order. */
export async function readPackPhrases(store: ChunkStore, packId?: string): Promise<PhraseRecord[]> {
  return flattenChunks(await store.getAll(packId === undefined ? allChunksRange() : packChunkRange(packId)));
}

/**
 * Reads and changes pack phrases inside ONE transaction, writing only what changed when
 * `flush` is called (before the transaction ends). Two grains:
 * - a whole pack (`loadPack` / `replacePack` / `removePack`): installs, updates, uninstalls —
 *   the pack's chunks are cut again from scratch;
 * - one phrase (`get` / `put`): only its chunk is rewritten.
 */
export class PackPhraseChunks {
  /** Whole packs read or replaced in this transaction: stored id → record. */
  private readonly packs = new Map<string, Map<string, PhraseRecord>>();
  private readonly dirtyPacks = new Set<string>();
  /** Single chunks read for point changes, by chunk key. */
  private readonly chunks = new Map<string, PackPhraseChunk>();
  private readonly dirtyChunks = new Set<string>();

  constructor(private readonly store: ChunkStore) {}

  /** Every phrase of a pack (read once per transaction). */
  async loadPack(packId: string): Promise<Map<string, PhraseRecord>> {
    let map = this.packs.get(packId);
    if (!map) {
      const records = await readPackPhrases(this.store, packId);
      // Point changes made earlier in this transaction win over what the store still holds.
      for (const [key, chunk] of this.chunks) {
        if (chunk.packId !== packId) continue;
        this.chunks.delete(key);
        if (this.dirtyChunks.delete(key)) this.dirtyPacks.add(packId);
        for (const p of chunk.phrases) {
          const i = records.findIndex((r) => r.id === p.id);
          if (i >= 0) records[i] = p;
        }
      }
      map = new Map(records.map((r) => [r.id, r]));
      this.packs.set(packId, map);
    }
    return map;
  }

  /** The pack's phrases become exactly `records` when flushed. */
  replacePack(packId: string, records: readonly PhraseRecord[]): void {
    this.packs.set(packId, new Map(records.map((r) => [r.id, r])));
    this.dirtyPacks.add(packId);
    for (const [key, chunk] of this.chunks) {
      if (chunk.packId !== packId) continue;
      this.chunks.delete(key);
      this.dirtyChunks.delete(key);
    }
  }

  removePack(packId: string): void {
    this.replacePack(packId, []);
  }

  private cachedChunkOf(storedId: string): PackPhraseChunk | undefined {
    const packId = packIdOf(storedId);
    for (const chunk of this.chunks.values()) {
      if (chunk.packId === packId && chunk.phrases.some((p) => p.id === storedId)) return chunk;
    }
    return undefined;
  }

  private async chunkOf(storedId: string): Promise<PackPhraseChunk | undefined> {
    const cached = this.cachedChunkOf(storedId);
    if (cached) return cached;
    const packId = packIdOf(storedId);
    const range = IDBKeyRange.bound(storedPhraseId(packId, ''), storedId);
    const cursor = await this.store.openCursor(range, 'prev');
    const chunk = cursor?.value;
    if (!chunk || !chunk.phrases.some((p) => p.id === storedId)) return undefined;
    this.chunks.set(chunk.id, chunk);
    return chunk;
  }

  async get(storedId: string): Promise<PhraseRecord | undefined> {
    const pack = this.packs.get(packIdOf(storedId));
    if (pack) return pack.get(storedId);
    return (await this.chunkOf(storedId))?.phrases.find((p) => p.id === storedId);
  }

  /** Changes a pack phrase that `get` or `loadPack` read in this transaction. */
  put(record: PhraseRecord): void {
    const packId = packIdOf(record.id);
    const pack = this.packs.get(packId);
    if (pack) {
      pack.set(record.id, record);
      this.dirtyPacks.add(packId);
      return;
    }
    const chunk = this.cachedChunkOf(record.id);
    if (!chunk) throw new Error(`pack phrase ${record.id} was not read in this transaction`);
    chunk.phrases = chunk.phrases.map((p) => (p.id === record.id ? record : p));
    this.dirtyChunks.add(chunk.id);
  }

  /** Issues the writes (no waiting: a failed request aborts the transaction, which `done` reports). */
  flush(): void {
    const store = unwrap(this.store);
    for (const packId of this.dirtyPacks) {
      store.delete(packChunkRange(packId));
      for (const chunk of chunksOf(packId, [...(this.packs.get(packId)?.values() ?? [])])) store.put(chunk);
    }
    for (const key of this.dirtyChunks) {
      const chunk = this.chunks.get(key);
      if (chunk) store.put(chunk);
    }
    this.dirtyPacks.clear();
    this.dirtyChunks.clear();
  }
}
