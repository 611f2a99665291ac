import type { z } from 'zod';
import { PREDICATE_MARK, typeNameZh, zhIssueMessage } from '../packs/messages';

/**
 * Chinese locations for problems in stored data (a backup file, a phrase list): 「第 3 条短语
 * 「催发货」的快捷码」 rather than `phrases.2.shortcut`. The wording of each problem is the packs'
 * (lib/packs/messages.ts) so every file the agent brings in speaks the same way.
 */

export { typeNameZh };

/** A problem in a file: a machine path (for tests and support) and one Chinese sentence. */
export interface DataError {
  /** `phrases[2].shortcut`; '' for the whole file. */
  path: string;
  message: string;
}

const ITEM_NAMES: Record<string, string> = {
  phrases: '短语',
  packs: '短语包',
  registers: '登记记录',
  followups: '跟进提醒',
  kv: '内部状态',
};

const TOP_NAMES: Record<string, string> = {
  format: '格式标记（format）',
  dbVersion: '数据库版本（dbVersion）',
  settingsVersion: '设置版本（settingsVersion）',
  exportedAt: '导出时间（exportedAt）',
  app: '应用信息（app）',
  settings: '设置（settings）',
  phrases: '短语列表（phrases）',
  packs: '短语包列表（packs）',
  registers: '登记记录列表（registers）',
  followups: '跟进提醒列表（followups）',
  kv: '内部状态列表（kv）',
};

export const FIELD_NAMES: Record<string, string> = {
  id: '编号（id）',
  title: '标题',
  shortcut: '快捷码',
  category: '分类',
  tags: '标签',
  variants: '话术',
  platforms: '适用平台',
  source: '来源',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  usageCount: '使用次数',
  lastUsedAt: '最近使用时间',
  deletedAt: '删除时间',
  kind: '类型（kind）',
  dueAt: '到期时间（dueAt）',
  key: '键（key）',
  value: '值（value）',
  agentName: '客服姓名',
  shopName: '店铺名',
  triggers: '触发字符',
  responseTargetSeconds: '响应目标秒数',
  retentionDays: '登记保留天数',
  disabledFeatures: '按站点关闭的功能',
  showStatusChip: '状态标签开关',
};

const LIST_ITEMS: Record<string, string> = { variants: '条话术', tags: '个标签', platforms: '个平台' };

const own = <T>(map: Record<string, T>, key: PropertyKey | undefined): T | undefined =>
  typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : undefined;

/** `phrases[2].source.kind` */
export function machinePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `${out ? '.' : ''}${String(seg)}`;
  return out;
}

/** What one item is called: 第 3 条短语「催发货」. `name` is the item's title or id when known. */
function itemWhere(store: string, index: number, name: string | undefined): string {
  const noun = own(ITEM_NAMES, store) ?? store;
  return `第 ${index + 1} 条${noun}${name ? `「${name}」` : ''}`;
}

/** The fields below an item: 的快捷码, 的第 2 条话术, 的 source.kind. */
function fieldWhere(rest: readonly PropertyKey[]): string {
  if (rest.length === 0) return '';
  const [field, sub] = rest;
  const name = own(FIELD_NAMES, field);
  if (name && rest.length === 1) return `的${name}`;
  const item = own(LIST_ITEMS, field);
  if (item && typeof sub === 'number' && rest.length === 2) return `的第 ${sub + 1} ${item}`;
  return `的 ${machinePath(rest)}`;
}

export interface DescribeOptions {
  /** The root is a plain list of this store's items (a phrase import file): paths start with an index. */
  listOf?: string;
  /** A human name (title, id) for an item, to say which one. */
  nameOf?: (store: string, index: number) => string | undefined;
}

export function describePath(path: readonly PropertyKey[], options: DescribeOptions = {}): string {
  const p = options.listOf ? [options.listOf, ...path] : path;
  if (p.length === 0) return '文件';
  const [top, index] = p;
  const store = String(top);
  if (typeof index === 'number' && own(ITEM_NAMES, store)) {
    return itemWhere(store, index, options.nameOf?.(store, index)) + fieldWhere(p.slice(2));
  }
  if (store === 'settings' && p.length >= 2) {
    return `设置中的${own(FIELD_NAMES, p[1]) ?? machinePath(p.slice(1))}`;
  }
  const name = own(TOP_NAMES, store) ?? `字段「${store}」`;
  return p.length === 1 ? name : `${name}中的 ${machinePath(p.slice(1))}`;
}

/** Location + problem in one sentence; schema messages (标题不能为空) keep their own subject. */
export function composeError(
  path: readonly PropertyKey[],
  message: string,
  options: DescribeOptions = {},
): DataError {
  const where = describePath(path, options);
  const text = message.startsWith(PREDICATE_MARK)
    ? where + message.slice(PREDICATE_MARK.length)
    : `${where}：${message}`;
  return { path: machinePath(options.listOf ? [options.listOf, ...path] : path), message: text };
}

/** zod issues → Chinese errors, at most `max` (a broken 20k-phrase file must not flood the page). */
export function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  options: DescribeOptions = {},
  max = 50,
): DataError[] {
  return issues.slice(0, max).map((issue) => composeError(issue.path, issue.message, options));
}

/** Per-parse zod error map with Chinese wording. */
export const zhErrorMap = zhIssueMessage;
