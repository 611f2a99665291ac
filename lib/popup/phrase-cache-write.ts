import { DEFAULT_CATEGORIES, PHRASE_STAGES } from '../phrases/model';
import type { PhraseRecord } from '../store/db';
import { TOP_FREQUENT, TOP_RECENT, writeMeta, type CacheDB, type CacheMeta } from './phrase-cache';
import { buildSnapshot } from './scan-snapshot';

/**
 * Writing the popup cache: only after the phrases came from the background, never on the way to
 * the first paint — so this module (and zod, through the phrase model) loads later, on demand.
 */

/** 售前/欢迎 before 售前/议价 … before 售后/退货: the order of an agent's day (the seeds' workflow). */
const CATEGORY_ORDER = new Map(
  PHRASE_STAGES.flatMap((stage) => [stage, ...DEFAULT_CATEGORIES[stage].map((c) => `${stage}/${c}`)]).map(
    (c, k) => [c, k],
  ),
);
const categoryRank = (p: PhraseRecord) =>
  CATEGORY_ORDER.get(p.category ?? '') ?? CATEGORY_ORDER.get((p.category ?? '').split('/')[0] ?? '') ?? 1e6;

/**
 * The empty-query lists: recently used first, then the most used of the rest. Before anything was
 * used: phrases in the order of the work (售前 greeting, bargaining… 售后), the agent's own first.
 */
export function topOf(phrases: readonly PhraseRecord[]): Pick<CacheMeta, 'recent' | 'frequent'> {
  const active = phrases.filter((p) => p.deletedAt === undefined);
  const recent = active
    .filter((p) => p.lastUsedAt !== undefined)
    .sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0))
    .slice(0, TOP_RECENT);
  const shown = new Set(recent.map((p) => p.id));
  const used = active
    .filter((p) => !shown.has(p.id) && (p.usageCount ?? 0) > 0)
    .sort((a, b) => (b.usageCount ?? 0) - (a.usageCount ?? 0) || (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0));
  const browse = () =>
    active
      .filter((p) => !shown.has(p.id))
      .sort(
        (a, b) =>
          Number(a.source.kind !== 'mine') - Number(b.source.kind !== 'mine') ||
          categoryRank(a) - categoryRank(b) ||
          (a.createdAt ?? 0) - (b.createdAt ?? 0),
      );
  const frequent = (used.length > 0 ? used : browse()).slice(0, TOP_FREQUENT);
  return { recent, frequent };
}

export async function writeCache(db: CacheDB, revision: number, phrases: PhraseRecord[], now = Date.now()) {
  const meta: CacheMeta = { revision, savedAt: now, count: phrases.length, ...topOf(phrases) };
  const tx = db.transaction('snap', 'readwrite');
  await Promise.all([
    tx.store.put({ revision, phrases }, 'list'),
    tx.store.put(buildSnapshot(revision, phrases), 'scan'),
    tx.done,
  ]);
  writeMeta(meta); // after the list: a meta never claims a revision whose list is not there
  return meta;
}
