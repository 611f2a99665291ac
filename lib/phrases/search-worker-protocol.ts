import type { Platform } from '../sites/platforms';
import type { PhraseHit, SearchablePhrase } from './search-core';

/** Messages between phrase-cache.ts and search-worker.ts (same extension, same page). */
export type SearchWorkerRequest =
  | { type: 'ping' }
  | { type: 'add'; phrases: SearchablePhrase[] }
  | { type: 'build'; id: number; now: number }
  | { type: 'discard' }
  | { type: 'search'; id: number; query: string; limit: number; platform?: Platform };

export type SearchWorkerReply =
  | { type: 'pong' }
  | { type: 'built'; id: number; size: number }
  | { type: 'hits'; id: number; hits: PhraseHit<SearchablePhrase>[] }
  | { type: 'failed'; id: number; message: string };
