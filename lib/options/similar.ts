import { normalizeForSimilarity, textSimilarity } from '../phrases/validate';
import { normalizeText } from '../phrases/search-core';
import type { PhraseRecord } from '../store/db';

/**
 * The 「相似短语」 report: pairs of active phrases whose replies say the same thing, and
 * shortcuts used twice. Comparing every pair is quadratic (20k phrases: 200M pairs), so
 * candidates come from an inverted index of character bigrams — two texts alike at 80% share
 * most of them — skipping bigrams so common they say nothing (的话, 您的…).
 */
export interface SimilarPair {
  a: PhraseRecord;
  b: PhraseRecord;
  similarity: number;
  /** Which variants are alike. */
  variantA: number;
  variantB: number;
}

export interface ShortcutClash {
  shortcut: string;
  phrases: PhraseRecord[];
}

const COMMON = 300;

export function findSimilarPairs(
  phrases: readonly PhraseRecord[],
  threshold = 0.8,
  limit = 200,
): SimilarPair[] {
  const active = phrases.filter((p) => p.deletedAt === undefined);
  const texts = active.map((p) => p.variants.map(normalizeForSimilarity));
  const postings = new Map<string, number[]>();
  texts.forEach((variants, i) => {
    const grams = new Set<string>();
    for (const t of variants) for (let k = 0; k + 1 < t.length; k++) grams.add(t.slice(k, k + 2));
    for (const g of grams) {
      let list = postings.get(g);
      if (!list) postings.set(g, (list = []));
      list.push(i);
    }
  });
  const pairs: SimilarPair[] = [];
  for (let i = 0; i < active.length; i++) {
    const shared = new Map<number, number>();
    const grams = new Set<string>();
    for (const t of texts[i]!) for (let k = 0; k + 1 < t.length; k++) grams.add(t.slice(k, k + 2));
    for (const g of grams) {
      const list = postings.get(g)!;
      if (list.length > COMMON) continue;
      for (const j of list) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, n] of shared) {
      if (n < Math.min(3, grams.size * 0.3)) continue;
      let best: SimilarPair | undefined;
      active[i]!.variants.forEach((va, x) =>
        active[j]!.variants.forEach((vb, y) => {
          const s = textSimilarity(va, vb);
          if (s >= threshold && (!best || s > best.similarity)) {
            best = { a: active[i]!, b: active[j]!, similarity: s, variantA: x, variantB: y };
          }
        }),
      );
      if (best) pairs.push(best);
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity).slice(0, limit);
}

export function findShortcutClashes(phrases: readonly PhraseRecord[]): ShortcutClash[] {
  const by = new Map<string, PhraseRecord[]>();
  for (const p of phrases) {
    const key = normalizeText(p.shortcut?.trim() ?? '');
    if (!key || p.deletedAt !== undefined) continue;
    by.set(key, [...(by.get(key) ?? []), p]);
  }
  return [...by.values()]
    .filter((list) => list.length > 1)
    .map((list) => ({ shortcut: list[0]!.shortcut!, phrases: list }));
}
