import type { z } from 'zod';
import { findJsonSyntaxProblem } from './json-error';
import {
  composeMessage,
  describePath,
  PREDICATE_MARK,
  toJsonPath,
  zhIssueMessage,
  type PathSegment,
} from './messages';
import {
  FORBIDDEN_KEYS,
  PACK_FORMAT,
  PACK_LIMITS,
  packCrossFieldIssues,
  packObjectSchema,
  packSchema,
  type Pack,
} from './schema';

/**
 * parsePack: a pack file's text (or bytes, or an already-parsed value) → a validated Pack, or
 * every problem with its JSON path and a Chinese message. It never throws: whatever arrives
 * (non-JSON, 50 MB, cycles, BigInt, Symbol, getters that throw, Proxies) becomes an error list.
 */

export interface PackError {
  /** JSON path of the problem, e.g. `$.phrases[3].variants[0]`; `$` for the whole file. */
  path: string;
  /** Chinese: what is wrong and where, e.g. `第 4 条短语的第 1 个变体为空`. */
  message: string;
  /** For duplicates: the path of the first occurrence. */
  relatedPath?: string;
  /** For JSON syntax errors: 1-based position in the file. */
  line?: number;
  column?: number;
}

export type ParsePackResult =
  { ok: true; pack: Pack; warnings: PackError[] } | { ok: false; errors: PackError[] };

const MB = (PACK_LIMITS.fileBytes / 1024 / 1024).toFixed(0);

export function parsePack(input: unknown): ParsePackResult {
  try {
    return parsePackInner(input);
  } catch (e) {
    // Last line of defence (a Proxy trap, a stack overflow inside a library): still an answer.
    return failure([{ path: '$', message: `无法读取短语包：${safeText(e)}` }]);
  }
}

function failure(errors: PackError[]): { ok: false; errors: PackError[] } {
  if (errors.length > PACK_LIMITS.errorsMax) {
    const rest = errors.length - PACK_LIMITS.errorsMax;
    errors = errors.slice(0, PACK_LIMITS.errorsMax);
    errors.push({ path: '$', message: `还有 ${rest} 处问题没有列出，请先修正以上问题后再导入` });
  }
  return { ok: false, errors };
}

function safeText(e: unknown): string {
  try {
    if (e instanceof Error) return e.message.slice(0, 200);
    return String(e).slice(0, 200);
  } catch {
    return '未知错误';
  }
}

function parsePackInner(input: unknown): ParsePackResult {
  let value: unknown;
  let fromJson = true;
  if (typeof input === 'string') {
    const r = textToValue(input);
    if (!r.ok) return failure(r.errors);
    value = r.value;
  } else if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    const r = bytesToText(input);
    if (!r.ok) return failure(r.errors);
    const t = textToValue(r.text);
    if (!t.ok) return failure(t.errors);
    value = t.value;
  } else {
    value = input;
    fromJson = false;
  }

  // JSON.parse output is already inert plain data: check it in place instead of copying.
  const walked = cleanCopy(value, fromJson);
  if (walked.errors.length > 0) return failure(walked.errors);
  const root = walked.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return failure([
      { path: '$', message: `短语包必须是一个 JSON 对象（以 { 开头），实际是${kindOf(root)}` },
    ]);
  }
  const rec = root as Record<string, unknown>;

  // A newer format is not "invalid": say so once instead of listing every field we don't know.
  if (typeof rec.format === 'string' && rec.format !== PACK_FORMAT && /^kefu-pack\/\d+$/.test(rec.format)) {
    return failure([
      {
        path: '$.format',
        message: `这是「${rec.format}」格式的短语包，当前的客服工具箱只支持「${PACK_FORMAT}」，请先升级扩展`,
      },
    ]);
  }

  const parsed = packSchema.safeParse(rec, { error: zhIssueMessage });
  if (parsed.success) {
    const known = new Set(Object.keys(packObjectSchema.shape));
    const warnings = Object.keys(rec)
      .filter((k) => !known.has(k))
      .map((k) => ({ path: toJsonPath([k]), message: `已忽略不认识的字段「${k}」（拼写错误？）` }));
    return { ok: true, pack: parsed.data, warnings };
  }

  const errors: PackError[] = [];
  const seen = new Set<string>();
  const push = (e: PackError) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push(e);
  };
  for (const issue of flattenIssues(parsed.error.issues, [])) {
    const related = (issue as { params?: { relatedPath?: PathSegment[] } }).params?.relatedPath;
    push({
      path: toJsonPath(issue.path),
      message: related ? issue.message : composeMessage(issue.path, issue.message),
      ...(related ? { relatedPath: toJsonPath(related) } : {}),
    });
  }
  // zod skips refinements once a field has failed; report duplicates in the same round anyway.
  for (const issue of packCrossFieldIssues(rec)) {
    push({
      path: toJsonPath(issue.path),
      message: issue.message,
      relatedPath: toJsonPath(issue.relatedPath),
    });
  }
  return failure(errors);
}

// ---------------------------------------------------------------------------------------------
// Text and bytes

type Step<T> = ({ ok: true } & T) | { ok: false; errors: PackError[] };

function tooBig(): PackError {
  return { path: '$', message: `文件太大：短语包最大 ${MB} MB。请拆分成几个短语包，或删去不用的短语` };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function bytesToText(input: ArrayBuffer | ArrayBufferView): Step<{ text: string }> {
  if (input.byteLength > PACK_LIMITS.fileBytes) return { ok: false, errors: [tooBig()] };
  try {
    const view =
      input instanceof ArrayBuffer
        ? new Uint8Array(input)
        : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(view) };
  } catch {
    return {
      ok: false,
      errors: [
        { path: '$', message: '文件不是 UTF-8 编码，无法读取。请用记事本或 VS Code 另存为「UTF-8」后再导入' },
      ],
    };
  }
}

function textToValue(text: string): Step<{ value: unknown }> {
  // UTF-8 never takes fewer bytes than UTF-16 code units, so the length alone can rule out most.
  if (
    text.length > PACK_LIMITS.fileBytes ||
    (text.length * 3 > PACK_LIMITS.fileBytes && utf8Length(text) > PACK_LIMITS.fileBytes)
  ) {
    return { ok: false, errors: [tooBig()] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { ok: false, errors: [{ path: '$', message: '文件是空的，没有任何内容' }] };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const problem = findJsonSyntaxProblem(text);
    if (!problem) return { ok: false, errors: [{ path: '$', message: '不是有效的 JSON 文件' }] };
    return {
      ok: false,
      errors: [
        {
          path: '$',
          message: `JSON 格式错误（第 ${problem.line} 行第 ${problem.column} 列）：${problem.message}`,
          line: problem.line,
          column: problem.column,
        },
      ],
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The JSON-value check: a copy made of plain data only

function kindOf(value: unknown): string {
  if (value === null) return ' null';
  if (Array.isArray(value)) return '一个列表';
  switch (typeof value) {
    case 'string':
      return '一段文字';
    case 'number':
      return '一个数字';
    case 'boolean':
      return '一个布尔值';
    default:
      return ` ${typeof value}`;
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

class TooBig extends Error {}

/**
 * Copies the input into fresh plain objects and arrays, rejecting anything JSON could not have
 * produced, so zod then reads inert data: no getters, Proxies or prototype tricks. Recursion is
 * safe because it stops at PACK_LIMITS.depthMax; the size budget stops huge inputs early.
 * With `fromJson` (JSON.parse output) nothing is copied, only checked.
 */
function cleanCopy(input: unknown, fromJson: boolean): { value: unknown; errors: PackError[] } {
  // Hoisted: module constants can be getters after bundling/transpiling, and this loop is hot.
  const errorsMax = PACK_LIMITS.errorsMax;
  const depthMax = PACK_LIMITS.depthMax;
  const listMax = PACK_LIMITS.phrasesMax;
  const sizeMax = PACK_LIMITS.fileBytes;
  const forbidden = new Set(FORBIDDEN_KEYS);
  const errors: PackError[] = [];
  const onPath = new Set<object>();
  const path: PathSegment[] = [];
  let size = 0;
  const err = (what: string) => {
    errors.push({ path: toJsonPath(path), message: `${describePath(path)}${what}` });
  };
  const charge = (n: number) => {
    size += n;
    if (size > sizeMax) throw new TooBig();
  };

  // Returns the copy; `undefined` means "leave out" (or an error was recorded).
  const copy = (value: unknown, depth: number, inArray: boolean): unknown => {
    if (errors.length >= errorsMax) return undefined;
    switch (typeof value) {
      case 'string':
        charge(value.length + 2);
        return value;
      case 'number':
        if (!Number.isFinite(value)) err('不是有效的数字（NaN 或 Infinity）');
        charge(8);
        return value;
      case 'boolean':
        charge(5);
        return value;
      case 'undefined':
        // Dropped from objects like JSON.stringify does; in a list it would shift every index.
        if (inArray) err('是空位（undefined），列表里不能有空项');
        return undefined;
      case 'bigint':
        err('是 BigInt 大整数，短语包只支持普通数字');
        return undefined;
      case 'symbol':
        err('是 Symbol，短语包只能包含 JSON 数据');
        return undefined;
      case 'function':
        err('是函数，短语包只能包含 JSON 数据');
        return undefined;
    }
    if (value === null) {
      charge(4);
      return null;
    }
    const obj = value as object;
    if (onPath.has(obj)) {
      err('指回了包含它的对象（循环引用），无法保存为 JSON');
      return undefined;
    }
    if (depth >= depthMax) {
      err(`嵌套太深（超过 ${depthMax} 层）`);
      return undefined;
    }
    if (Array.isArray(obj)) {
      if (obj.length > listMax) {
        err(`太长了：共 ${obj.length} 项，最多 ${listMax} 项`);
        return undefined;
      }
      charge(2 + obj.length);
      onPath.add(obj);
      const out: unknown[] = fromJson ? obj : new Array(obj.length);
      for (let i = 0; i < obj.length; i++) {
        path.push(i);
        const v = copy(obj[i], depth + 1, true);
        if (!fromJson) out[i] = v;
        path.pop();
      }
      onPath.delete(obj);
      return out;
    }
    if (!isPlainObject(obj)) {
      const name = (obj as { constructor?: { name?: unknown } }).constructor?.name;
      err(`不是普通的 JSON 对象${typeof name === 'string' && name ? `（是 ${name}）` : ''}`);
      return undefined;
    }
    charge(2);
    onPath.add(obj);
    const out: Record<string, unknown> = fromJson ? (obj as Record<string, unknown>) : {};
    for (const key of Object.keys(obj)) {
      path.push(key);
      if (forbidden.has(key)) {
        errors.push({
          path: toJsonPath(path),
          message: `${describePath(path.slice(0, -1))}里有不允许使用的字段名「${key}」（可被用来篡改程序对象）`,
        });
      } else {
        charge(key.length + 4);
        const v = copy((obj as Record<string, unknown>)[key], depth + 1, false);
        if (v !== undefined && !fromJson) out[key] = v;
      }
      path.pop();
    }
    onPath.delete(obj);
    return out;
  };

  try {
    const value = copy(input, 0, false);
    return { value, errors };
  } catch (e) {
    if (e instanceof TooBig) return { value: undefined, errors: [tooBig()] };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// zod issues

interface FlatIssue {
  path: PathSegment[];
  message: string;
  params?: unknown;
}

const FORMAT_NAMES: Record<string, string> = {
  date: '日期 YYYY-MM-DD',
  datetime: 'ISO 8601 时间（如 2025-03-01T10:00:00+08:00）',
};

/**
 * A union's own message ("matches no option") helps nobody. When the value's type picks one
 * option (a changelog that is a list, not a text), report that option's problems instead.
 */
function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: PathSegment[]): FlatIssue[] {
  const out: FlatIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branches = issue.errors;
      const plausible = branches.filter(
        (b) =>
          !b.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')),
      );
      if (plausible.length === 1) {
        out.push(...flattenIssues(plausible[0] as z.core.$ZodIssue[], path));
        continue;
      }
      const formats = branches.map((b) =>
        b.length === 1 && b[0]?.code === 'invalid_format' && b[0].path.length === 0 ? b[0].format : null,
      );
      if (formats.every((f) => f !== null)) {
        const names = formats.map((f) => FORMAT_NAMES[f as string] ?? String(f));
        out.push({ path, message: `${PREDICATE_MARK}格式不正确：应为${names.join(' 或 ')}` });
        continue;
      }
    }
    out.push({ path, message: issue.message, params: (issue as { params?: unknown }).params });
  }
  return out;
}
