import { withPinyin } from './pinyin';
import {
  createPhraseIndexCore,
  type IndexOptions,
  type PhraseIndex,
  type SearchablePhrase,
} from './search-core';

/**
 * The phrase search contract (DESIGN.md "Contracts"): `createPhraseIndex(phrases).search(query,
 * limit?)` → hits best first, each with the phrase's `id` on top. Phrases without fresh cached
 * pinyin (`py`) get it derived here, so this module pulls in pinyin-pro: pages that must stay
 * small (content scripts) use createPhraseIndexCore from search-core.ts with cached readings.
 */
export {
  DEFAULT_LIMIT,
  TIER,
  normalizeQuery,
  type Highlight,
  type HitField,
  type IndexOptions,
  type MatchVia,
  type PhraseHit,
  type PhraseIndex,
  type SearchOptions,
  type SearchablePhrase,
} from './search-core';

export function createPhraseIndex<P extends SearchablePhrase>(
  phrases: readonly P[],
  options?: IndexOptions,
): PhraseIndex<P> {
  const ready = phrases.map((p) => (p.deletedAt === undefined ? withPinyin(p) : p));
  const index = createPhraseIndexCore(ready, options);
  // Hits carry the caller's objects, not the copies that got readings attached.
  const original = new Map<SearchablePhrase, P>();
  ready.forEach((r, k) => {
    if (r !== phrases[k]) original.set(r, phrases[k]!);
  });
  if (original.size === 0) return index as PhraseIndex<P>;
  return {
    size: index.size,
    search(query, limit, opts) {
      return index
        .search(query, limit, opts)
        .map((hit) => ({ ...hit, phrase: original.get(hit.phrase) ?? hit.phrase }));
    },
  };
}
