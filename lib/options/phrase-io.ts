import { findJsonSyntaxProblem } from '../packs/json-error';
import { phraseSchema, type Phrase } from '../phrases/model';
import { normalizeText } from '../phrases/search-core';
import { composeError, issuesToErrors, zhErrorMap, type DataError } from '../store/error-text';
import type { PhraseRecord } from '../store/db';

/**
 * Import and export of a plain JSON list of phrases (options page › 短语). An import is checked
 * here in full before anything is sent — every problem named by item in Chinese — and the
 * background checks it again and writes it in one transaction, all or nothing
 * (lib/store/phrases-repo.ts importPhrases).
 */
export const MAX_IMPORT = 100_000;

export interface ImportPlan {
  ok: true;
  phrases: Phrase[];
  added: number;
  replaced: number;
}

export type ImportCheck = ImportPlan | { ok: false; errors: DataError[] };

const fail = (message: string, path = ''): ImportCheck => ({ ok: false, errors: [{ path, message }] });

let seq = 0;
/** Ids for items that come without one (a list written by hand or by another tool). */
export function newPhraseId(now = Date.now()): string {
  return `mine-${now.toString(36)}-${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Items without an id get one; a list may hold the same phrase file's ids again (replace). */
const itemSchema = phraseSchema.extend({ id: phraseSchema.shape.id.optional() });

/**
 * Checks a phrase list file against the model and against what is stored: ids and shortcuts
 * must be unique in the file, and a shortcut must not belong to another stored phrase.
 * Phrases from a pack become the agent's own (packs are imported in their own section);
 * starter phrases stay starter phrases (so 「移除全部初始短语」 still finds them).
 */
export function checkPhraseImport(text: string, existing: readonly PhraseRecord[]): ImportCheck {
  if (text.trim() === '') return fail('文件是空的');
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const problem = findJsonSyntaxProblem(text);
    return fail(
      problem
        ? `不是有效的 JSON：第 ${problem.line} 行第 ${problem.column} 列，${problem.message}`
        : '不是有效的 JSON',
    );
  }
  if (!Array.isArray(value)) {
    const format = (value as { format?: unknown } | null)?.format;
    if (format === 'kefu-backup/1') return fail('这是完整备份文件：请到「备份与恢复」里恢复');
    if (format === 'kefu-pack/1') return fail('这是短语包文件：请到「短语包」里导入');
    return fail('文件内容应为短语列表：以 [ 开头、每条短语是一个 { … } 对象');
  }
  if (value.length === 0) return fail('列表是空的，没有可导入的短语');
  if (value.length > MAX_IMPORT) return fail(`一次最多导入 ${MAX_IMPORT} 条，这个文件有 ${value.length} 条`);

  const nameOf = (_store: string, index: number) => {
    const item = value[index] as { title?: unknown; id?: unknown } | undefined;
    const name = typeof item?.title === 'string' && item.title.trim() ? item.title : item?.id;
    return typeof name === 'string' && name ? name.slice(0, 30) : undefined;
  };
  const options = { listOf: 'phrases', nameOf };
  const now = Date.now();
  const errors: (DataError & { index: number })[] = [];
  // Item by item, so a file gets every problem listed at once: shape first, then uniqueness.
  const phrases: (Phrase | undefined)[] = value.map((raw, i) => {
    const parsed = itemSchema.safeParse(raw, { error: zhErrorMap });
    if (!parsed.success) {
      errors.push(
        ...issuesToErrors(
          parsed.error.issues.map((x) => ({ ...x, path: [i, ...x.path] })),
          options,
        ).map((e) => ({ ...e, index: i })),
      );
      return undefined;
    }
    const p = parsed.data;
    return {
      ...p,
      id: p.id ?? newPhraseId(now),
      source: p.source.kind === 'pack' ? { kind: 'mine' } : p.source,
    };
  });

  const byId = new Map(existing.map((p) => [p.id, p]));
  const ids = new Map<string, number>();
  const shortcuts = new Map<string, number>();
  const storedShortcut = new Map<string, PhraseRecord>();
  for (const p of existing) {
    const key = normalizeText(p.shortcut?.trim() ?? '');
    if (key && p.deletedAt === undefined) storedShortcut.set(key, p);
  }
  const fileIds = new Set(phrases.map((p) => p?.id));
  const add = (i: number, field: string, message: string) =>
    errors.push({ ...composeError([i, field], message, options), index: i });
  phrases.forEach((p, i) => {
    if (!p) return;
    const firstId = ids.get(p.id);
    if (firstId !== undefined) add(i, 'id', `编号「${p.id}」和第 ${firstId + 1} 条重复`);
    else ids.set(p.id, i);
    if (byId.get(p.id)?.source.kind === 'pack') add(i, 'id', `编号「${p.id}」属于短语包里的短语，不能被覆盖`);
    const key = normalizeText(p.shortcut?.trim() ?? '');
    if (!key) return;
    const first = shortcuts.get(key);
    if (first !== undefined) return add(i, 'shortcut', `快捷码「${p.shortcut}」和第 ${first + 1} 条重复`);
    shortcuts.set(key, i);
    const owner = storedShortcut.get(key);
    // A stored phrase the file replaces gives its shortcut up.
    if (owner && owner.id !== p.id && !fileIds.has(owner.id)) {
      add(i, 'shortcut', `快捷码「${p.shortcut}」已被现有短语「${owner.title}」使用`);
    }
  });
  if (errors.length) {
    const sorted = errors.sort((a, b) => a.index - b.index).map(({ index: _i, ...e }) => e);
    return { ok: false, errors: sorted.slice(0, 50) };
  }
  const valid = phrases as Phrase[];
  const replaced = valid.filter((p) => byId.has(p.id)).length;
  return { ok: true, phrases: valid, added: valid.length - replaced, replaced };
}
/**
 * Errors the background reported (`[3].variants.0`, see importPhrases) in the same words; the
 * check above normally finds them first.
 */
export function describeImportErrors(
  errors: readonly { field: string; message: string }[],
  phrases: readonly { title?: string }[],
): DataError[] {
  return errors.slice(0, 50).map((e) => {
    const m = /^\[(\d+)\]\.?(.*)$/.exec(e.field);
    if (!m) return { path: e.field, message: e.message };
    const path = [
      Number(m[1]),
      ...m[2]!
        .split('.')
        .filter(Boolean)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    ];
    return composeError(path, e.message, { listOf: 'phrases', nameOf: (_s, i) => phrases[i]?.title });
  });
}

/** The export file: a plain list, without the derived pinyin or the trash. */
export function exportPhraseList(phrases: readonly PhraseRecord[]): string {
  const list = phrases.filter((p) => p.deletedAt === undefined).map(({ py: _py, deletedAt: _d, ...p }) => p);
  return `${JSON.stringify(list, null, 2)}\n`;
}
