/**
 * Variant rotation: a buyer who asks the same thing twice gets different words (the seeds: 3
 * variants for common questions, "以防让客户生厌"). State is plain data — the background keeps
 * it in the kv store — passed in and returned, never mutated.
 *
 * Per phrase + buyer we remember the last variant sent (its index and a hash of its text, so an
 * edited or reordered variant list still never repeats the words the buyer just saw) and move on
 * to the next one in order. Entries expire after ROTATION_TTL_MS and the state keeps at most
 * ROTATION_MAX_ENTRIES, dropping the oldest first.
 */

export const ROTATION_TTL_MS = 30 * 24 * 3600 * 1000;
export const ROTATION_MAX_ENTRIES = 5000;

export interface RotationEntry {
  /** Index of the variant sent last. */
  i: number;
  /** Hash of its text. */
  h: number;
  /** When (epoch ms). */
  at: number;
}

export interface RotationState {
  v: 1;
  /** Keyed by rotationKey(phraseId, buyer). */
  last: Record<string, RotationEntry>;
}

export const emptyRotationState = (): RotationState => ({ v: 1, last: {} });

export function rotationKey(phraseId: string, buyer: string): string {
  return `${phraseId}\u0000${buyer.trim()}`;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 16777619);
  return h | 0;
}

export interface PickResult {
  index: number;
  text: string;
  state: RotationState;
}

/**
 * The variant to send to `buyer` now, and the state after sending it. An empty buyer (not known
 * from the page) still rotates, per phrase. Throws only for a phrase without variants, which
 * the phrase model never allows.
 */
export function pickVariant(
  phrase: { id: string; variants: readonly string[] },
  buyer: string,
  state: RotationState | undefined,
  now: number = Date.now(),
): PickResult {
  const n = phrase.variants.length;
  if (n === 0) throw new Error(`短语 ${phrase.id} 没有话术`);
  const key = rotationKey(phrase.id, buyer);
  const prev = state?.v === 1 ? state.last[key] : undefined;
  const fresh = prev && now - prev.at < ROTATION_TTL_MS ? prev : undefined;
  let index = fresh ? (fresh.i + 1) % n : 0;
  if (fresh && n > 1) {
    // skip a variant whose words are the ones sent last (the list may have changed)
    for (let k = 0; k < n && hash(phrase.variants[index]!) === fresh.h; k++) index = (index + 1) % n;
  }
  const text = phrase.variants[index]!;
  return { index, text, state: remember(state, key, { i: index, h: hash(text), at: now }, now) };
}

function remember(
  state: RotationState | undefined,
  key: string,
  entry: RotationEntry,
  now: number,
): RotationState {
  const kept = Object.entries(state?.v === 1 ? state.last : {}).filter(
    ([k, e]) => k !== key && now - e.at < ROTATION_TTL_MS,
  );
  kept.push([key, entry]);
  if (kept.length > ROTATION_MAX_ENTRIES) {
    kept.sort((a, b) => a[1].at - b[1].at);
    kept.splice(0, kept.length - ROTATION_MAX_ENTRIES);
  }
  return { v: 1, last: Object.fromEntries(kept) };
}
