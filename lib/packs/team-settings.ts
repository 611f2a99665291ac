import { z } from 'zod';
import { DEFAULT_FLAG_LEGEND } from '../remarks/flags';
import {
  flagLegendSchema,
  remarkTemplateSchema,
  type FlagLegend,
  type RemarkTemplate,
} from '../remarks/schema';
import { DEFAULT_REMARK_TEMPLATES } from '../remarks/templates';
import { DEFAULT_REASONS, type RegisterReasons } from '../registers/reasons';
import { DEFAULT_SHOP_POLICY, shopPolicySchema, type ShopPolicy } from '../returns/policy';
import { DEFAULT_WORDING_RULES, wordingRuleSchema, type WordingRule } from '../phrases/wording';
import { PACK_LIMITS } from './schema';

/**
 * The agent's effective team settings — flag legend, remark templates, shop return policy,
 * wording rules and return reasons — computed from the installed packs, each value with where it
 * came from. Pure: the background calls it with the stored records, tests with plain objects.
 *
 * Precedence (documented in docs/pack-format.md, 四):
 * - packs rank by install time, the most recently installed first (ties: pack id A→Z). An update
 *   or rollback keeps a pack's rank, so an hourly auto-update of one pack never silently takes
 *   the legend away from another the agent installed later;
 * - whole parts (flag legend, return policy) come from the highest-ranked pack that has a valid
 *   one, else this computer's own settings, else the built-in default;
 * - lists merged by id (remark templates, wording rules): built-ins first, then each pack from the
 *   lowest rank up, so a higher-ranked pack's item replaces a lower one's with the same id in
 *   place; new ids are appended. The highest-ranked pack that ships wording rules decides with
 *   `wordingRulesMode: "replace"` that the built-in rules are left out;
 * - return reasons: the packs' labels (highest rank first), then the built-in ones, 其他 last.
 *
 * Every part is re-validated here: a stored pack from an older version, or a bad part, is skipped
 * with a note and the feature falls back — it never breaks.
 */

export type SettingSource =
  { kind: 'pack'; packId: string; name: string; version: number } | { kind: 'local' } | { kind: 'default' };

export type TeamPart = 'legend' | 'remarkTemplates' | 'shopPolicy' | 'wordingRules' | 'registerReasons';

export interface TeamNote {
  part: TeamPart;
  from: SettingSource;
  /** `stricter`: a policy below the legal/platform floor (a shop may only be more generous). */
  kind: 'invalid' | 'stricter';
  /** Chinese, for the agent and the lead. */
  message: string;
}

export interface TeamSettings {
  /** Installed packs by precedence, highest first. */
  packs: { id: string; name: string; version: number }[];
  legend: { value: FlagLegend; from: SettingSource };
  shopPolicy: { value: ShopPolicy; from: SettingSource };
  remarkTemplates: { template: RemarkTemplate; from: SettingSource }[];
  wordingRules: { rule: WordingRule; from: SettingSource }[];
  /** False when a pack said `wordingRulesMode: "replace"`. */
  builtinWordingRules: boolean;
  registerReasons: { value: RegisterReasons; returnFrom: { label: string; from: SettingSource }[] };
  notes: TeamNote[];
}

/** What the function needs of a stored pack record (packs/installed.ts `InstalledPackRecord`). */
export interface TeamPackRecord {
  id: string;
  installedAt: number;
  /** Typed loosely on purpose: the stored value may predate today's schema. */
  pack: {
    name?: unknown;
    version?: unknown;
    flagLegend?: unknown;
    remarkTemplates?: unknown;
    returnPolicy?: unknown;
    wordingRules?: unknown;
    wordingRulesMode?: unknown;
    registerReasons?: unknown;
  };
}

/** Values this computer's own settings hold (the lead's edits), below every pack. */
export interface LocalTeamValues {
  flagLegend?: unknown;
  remarkTemplates?: unknown;
  shopPolicy?: unknown;
}

const DEFAULT: SettingSource = { kind: 'default' };
const LOCAL: SettingSource = { kind: 'local' };
const OTHER_REASON = '其他';

/** How each part is named to the agent (the options page uses the same words). */
export const PART_NAMES: Record<TeamPart, string> = {
  legend: '旗帜含义',
  remarkTemplates: '备注模板',
  shopPolicy: '店铺退换货政策',
  wordingRules: '用语规则',
  registerReasons: '退货原因',
};

function sourceOf(record: TeamPackRecord): SettingSource {
  const name = typeof record.pack.name === 'string' && record.pack.name ? record.pack.name : record.id;
  const version =
    typeof record.pack.version === 'number' && Number.isFinite(record.pack.version) ? record.pack.version : 0;
  return { kind: 'pack', packId: record.id, name, version };
}

/** Highest precedence first: latest install, then id A→Z (deterministic on equal times). */
export function rankPacks<T extends TeamPackRecord>(records: readonly T[]): T[] {
  return [...records].sort(
    (a, b) => (b.installedAt || 0) - (a.installedAt || 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.message : '格式不正确';
}

/**
 * A policy field by field: valid fields are kept, a field below the legal/platform floor is
 * dropped as `stricter` (the platform rule applies instead), any other bad field as `invalid`.
 */
export function cleanShopPolicy(raw: unknown): {
  policy: ShopPolicy;
  problems: { field: string; kind: 'invalid' | 'stricter'; message: string }[];
} {
  const problems: { field: string; kind: 'invalid' | 'stricter'; message: string }[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { policy: {}, problems: [{ field: '', kind: 'invalid', message: '店铺政策必须是一个对象' }] };
  }
  const rec = raw as Record<string, unknown>;
  const policy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shopPolicySchema.shape)) {
    if (!Object.hasOwn(rec, key) || rec[key] === undefined) continue;
    const parsed = (field as z.ZodType).safeParse(rec[key]);
    if (parsed.success) {
      policy[key] = parsed.data;
      continue;
    }
    const value = rec[key];
    const stricter = key === 'noReasonDays' && typeof value === 'number' && value < 7;
    problems.push({
      field: key,
      kind: stricter ? 'stricter' : 'invalid',
      message: stricter
        ? `无理由退换天数写成了 ${value} 天，少于法定的 7 天：店铺只能比平台规则更宽松，这一项不生效，按平台规则判断`
        : `${firstIssue(parsed.error)}，这一项不生效`,
    });
  }
  return { policy: policy as ShopPolicy, problems };
}

function isNonEmptyPolicy(policy: ShopPolicy): boolean {
  return Object.keys(policy).some((k) => k !== 'asOf');
}

/** Merges a list part by id into `merged` (a Map keeps insertion order; replace keeps the slot). */
function mergeById<T>(
  merged: Map<string, { item: T; from: SettingSource }>,
  raw: unknown,
  schema: z.ZodType<T>,
  idOf: (item: T) => string,
  from: SettingSource,
  part: TeamPart,
  label: (index: number) => string,
  notes: TeamNote[],
  max: number,
): number {
  if (raw === undefined) return 0;
  if (!Array.isArray(raw)) {
    notes.push({ part, from, kind: 'invalid', message: `${PART_NAMES[part]}不是列表，已忽略` });
    return 0;
  }
  let added = 0;
  raw.slice(0, max).forEach((value, index) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      notes.push({
        part,
        from,
        kind: 'invalid',
        message: `${label(index)}有误（${firstIssue(parsed.error)}），已跳过`,
      });
      return;
    }
    merged.set(idOf(parsed.data), { item: parsed.data, from });
    added++;
  });
  return added;
}

const reasonSchema = z.string().trim().min(1).max(PACK_LIMITS.registerReasonMax);

export function computeTeamSettings(
  records: readonly TeamPackRecord[],
  local: LocalTeamValues = {},
): TeamSettings {
  const ranked = rankPacks(records);
  const notes: TeamNote[] = [];

  // Legend: the first valid one by precedence.
  let legend: TeamSettings['legend'] | undefined;
  const legendCandidates: [unknown, SettingSource][] = [
    ...ranked.map((r) => [r.pack.flagLegend, sourceOf(r)] as [unknown, SettingSource]),
    [local.flagLegend, LOCAL],
  ];
  for (const [raw, from] of legendCandidates) {
    if (raw === undefined) continue;
    const parsed = flagLegendSchema.safeParse(raw);
    if (parsed.success) {
      legend = { value: parsed.data, from };
      break;
    }
    notes.push({
      part: 'legend',
      from,
      kind: 'invalid',
      message: `旗帜说明有误（${firstIssue(parsed.error)}），没有使用`,
    });
  }

  // Shop policy: the first one with something valid left after cleaning.
  let shopPolicy: TeamSettings['shopPolicy'] | undefined;
  const policyCandidates: [unknown, SettingSource][] = [
    ...ranked.map((r) => [r.pack.returnPolicy, sourceOf(r)] as [unknown, SettingSource]),
    [local.shopPolicy, LOCAL],
  ];
  for (const [raw, from] of policyCandidates) {
    if (raw === undefined) continue;
    const { policy, problems } = cleanShopPolicy(raw);
    for (const p of problems) notes.push({ part: 'shopPolicy', from, kind: p.kind, message: p.message });
    if (isNonEmptyPolicy(policy)) {
      shopPolicy = { value: policy, from };
      break;
    }
  }

  // Remark templates: built-ins, local, then packs from the lowest rank up.
  const templates = new Map<string, { item: RemarkTemplate; from: SettingSource }>();
  for (const t of DEFAULT_REMARK_TEMPLATES) templates.set(t.id, { item: t as RemarkTemplate, from: DEFAULT });
  const mergeTemplates = (raw: unknown, from: SettingSource) =>
    mergeById(
      templates,
      raw,
      remarkTemplateSchema,
      (t) => t.id,
      from,
      'remarkTemplates',
      (i) => `第 ${i + 1} 个备注模板`,
      notes,
      PACK_LIMITS.remarkTemplatesMax,
    );
  mergeTemplates(local.remarkTemplates, LOCAL);
  for (const r of [...ranked].reverse()) mergeTemplates(r.pack.remarkTemplates, sourceOf(r));

  // Wording rules: whether built-ins stay is the top pack-with-rules' call.
  const topWithRules = ranked.find(
    (r) => Array.isArray(r.pack.wordingRules) && r.pack.wordingRules.length > 0,
  );
  const builtinWordingRules = topWithRules?.pack.wordingRulesMode !== 'replace';
  const rules = new Map<string, { item: WordingRule; from: SettingSource }>();
  if (builtinWordingRules)
    for (const rule of DEFAULT_WORDING_RULES.rules) rules.set(rule.id, { item: rule, from: DEFAULT });
  for (const r of [...ranked].reverse()) {
    mergeById(
      rules,
      r.pack.wordingRules,
      wordingRuleSchema,
      (rule) => rule.id,
      sourceOf(r),
      'wordingRules',
      (i) => `第 ${i + 1} 条用语规则`,
      notes,
      PACK_LIMITS.wordingRulesMax,
    );
  }

  // Return reasons: the team's words first, built-ins after, 其他 always last.
  const returnFrom: { label: string; from: SettingSource }[] = [];
  const seen = new Set<string>();
  const addReason = (label: string, from: SettingSource) => {
    if (seen.has(label)) return;
    seen.add(label);
    returnFrom.push({ label, from });
  };
  for (const r of ranked) {
    const raw = r.pack.registerReasons;
    if (raw === undefined) continue;
    const from = sourceOf(r);
    if (!Array.isArray(raw)) {
      notes.push({ part: 'registerReasons', from, kind: 'invalid', message: '退货原因不是列表，已忽略' });
      continue;
    }
    for (const value of raw.slice(0, PACK_LIMITS.registerReasonsMax)) {
      const parsed = reasonSchema.safeParse(value);
      if (parsed.success) addReason(parsed.data, from);
      else
        notes.push({
          part: 'registerReasons',
          from,
          kind: 'invalid',
          message: '有一个退货原因不是有效的文字，已跳过',
        });
    }
  }
  for (const label of DEFAULT_REASONS.return) if (label !== OTHER_REASON) addReason(label, DEFAULT);
  const other = returnFrom.findIndex((x) => x.label === OTHER_REASON);
  if (other >= 0) returnFrom.push(...returnFrom.splice(other, 1));
  else addReason(OTHER_REASON, DEFAULT);

  return {
    packs: ranked.map((r) => {
      const s = sourceOf(r) as Extract<SettingSource, { kind: 'pack' }>;
      return { id: s.packId, name: s.name, version: s.version };
    }),
    legend: legend ?? { value: DEFAULT_FLAG_LEGEND, from: DEFAULT },
    shopPolicy: shopPolicy ?? { value: DEFAULT_SHOP_POLICY, from: DEFAULT },
    remarkTemplates: [...templates.values()].map(({ item, from }) => ({ template: item, from })),
    wordingRules: [...rules.values()].map(({ item, from }) => ({ rule: item, from })),
    builtinWordingRules,
    registerReasons: {
      value: { ...DEFAULT_REASONS, return: returnFrom.map((x) => x.label) },
      returnFrom,
    },
    notes,
  };
}

/** The defaults alone: what every feature uses before (or without) an answer from the background. */
export const DEFAULT_TEAM_SETTINGS: TeamSettings = computeTeamSettings([]);

// ---------------------------------------------------------------------------------------------
// The message's response schema (lib/messaging/protocol.ts `team:settings`): checked by the
// receiving page with the same schemas the pack format uses.

export const settingSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pack'), packId: z.string(), name: z.string(), version: z.number() }),
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('default') }),
]);

const part = z.enum(['legend', 'remarkTemplates', 'shopPolicy', 'wordingRules', 'registerReasons']);

export const teamSettingsSchema = z.object({
  packs: z.array(z.object({ id: z.string(), name: z.string(), version: z.number() })),
  legend: z.object({ value: flagLegendSchema, from: settingSourceSchema }),
  shopPolicy: z.object({ value: shopPolicySchema, from: settingSourceSchema }),
  remarkTemplates: z.array(z.object({ template: remarkTemplateSchema, from: settingSourceSchema })),
  wordingRules: z.array(z.object({ rule: wordingRuleSchema, from: settingSourceSchema })),
  builtinWordingRules: z.boolean(),
  registerReasons: z.object({
    value: z.object({
      return: z.array(z.string()),
      inquiry: z.array(z.string()),
      unpaid: z.array(z.string()),
    }),
    returnFrom: z.array(z.object({ label: z.string(), from: settingSourceSchema })),
  }),
  notes: z.array(
    z.object({
      part,
      from: settingSourceSchema,
      kind: z.enum(['invalid', 'stricter']),
      message: z.string(),
    }),
  ),
});

/** Same source? (packs compared by id and version). */
export function sameSource(a: SettingSource, b: SettingSource): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'pack' || (b.kind === 'pack' && a.packId === b.packId && a.version === b.version);
}
