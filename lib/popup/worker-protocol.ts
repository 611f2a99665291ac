import type { PhraseHit } from '../phrases/search-core';
import type { Platform } from '../sites/platforms';
import type { PhraseRecord } from '../store/db';

/** Messages between the popup page and its search worker (search-worker.ts). */
export type ToWorker =
  /** Build the index from the popup cache's list made at `revision`. */
  | { type: 'load'; revision: number }
  /** Build the index from this list (when the cache could not be used). */
  | { type: 'list'; revision: number; phrases: PhraseRecord[] }
  | { type: 'search'; seq: number; query: string; limit: number; platform?: Platform };

export type FromWorker =
  | { type: 'ready'; revision: number; size: number; buildMs: number }
  /** The cache held no list for that revision: send it with `list`. */
  | { type: 'missing'; revision: number }
  | { type: 'results'; seq: number; hits: PhraseHit<PhraseRecord>[] }
  | { type: 'error'; message: string };
