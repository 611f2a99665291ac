import type { z } from 'zod';
import { KEY_ID_PATTERN, PACK_ID_PATTERN } from './schema';

/**
 * Chinese wording for validation problems: where (a JSON path and its Chinese reading) and what.
 * Team leads edit packs by hand, so "第 4 条短语的第 1 个变体为空" beats "phrases.3.variants.0".
 */

export type PathSegment = string | number;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Own keys only: a pack key like `constructor` must not find Object.prototype's. */
function own<T>(map: Record<string, T>, key: PropertyKey | undefined): T | undefined {
  return typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** `$.phrases[3].variants[0]`; keys that are not identifiers are quoted: `$.flags["ship-attention"]`. */
export function toJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && IDENT.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

const TOP_FIELDS: Record<string, string> = {
  $schema: '「$schema」',
  format: '格式标识（format）',
  id: '短语包编号（id）',
  name: '短语包名称（name）',
  version: '版本号（version）',
  publisher: '发布者（publisher）',
  updatedAt: '更新时间（updatedAt）',
  description: '简介（description）',
  updateUrl: '更新地址（updateUrl）',
  changelog: '更新说明（changelog）',
  phrases: '短语列表（phrases）',
  flagLegend: '旗帜说明（flagLegend）',
  remarkTemplates: '备注模板列表（remarkTemplates）',
  returnPolicy: '退换货政策（returnPolicy）',
  wordingRules: '用语规则列表（wordingRules）',
  registerReasons: '退货原因列表（registerReasons）',
  signature: '签名（signature）',
};

const PHRASE_FIELDS: Record<string, string> = {
  id: '编号（id）',
  title: '标题',
  shortcut: '快捷码',
  category: '分类',
  tags: '标签',
  variants: '话术变体',
  platforms: '适用平台',
};

const ITEM_NAMES: Record<string, (n: number) => string> = {
  phrases: (n) => `第 ${n} 条短语`,
  changelog: (n) => `第 ${n} 条更新说明`,
  remarkTemplates: (n) => `第 ${n} 个备注模板`,
  wordingRules: (n) => `第 ${n} 条用语规则`,
  registerReasons: (n) => `第 ${n} 个退货原因`,
};

const CHANGELOG_FIELDS: Record<string, string> = { version: '版本号', date: '日期', notes: '内容' };

const PHRASE_LIST_ITEMS: Record<string, string> = {
  variants: '变体',
  tags: '标签',
  platforms: '平台',
};

/** `fields[0].name` — a path below a named part, without the leading `$.`. */
function relativePath(path: readonly PropertyKey[]): string {
  return toJsonPath(path).slice(1).replace(/^\./, '');
}

/** Reads a pack path in Chinese; parts it has no words for stay as a JSON path in brackets. */
export function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '短语包';
  const [top, index, field, sub] = path;
  const topKey = String(top);
  const itemName = own(ITEM_NAMES, topKey);
  if (typeof index === 'number' && itemName) {
    const where = itemName(index + 1);
    if (path.length === 2) return where;
    const phraseField = topKey === 'phrases' ? own(PHRASE_FIELDS, field) : undefined;
    if (phraseField) {
      if (path.length === 3) return `${where}的${phraseField}`;
      const item = own(PHRASE_LIST_ITEMS, field);
      if (typeof sub === 'number' && path.length === 4 && item) return `${where}的第 ${sub + 1} 个${item}`;
    }
    const changelogField =
      topKey === 'changelog' && path.length === 3 ? own(CHANGELOG_FIELDS, field) : undefined;
    if (changelogField) return `${where}的${changelogField}`;
    return `${where}的 ${relativePath(path.slice(2))}`;
  }
  const name = own(TOP_FIELDS, topKey) ?? `字段「${topKey}」`;
  if (path.length === 1) return name;
  if (path.length === 2 && typeof index === 'number') return `${name}的第 ${index + 1} 项`;
  return `${name}中的 ${relativePath(path.slice(1))}`;
}

/** What kind of value the agent actually wrote, in words. */
export function typeNameZh(value: unknown): string {
  if (value === null) return '空值 null';
  if (Array.isArray(value)) return '列表';
  switch (typeof value) {
    case 'string':
      return '文字';
    case 'number':
      return Number.isFinite(value) ? '数字' : '无效数字';
    case 'boolean':
      return '布尔值（true/false）';
    case 'object':
      return '对象';
    case 'undefined':
      return '空（缺失）';
    default:
      return typeof value;
  }
}

const EXPECTED_ZH: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象（{ … }）',
  array: '列表（[ … ]）',
  null: 'null',
};

/** What a pattern means, keyed by the RegExp's text as zod reports it. */
const REGEX_HINTS: Record<string, string> = {
  [String(PACK_ID_PATTERN)]: '格式不正确：只能用小写英文字母、数字和连字符 -，例如 acme-after-sales',
  [String(KEY_ID_PATTERN)]: '格式不正确：应为密钥指纹，16 组 4 位十六进制数，用空格隔开',
};

/**
 * Marks a message produced by `zhIssueMessage`: such a message is a predicate ("不能为空") that
 * reads right glued to the location; messages a schema wrote itself are full sentences and get
 * a colon instead.
 */
export const PREDICATE_MARK = '\u0001';

/** Passed to zod's safeParse as its per-parse error map; only used where a schema set no message. */
export function zhIssueMessage(issue: z.core.$ZodRawIssue): string {
  const p = (s: string) => PREDICATE_MARK + s;
  const iss = issue as unknown as Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return p('缺失（必填）');
      const expected = own(EXPECTED_ZH, String(iss.expected)) ?? String(iss.expected);
      return p(`应为${expected}，实际是${typeNameZh(issue.input)}`);
    }
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return p(min <= 1 ? '不能为空' : `至少要 ${min} 个字`);
      if (iss.origin === 'array' || iss.origin === 'set')
        return p(min <= 1 ? '不能为空列表' : `至少需要 ${min} 项`);
      if (iss.inclusive === false && min === 0) return p('必须大于 0');
      return p(iss.inclusive === false ? `必须大于 ${min}` : `不能小于 ${min}`);
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'string') return p(`太长了：不能超过 ${max} 个字`);
      if (iss.origin === 'array' || iss.origin === 'set') return p(`太多了：最多 ${max} 项`);
      return p(iss.inclusive === false ? `必须小于 ${max}` : `不能大于 ${max}`);
    }
    case 'invalid_format': {
      switch (iss.format) {
        case 'datetime':
          return p('不是有效的时间：应为 ISO 8601 格式，例如 2025-03-01T10:00:00+08:00');
        case 'date':
          return p('不是有效的日期：应为 YYYY-MM-DD，例如 2025-03-01');
        case 'url':
          return p('不是有效的网址：只接受 https:// 开头的地址');
        case 'regex':
          return p(own(REGEX_HINTS, String(iss.pattern)) ?? '格式不正确');
        default:
          return p(`格式不正确（应为 ${String(iss.format)}）`);
      }
    }
    case 'invalid_value': {
      const values = (iss.values as unknown[] | undefined) ?? [];
      return p(`只能是 ${values.map((v) => JSON.stringify(v)).join(' 或 ')}`);
    }
    case 'unrecognized_keys':
      return p(`有不认识的字段：${((iss.keys as string[] | undefined) ?? []).join('、')}`);
    case 'invalid_union':
      return p('格式不正确，不符合任何一种允许的写法');
    case 'not_multiple_of':
      return p(`必须是 ${String(iss.divisor)} 的倍数`);
    default:
      return p('不正确');
  }
}

/**
 * Messages the phrase model writes as full sentences whose subject the location already names;
 * read as predicates they give "第 4 条短语的第 1 个变体为空" instead of a doubled subject.
 */
const AS_PREDICATE: Record<string, string> = {
  话术内容不能为空: '为空',
  标题不能为空: '为空',
  至少需要一条话术: '为空，至少需要一条话术',
};

/** Location + problem as one Chinese sentence. */
export function composeMessage(path: readonly PropertyKey[], message: string): string {
  const where = describePath(path);
  if (message.startsWith(PREDICATE_MARK)) return where + message.slice(PREDICATE_MARK.length);
  const predicate = own(AS_PREDICATE, message);
  if (predicate) return where + predicate;
  // "…的标题" + "标题不能超过 60 个字" → "…的标题不能超过 60 个字": say the subject once.
  for (let k = Math.min(12, message.length - 1); k >= 2; k--) {
    if (where.endsWith(message.slice(0, k))) return where + message.slice(k);
  }
  return `${where}：${message}`;
}
