import type { Platform } from '../sites/platforms';
import { normalizeRemarkText } from './compose';
import { UnknownPlatformError } from './flags';

/**
 * Appending our remark line to the order's existing seller remark. We never rewrite what is
 * there (other agents' promises live in it) and never truncate: over-long text is reported.
 */

/**
 * How a platform counts remark length:
 * - `utf16`: JavaScript `.length`, what `<textarea maxlength>` and Java's String.length count
 *   (an emoji is 2). When unsure we pick this over code points: it never reads shorter.
 * - `codepoints`: characters as a person counts them (an emoji is 1).
 * - `utf8-bytes`: bytes of UTF-8 (a Chinese character is 3).
 */
export type RemarkLengthUnit = 'utf16' | 'codepoints' | 'utf8-bytes';

export interface RemarkFieldSpec {
  /** Put between the existing remark and ours. */
  separator: string;
  /** Undefined when we have no documented limit. */
  limit?: number;
  unit: RemarkLengthUnit;
  /** False until someone checks the limit and the counting on the live page. */
  verified: boolean;
  source: string;
}

/** Per-platform remark fields, as data with where each number comes from. */
export const REMARK_FIELD_SPECS: Record<Platform, RemarkFieldSpec> = {
  taobao: {
    // Multi-line textarea (memo page and Qianniu dialog) with room to spare: one promise per line.
    separator: '\n',
    limit: 1000,
    // The API doc says bytes without naming the encoding; UTF-8 (汉字 = 3) is the stricter reading.
    unit: 'utf8-bytes',
    verified: false,
    source:
      'taobao.trade.memo.update / memo.add API doc: 卖家交易备注 最大长度 1000 个字节 (via bububa/opentaobao); web form limit not seen',
  },
  tmall: {
    separator: '\n',
    limit: 1000,
    unit: 'utf8-bytes',
    verified: false,
    source: "Tmall orders use Taobao's memo (taobao.trade.memo.update: 1000 个字节); web form limit not seen",
  },
  jd: {
    // Field shape unknown: the one-character full-width semicolon is safe in a single-line display.
    separator: '；',
    unit: 'codepoints',
    verified: false,
    source: 'no documented 商家备注 limit found',
  },
  pdd: {
    separator: '；',
    unit: 'codepoints',
    verified: false,
    source:
      'no documented 订单备注 limit found (pdd.order.note.update gives none; tag_name ≤ 3 chars is the tag, not the note)',
  },
  douyin: {
    // 60 characters is tight: a one-character separator, no newline.
    separator: '；',
    limit: 60,
    unit: 'utf16',
    verified: false,
    source:
      'shared/research/seller-pages.md: 抖店 remark ≤ 60 characters; how the page counts emoji is unverified',
  },
  other: {
    separator: '；',
    unit: 'codepoints',
    verified: false,
    source: 'unknown site',
  },
};

export function countRemarkLength(text: string, unit: RemarkLengthUnit): number {
  switch (unit) {
    case 'utf16':
      return text.length;
    case 'codepoints': {
      let count = 0;
      for (const _ of text) count++;
      return count;
    }
    case 'utf8-bytes': {
      // Lone surrogates become U+FFFD (3 bytes) when the page encodes them, as TextEncoder does.
      return new TextEncoder().encode(text).length;
    }
  }
}

export interface MergeRemarkOptions {
  platform: Platform;
  /** Overrides the platform's separator (a shop's own habit). */
  separator?: string;
}

export interface MergeRemarkResult {
  /** `existing` unchanged, character for character, then (separator and) `addition`. */
  text: string;
  /** The merged text is longer than the platform's limit. Nothing is cut: the agent decides. */
  overLimit: boolean;
  limit?: number;
  /** Length of `text` as the platform counts it (`unit`). */
  length: number;
  unit: RemarkLengthUnit;
  /** How far over the limit, when overLimit. */
  overBy?: number;
  /** Whether the limit has been checked on the live page. */
  limitVerified: boolean;
  /** The separator actually inserted ('' when none was needed). */
  separator: string;
  /** False when `addition` was blank: `text` is `existing` as is. */
  appended: boolean;
  /** `existing` already ends with this addition (a second click): the UI should ask first. */
  duplicate: boolean;
}

// The existing remark already ends in a break: adding our separator would double it.
const ALREADY_SEPARATED = ['\n', '\r', '；', ';'];
// Where a previous remark may start, for the duplicate check.
const BOUNDARY_BEFORE = new Set([' ', '；', ';', '，', ',', '。']);

function endsWithAddition(existing: string, addition: string): boolean {
  const tail = normalizeRemarkText(addition);
  if (!tail) return false;
  const head = normalizeRemarkText(existing);
  if (!head.endsWith(tail)) return false;
  if (head.length === tail.length) return true;
  return BOUNDARY_BEFORE.has(head.charAt(head.length - tail.length - 1));
}

function specFor(platform: Platform): RemarkFieldSpec {
  if (!Object.hasOwn(REMARK_FIELD_SPECS, platform)) {
    throw new UnknownPlatformError(platform);
  }
  return REMARK_FIELD_SPECS[platform];
}

/**
 * Appends `addition` to `existing` for `platform`. `existing` is kept exactly, even when it is
 * only whitespace; a separator is added only between two non-blank remarks.
 */
export function mergeRemark(
  existing: string,
  addition: string,
  options: MergeRemarkOptions,
): MergeRemarkResult {
  const spec = specFor(options.platform);
  const appended = addition.trim().length > 0;
  const preferred = options.separator ?? spec.separator;
  const alreadySeparated =
    ALREADY_SEPARATED.some((end) => existing.endsWith(end)) ||
    (preferred !== '' && existing.endsWith(preferred));
  const separator = appended && existing.trim().length > 0 && !alreadySeparated ? preferred : '';
  const text = appended ? existing + separator + addition : existing;

  const length = countRemarkLength(text, spec.unit);
  const overLimit = spec.limit !== undefined && length > spec.limit;
  const result: MergeRemarkResult = {
    text,
    overLimit,
    ...(spec.limit === undefined ? {} : { limit: spec.limit }),
    ...(overLimit && spec.limit !== undefined ? { overBy: length - spec.limit } : {}),
    length,
    unit: spec.unit,
    limitVerified: spec.verified,
    separator,
    appended,
    duplicate: appended && endsWithAddition(existing, addition),
  };
  return result;
}
