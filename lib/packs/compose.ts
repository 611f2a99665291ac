import type { Phrase } from '../phrases/model';
import { PACK_FORMAT, PACK_LIMITS, type ChangelogEntry, type PackInput, type PackPhrase } from './schema';
import type { FlagLegend, RemarkTemplate, ShopPolicy } from './parts';

/**
 * Builds the pack a lead publishes from their own phrases and settings. Pure: the options page
 * validates the result with parsePack and signs it with signPack.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2025-03-01T10:00:00+08:00`: the shop's clock, whatever the lead's computer is set to. */
export function shanghaiIso(ms: number): string {
  return `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

export function shanghaiDate(ms: number): string {
  return shanghaiIso(ms).slice(0, 10);
}

/** A phrase as a pack carries it: no usage counters, timestamps, pinyin or source. */
export function toPackPhrase(
  p: Pick<Phrase, 'id' | 'title' | 'shortcut' | 'category' | 'tags' | 'variants' | 'platforms'>,
): PackPhrase {
  const out: PackPhrase = { id: p.id, title: p.title, variants: [...p.variants] };
  if (p.shortcut) out.shortcut = p.shortcut;
  if (p.category) out.category = p.category;
  if (p.tags?.length) out.tags = [...p.tags];
  if (p.platforms?.length) out.platforms = [...p.platforms];
  return out;
}

export interface ComposeInput {
  id: string;
  name: string;
  publisher: string;
  description?: string;
  updateUrl?: string;
  version: number;
  /** This version's changelog notes; earlier entries come from `history`. */
  notes: string;
  history?: readonly ChangelogEntry[];
  phrases: readonly Pick<
    Phrase,
    'id' | 'title' | 'shortcut' | 'category' | 'tags' | 'variants' | 'platforms'
  >[];
  flagLegend?: FlagLegend;
  remarkTemplates?: readonly RemarkTemplate[];
  returnPolicy?: ShopPolicy;
  now: number;
}

export function composePack(input: ComposeInput): PackInput {
  const notes = input.notes.trim();
  const earlier = (input.history ?? []).filter((e) => e.version < input.version);
  const changelog: ChangelogEntry[] = [
    ...(notes ? [{ version: input.version, date: shanghaiDate(input.now), notes }] : []),
    ...earlier,
  ].slice(0, PACK_LIMITS.changelogEntriesMax);
  const pack: PackInput = {
    format: PACK_FORMAT,
    id: input.id.trim(),
    name: input.name.trim(),
    version: input.version,
    publisher: input.publisher.trim(),
    updatedAt: shanghaiIso(input.now),
    changelog,
    phrases: input.phrases.map(toPackPhrase),
  };
  if (input.description?.trim()) pack.description = input.description.trim();
  if (input.updateUrl?.trim()) pack.updateUrl = input.updateUrl.trim();
  if (input.flagLegend) pack.flagLegend = input.flagLegend;
  if (input.remarkTemplates?.length) pack.remarkTemplates = [...input.remarkTemplates];
  if (input.returnPolicy) pack.returnPolicy = input.returnPolicy;
  return pack;
}

/** Pack ids are slugs: a name like 「售后组 话术」 has none, so suggest one from the date. */
export function suggestPackId(name: string, now: number): string {
  const ascii = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.length >= 3 ? ascii.slice(0, 40) : `team-pack-${shanghaiDate(now).replace(/-/g, '')}`;
}
