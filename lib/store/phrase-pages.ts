import type { IDBPDatabase } from 'idb';
import { isPackPhraseId, PACK_PHRASE_PREFIX } from '../packs/installed';
import type { KefuDB, PhraseRecord } from './db';
import { CHUNK_SIZE, flattenChunks } from './pack-phrase-store';

export interface PhrasePage {
  phrases: PhraseRecord[];
  /** Pass as `after` for the next page; absent on the last one. */
  next?: string;
}

/**
 * One page of phrases (keyset paging: no offsets to drift when phrases change between pages).
 * Content scripts read large sets page by page so that no single message — its structured clone
 * and zod check on a seller page's main thread — makes a long task.
 *
 * The agent's own phrases come first, in id order, then installed packs' phrases, chunk by chunk
 * (pack-phrase-store.ts). `after` is the last id of the previous page: a pack phrase's id means
 * "continue in the packs". A page of pack phrases ends at a chunk's end, so it may hold up to
 * CHUNK_SIZE − 1 phrases more or fewer than `limit`.
 */
export async function listPhrasePage(
  db: IDBPDatabase<KefuDB>,
  { trash = false, after, limit }: { trash?: boolean; after?: string; limit: number },
): Promise<PhrasePage> {
  if (after !== undefined && isPackPhraseId(after)) return packPage(db, after, limit);
  const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
  const read = await db.getAll('phrases', range, limit);
  const phrases = read.filter((p) => (trash ? p.deletedAt !== undefined : p.deletedAt === undefined));
  const last = read[read.length - 1];
  if (read.length === limit && last) return { phrases, next: last.id };
  // Pack phrases are never in the trash.
  if (trash || (await db.count('packPhrases')) === 0) return { phrases };
  // The agent's phrases are done: the rest of this page, or the next one, starts the packs.
  if (limit - read.length < CHUNK_SIZE / 2) return { phrases, next: PACK_PHRASE_PREFIX };
  const packs = await packPage(db, PACK_PHRASE_PREFIX, limit - read.length);
  return { ...packs, phrases: [...phrases, ...packs.phrases] };
}

async function packPage(db: IDBPDatabase<KefuDB>, after: string, limit: number): Promise<PhrasePage> {
  const chunkCount = Math.max(1, Math.round(limit / CHUNK_SIZE));
  const tx = db.transaction('packPhrases');
  // Chunk keys are their first phrase's id; a chunk holding `after` has a key ≤ it, so it is skipped.
  const range = IDBKeyRange.bound(after, `${PACK_PHRASE_PREFIX}\uffff`, true);
  const [chunks, more] = await Promise.all([
    tx.store.getAll(range, chunkCount),
    tx.store.getAllKeys(range, chunkCount + 1),
  ]);
  const phrases = flattenChunks(chunks);
  const last = phrases[phrases.length - 1];
  return more.length > chunkCount && last ? { phrases, next: last.id } : { phrases };
}
