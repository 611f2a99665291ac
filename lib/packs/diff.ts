import { canonicalJson } from './sign';
import type { Pack, PackPhrase } from './schema';

/**
 * What an update changes, for the "review before you accept" screen: phrases by id, and the
 * legend / templates / policy / rules / reasons a pack may also carry.
 * Linear in pack size (maps by id, field compares on small values): two 10k packs take a few ms.
 */

export const PHRASE_DIFF_FIELDS = ['title', 'shortcut', 'category', 'tags', 'variants', 'platforms'] as const;
export type PhraseDiffField = (typeof PHRASE_DIFF_FIELDS)[number];

export interface PhraseChange {
  id: string;
  fields: PhraseDiffField[];
  before: PackPhrase;
  after: PackPhrase;
}

export type SectionStatus = 'unchanged' | 'added' | 'removed' | 'changed';

export interface KeyedListDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface PackDiff {
  /** Top-level fields other than the sections below, e.g. name, publisher, updateUrl. */
  meta: { field: string; before: unknown; after: unknown }[];
  phrases: { added: PackPhrase[]; changed: PhraseChange[]; removed: PackPhrase[]; unchanged: number };
  /** `changedFlags`: semantic flags whose colour, label or description differ. */
  flagLegend: { status: SectionStatus; changedFlags: string[] };
  remarkTemplates: { status: SectionStatus } & KeyedListDiff;
  /** `changedKeys`: policy settings that differ (added, removed or new value). */
  returnPolicy: { status: SectionStatus; changedKeys: string[] };
  wordingRules: { status: SectionStatus } & KeyedListDiff;
  registerReasons: { status: SectionStatus; added: string[]; removed: string[] };
  /** False when nothing but version, updatedAt, changelog or signature differs. */
  hasChanges: boolean;
}

const SECTIONS = new Set([
  'phrases',
  'flagLegend',
  'remarkTemplates',
  'returnPolicy',
  'wordingRules',
  'registerReasons',
]);
/** Expected to change on every publish; not worth listing as a difference. */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'changelog', 'signature', '$schema']);
function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Tags and platforms: order is meaningless, a reordered list is not a change. Lists are short (≤ 20). */
function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  for (const v of y) if (!x.includes(v)) return false;
  for (const v of x) if (!y.includes(v)) return false;
  return true;
}

/** Written out field by field: this runs 10k times per diff, so no loops over field names. */
export function phraseChangedFields(before: PackPhrase, after: PackPhrase): PhraseDiffField[] {
  const out: PhraseDiffField[] = [];
  if (before.title !== after.title) out.push('title');
  // An absent shortcut and an empty one mean the same to the picker.
  if ((before.shortcut ?? '') !== (after.shortcut ?? '')) out.push('shortcut');
  if ((before.category ?? '') !== (after.category ?? '')) out.push('category');
  if (!sameSet(before.tags, after.tags)) out.push('tags');
  if (!sameList(before.variants, after.variants)) out.push('variants');
  if (!sameSet(before.platforms, after.platforms)) out.push('platforms');
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonicalJson(a) === canonicalJson(b);
}

function status(a: unknown, b: unknown, changed: boolean): SectionStatus {
  // An empty list ships nothing, like an absent one.
  if (Array.isArray(a) && a.length === 0) a = undefined;
  if (Array.isArray(b) && b.length === 0) b = undefined;
  if (a === undefined && b === undefined) return 'unchanged';
  if (a === undefined && b !== undefined) return 'added';
  if (a !== undefined && b === undefined) return 'removed';
  return changed ? 'changed' : 'unchanged';
}

/** Items matched by `id` when they have one, else by their whole content. */
function keyedListDiff(
  before: readonly unknown[] | undefined,
  after: readonly unknown[] | undefined,
): KeyedListDiff {
  const keyOf = (item: unknown, i: number): string => {
    const id = (item as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : `#${i}:${canonicalJson(item)}`;
  };
  const a = new Map((before ?? []).map((item, i) => [keyOf(item, i), item]));
  const b = new Map((after ?? []).map((item, i) => [keyOf(item, i), item]));
  const out: KeyedListDiff = { added: [], changed: [], removed: [] };
  // Content-keyed items carry their index; compare them by content so a reorder is no change.
  const contentOnly = (k: string) => k.replace(/^#\d+:/, '');
  const aContent = new Set([...a.keys()].filter((k) => k.startsWith('#')).map(contentOnly));
  const bContent = new Set([...b.keys()].filter((k) => k.startsWith('#')).map(contentOnly));
  for (const [k, item] of b) {
    if (k.startsWith('#')) {
      if (!aContent.has(contentOnly(k))) out.added.push(contentOnly(k));
    } else if (!a.has(k)) out.added.push(k);
    else if (!sameJson(a.get(k), item)) out.changed.push(k);
  }
  for (const k of a.keys()) {
    if (k.startsWith('#')) {
      if (!bContent.has(contentOnly(k))) out.removed.push(contentOnly(k));
    } else if (!b.has(k)) out.removed.push(k);
  }
  return out;
}

function changedKeys(
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
): string[] {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].filter((k) => !sameJson(a?.[k], b?.[k])).sort();
}

export function diffPacks(oldPack: Pack, newPack: Pack): PackDiff {
  // Phrases
  const oldById = new Map(oldPack.phrases.map((p) => [p.id, p]));
  const newIds = new Set<string>();
  const added: PackPhrase[] = [];
  const changed: PhraseChange[] = [];
  let unchanged = 0;
  for (const after of newPack.phrases) {
    newIds.add(after.id);
    const before = oldById.get(after.id);
    if (!before) {
      added.push(after);
      continue;
    }
    const fields = phraseChangedFields(before, after);
    if (fields.length > 0) changed.push({ id: after.id, fields, before, after });
    else unchanged++;
  }
  const removed = oldPack.phrases.filter((p) => !newIds.has(p.id));

  // Flag legend: per semantic flag
  const oldFlags = oldPack.flagLegend?.flags as Record<string, unknown> | undefined;
  const newFlags = newPack.flagLegend?.flags as Record<string, unknown> | undefined;
  const changedFlags = changedKeys(oldFlags, newFlags);
  const legendChanged =
    changedFlags.length > 0 || !sameJson(oldPack.flagLegend?.name, newPack.flagLegend?.name);

  const templates = keyedListDiff(oldPack.remarkTemplates, newPack.remarkTemplates);
  const rules = keyedListDiff(oldPack.wordingRules, newPack.wordingRules);
  const listStatus = (a: unknown, b: unknown, d: KeyedListDiff) =>
    status(a, b, d.added.length + d.changed.length + d.removed.length > 0);

  const policyKeys = changedKeys(
    oldPack.returnPolicy as Record<string, unknown> | undefined,
    newPack.returnPolicy as Record<string, unknown> | undefined,
  );

  const oldReasons = new Set(oldPack.registerReasons ?? []);
  const newReasons = new Set(newPack.registerReasons ?? []);
  const reasonsAdded = [...newReasons].filter((r) => !oldReasons.has(r));
  const reasonsRemoved = [...oldReasons].filter((r) => !newReasons.has(r));

  const meta: PackDiff['meta'] = [];
  const metaKeys = new Set([...Object.keys(oldPack), ...Object.keys(newPack)]);
  for (const k of metaKeys) {
    if (SECTIONS.has(k) || BOOKKEEPING.has(k)) continue;
    const before = (oldPack as Record<string, unknown>)[k];
    const after = (newPack as Record<string, unknown>)[k];
    if (!sameJson(before, after)) meta.push({ field: k, before, after });
  }

  const diff: PackDiff = {
    meta,
    phrases: { added, changed, removed, unchanged },
    flagLegend: { status: status(oldPack.flagLegend, newPack.flagLegend, legendChanged), changedFlags },
    remarkTemplates: {
      status: listStatus(oldPack.remarkTemplates, newPack.remarkTemplates, templates),
      ...templates,
    },
    returnPolicy: {
      status: status(oldPack.returnPolicy, newPack.returnPolicy, policyKeys.length > 0),
      changedKeys: policyKeys,
    },
    wordingRules: { status: listStatus(oldPack.wordingRules, newPack.wordingRules, rules), ...rules },
    registerReasons: {
      status: status(
        oldPack.registerReasons,
        newPack.registerReasons,
        reasonsAdded.length + reasonsRemoved.length > 0,
      ),
      added: reasonsAdded,
      removed: reasonsRemoved,
    },
    hasChanges: false,
  };
  diff.hasChanges =
    meta.length > 0 ||
    added.length + changed.length + removed.length > 0 ||
    [diff.flagLegend, diff.remarkTemplates, diff.returnPolicy, diff.wordingRules, diff.registerReasons].some(
      (s) => s.status !== 'unchanged',
    );
  return diff;
}
