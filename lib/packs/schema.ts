import { z } from 'zod';
import { PHRASE_LIMITS, phraseSchema } from '../phrases/model';
import { flagLegendSchema, remarkTemplateSchema, shopPolicySchema, wordingRuleSchema } from './parts';

/**
 * The phrase-pack file format `kefu-pack/1`, defined once here. docs/pack.schema.json is
 * generated from this (scripts/gen-pack-schema.ts) and docs/pack-format.md explains it.
 *
 * Packs come from other people's computers, so every list and string is bounded: a hostile or
 * broken file is rejected with a clear message instead of freezing the extension.
 */

export const PACK_FORMAT = 'kefu-pack/1' as const;

export const PACK_LIMITS = {
  /** Largest pack file accepted (UTF-8 bytes); a 20k-phrase pack of real wording is ~3 MB. */
  fileBytes: 5 * 1024 * 1024,
  phrasesMax: 20_000,
  idMax: 64,
  nameMax: 60,
  publisherMax: 60,
  descriptionMax: 500,
  urlMax: 500,
  changelogTextMax: 10_000,
  changelogEntriesMax: 200,
  changelogNoteMax: 2_000,
  remarkTemplatesMax: 100,
  wordingRulesMax: 500,
  registerReasonsMax: 50,
  registerReasonMax: 30,
  schemaRefMax: 500,
  /** Deepest nesting of objects/arrays; the format itself needs about 6. */
  depthMax: 32,
  /** Errors listed for one file; past this the rest are counted, not listed. */
  errorsMax: 100,
  /** Phrase fields reuse the phrase model's limits. */
  phrase: PHRASE_LIMITS,
} as const;

/**
 * Keys that could pollute Object.prototype if some later code merged pack data into an object
 * with plain assignment. JSON.parse keeps them as own properties, so they are rejected outright.
 */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** lowercase letters, digits and single hyphens: safe in a URL, a file name and an IndexedDB key. */
export const PACK_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const SIGNATURE_ALG = 'ECDSA-P256-SHA256' as const;

/** SHA-256 fingerprint as 16 groups of 4 upper-case hex digits (see sign.ts `fingerprint`). */
export const KEY_ID_PATTERN = /^[0-9A-F]{4}(?: [0-9A-F]{4}){15}$/;

/** Standard base64 of the 64-byte r‖s signature (88 characters with padding). */
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A phrase as a pack ships it: the phrase model's own field rules, without the fields that only
 * make sense on one agent's computer (usage counters, timestamps, trash, source). Those are set
 * by the importer; if a file carries them they are dropped.
 */
export const packPhraseSchema = phraseSchema.pick({
  id: true,
  title: true,
  shortcut: true,
  category: true,
  tags: true,
  variants: true,
  platforms: true,
});
export type PackPhrase = z.output<typeof packPhraseSchema>;

export const changelogEntrySchema = z.object({
  version: z.number().int().positive(),
  /** YYYY-MM-DD or a full ISO date-time. */
  date: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  notes: z.string().trim().min(1).max(PACK_LIMITS.changelogNoteMax),
});
export type ChangelogEntry = z.output<typeof changelogEntrySchema>;

export const packSignatureSchema = z.object({
  alg: z.literal(SIGNATURE_ALG),
  keyId: z.string().regex(KEY_ID_PATTERN),
  value: z.string().max(200).regex(BASE64_PATTERN),
});
export type PackSignature = z.output<typeof packSignatureSchema>;

/** Phrase ids and shortcuts that appear twice: the later one is the error, pointing at the first. */
export interface DuplicatePhraseKey {
  field: 'id' | 'shortcut';
  value: string;
  index: number;
  firstIndex: number;
}

/**
 * Works on unvalidated data (non-strings are skipped) so parsePack can report duplicates in the
 * same pass as other errors. Shortcuts compare trimmed and case-insensitively because the picker
 * matches them that way: `CFH` and `cfh` would fight over the same keystrokes.
 */
export function findDuplicatePhraseKeys(phrases: readonly unknown[]): DuplicatePhraseKey[] {
  const out: DuplicatePhraseKey[] = [];
  const ids = new Map<string, number>();
  const shortcuts = new Map<string, number>();
  phrases.forEach((p, index) => {
    if (typeof p !== 'object' || p === null) return;
    const rec = p as Record<string, unknown>;
    if (typeof rec.id === 'string') {
      const first = ids.get(rec.id);
      if (first === undefined) ids.set(rec.id, index);
      else out.push({ field: 'id', value: rec.id, index, firstIndex: first });
    }
    if (typeof rec.shortcut === 'string') {
      const key = rec.shortcut.trim().toLowerCase();
      if (key) {
        const first = shortcuts.get(key);
        if (first === undefined) shortcuts.set(key, index);
        else out.push({ field: 'shortcut', value: rec.shortcut.trim(), index, firstIndex: first });
      }
    }
  });
  return out;
}

export function duplicateMessage(d: DuplicatePhraseKey): string {
  const what = d.field === 'id' ? '编号（id）' : '快捷码';
  return `第 ${d.index + 1} 条短语的${what}「${d.value}」与第 ${d.firstIndex + 1} 条短语重复`;
}

export const packObjectSchema = z.object({
  /** Lets editors (VS Code…) validate the file against docs/pack.schema.json; ignored otherwise. */
  $schema: z
    .string()
    .max(PACK_LIMITS.schemaRefMax)
    .optional()
    .describe('编辑器校验用的 JSON Schema 地址，导入时忽略'),
  format: z.literal(PACK_FORMAT).describe('固定为 kefu-pack/1'),
  id: z
    .string()
    .min(1)
    .max(PACK_LIMITS.idMax)
    .regex(PACK_ID_PATTERN)
    .describe('短语包编号：小写字母、数字和连字符，发布后不要再改'),
  name: z.string().trim().min(1).max(PACK_LIMITS.nameMax).describe('短语包名称，显示给客服看'),
  /** A positive integer; each published update must be strictly greater (see update.ts). */
  version: z.number().int().positive().describe('版本号：正整数，每次发布都要比上一次大'),
  publisher: z.string().trim().min(1).max(PACK_LIMITS.publisherMax).describe('发布者，如「售后组 王组长」'),
  updatedAt: z.iso.datetime({ offset: true }).describe('发布时间，ISO 8601，如 2025-03-01T10:00:00+08:00'),
  description: z.string().trim().max(PACK_LIMITS.descriptionMax).optional(),
  /** Where subscribers fetch updates; https only so nobody on the shop's Wi-Fi can swap it. */
  updateUrl: z
    .url({ protocol: /^https$/ })
    .max(PACK_LIMITS.urlMax)
    .optional(),
  changelog: z
    .union([
      z.string().max(PACK_LIMITS.changelogTextMax),
      z.array(changelogEntrySchema).max(PACK_LIMITS.changelogEntriesMax),
    ])
    .describe('更新说明：一段文字，或按版本的列表'),
  phrases: z
    .array(packPhraseSchema)
    .max(PACK_LIMITS.phrasesMax)
    .describe('短语列表；编号（id）和快捷码在包内不能重复'),
  flagLegend: flagLegendSchema.optional(),
  remarkTemplates: z.array(remarkTemplateSchema).max(PACK_LIMITS.remarkTemplatesMax).optional(),
  returnPolicy: shopPolicySchema.optional(),
  wordingRules: z.array(wordingRuleSchema).max(PACK_LIMITS.wordingRulesMax).optional(),
  /** Whether the pack's wording rules come on top of the built-in ones or instead of them. */
  wordingRulesMode: z
    .enum(['add', 'replace'])
    .optional()
    .describe('用语规则与内置规则的关系：add（默认，一起提示）或 replace（只用本包的规则）'),
  /** Return-reason categories for the 退货原因汇总 register. */
  registerReasons: z
    .array(z.string().trim().min(1).max(PACK_LIMITS.registerReasonMax))
    .max(PACK_LIMITS.registerReasonsMax)
    .optional(),
  signature: packSignatureSchema.optional().describe('发布者签名，由扩展的「签名并导出」生成，请勿手改'),
});

export interface CrossFieldIssue {
  path: (string | number)[];
  relatedPath: (string | number)[];
  message: string;
}

/**
 * Uniqueness rules across list items. Tolerates unvalidated data so parsePack can report these
 * together with type errors (zod skips refinements once a field has failed).
 */
export function packCrossFieldIssues(pack: Record<string, unknown>): CrossFieldIssue[] {
  const out: CrossFieldIssue[] = [];
  if (Array.isArray(pack.phrases)) {
    for (const d of findDuplicatePhraseKeys(pack.phrases)) {
      out.push({
        path: ['phrases', d.index, d.field],
        relatedPath: ['phrases', d.firstIndex, d.field],
        message: duplicateMessage(d),
      });
    }
  }
  const uniqueStrings = (
    section: string,
    pick: (item: unknown) => unknown,
    sub: (string | number)[],
    message: (value: string, index: number, first: number) => string,
  ) => {
    const list = pack[section];
    if (!Array.isArray(list)) return;
    const seen = new Map<string, number>();
    list.forEach((item, index) => {
      const v = pick(item);
      if (typeof v !== 'string') return;
      const norm = v.trim();
      const first = seen.get(norm);
      if (first === undefined) seen.set(norm, index);
      else
        out.push({
          path: [section, index, ...sub],
          relatedPath: [section, first, ...sub],
          message: message(norm, index, first),
        });
    });
  };
  uniqueStrings(
    'remarkTemplates',
    (t) => (typeof t === 'object' && t !== null ? (t as Record<string, unknown>).id : undefined),
    ['id'],
    (v, i, f) => `第 ${i + 1} 个备注模板的 id「${v}」与第 ${f + 1} 个重复`,
  );
  uniqueStrings(
    'registerReasons',
    (r) => r,
    [],
    (v, i, f) => `第 ${i + 1} 个退货原因「${v}」与第 ${f + 1} 个重复`,
  );
  return out;
}

/** The pack with its cross-field rules (unique phrase ids/shortcuts, template ids, reasons). */
export const packSchema = packObjectSchema.superRefine((pack, ctx) => {
  for (const issue of packCrossFieldIssues(pack)) {
    ctx.addIssue({
      code: 'custom',
      path: issue.path,
      message: issue.message,
      params: { relatedPath: issue.relatedPath },
    });
  }
});

export type Pack = z.output<typeof packSchema>;
export type PackInput = z.input<typeof packSchema>;
