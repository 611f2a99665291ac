import type { IDBPDatabase } from 'idb';
import type { KefuDB, PhraseRecord } from './db';

export interface PhrasePage {
  phrases: PhraseRecord[];
  /** Pass as `after` for the next page; absent on the last one. */
  next?: string;
}

/**
 * One page of phrases in id order (keyset paging: no offsets to drift when phrases change
 * between pages). Content scripts read large sets page by page so that no single message — its
 * structured clone and zod check on a seller page's main thread — makes a long task.
 */
export async function listPhrasePage(
  db: IDBPDatabase<KefuDB>,
  { trash = false, after, limit }: { trash?: boolean; after?: string; limit: number },
): Promise<PhrasePage> {
  const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
  const read = await db.getAll('phrases', range, limit);
  const phrases = read.filter((p) => (trash ? p.deletedAt !== undefined : p.deletedAt === undefined));
  const last = read[read.length - 1];
  return read.length === limit && last ? { phrases, next: last.id } : { phrases };
}
