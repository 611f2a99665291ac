import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/browser';
import writeXlsxFile from 'write-excel-file/browser';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from '../sites/platforms';
import { PHRASE_LIMITS } from '../phrases/model';
import { PREDICATE_MARK, zhIssueMessage } from './messages';
import { PACK_LIMITS, packPhraseSchema, type PackPhrase } from './schema';

/**
 * Phrases to and from spreadsheets (CSV and XLSX), the way team leads already keep them.
 *
 * Import is three steps the options page shows one by one:
 *   1. read the file into rows of text (`readSheetFile`, or `parseCsv` / `readXlsx`);
 *   2. guess which column is what (`guessColumnMapping`), which the lead can correct;
 *   3. turn rows into phrases (`rowsToPhrases`), with errors by spreadsheet row and column.
 * Rows with errors never become phrases; the caller imports only when `errors` is empty, or the
 * valid rows after the lead confirms. Export writes the columns import recognises, so a file
 * exported here and imported again gives the same phrases.
 *
 * The XLSX libraries' browser entry points take ArrayBuffer/Blob, which Node ≥ 20 also has, so
 * the same code runs in the extension and under Vitest.
 */

export type SheetField = 'id' | 'title' | 'shortcut' | 'category' | 'tags' | 'platforms' | 'variants';

export interface ColumnMapping {
  /** 0-based column index of each field; absent: not in the sheet. */
  id?: number;
  title?: number;
  shortcut?: number;
  category?: number;
  tags?: number;
  platforms?: number;
  /** One or more content columns (话术1, 话术2 …), in variant order. */
  variants: number[];
  /** Whether the first row holds column names (true when any was recognised). */
  hasHeader: boolean;
}

export interface SheetRowError {
  /** 1-based row number as the spreadsheet program shows it (the header is row 1). */
  row: number;
  /** Column letter as the spreadsheet shows it (A, B, … AA); '' when the whole row is meant. */
  column: string;
  message: string;
}

export type SheetReadResult =
  | {
      ok: true;
      rows: string[][];
      /** Not fatal, e.g. "the file seems not to be UTF-8". */
      warnings: string[];
      /** Structural problems by row (an unclosed quote); those rows should be checked. */
      errors: SheetRowError[];
      encoding?: 'utf-8' | 'utf-16' | 'gb18030';
    }
  | { ok: false; message: string };

export const SHEET_LIMITS = {
  /** An XLSX of 20k phrases is ~2–4 MB; CSV is smaller. */
  fileBytes: 10 * 1024 * 1024,
  /** Data rows; one more for the header. */
  rowsMax: PACK_LIMITS.phrasesMax,
  /** Title made from the content when the sheet has no title column (Qianniu's layout). */
  derivedTitleMax: 20,
} as const;

/** Separators accepted between tags or platforms in one cell. */
const LIST_SEPARATORS = /[、,，;；|｜\n]+/;

// ---------------------------------------------------------------------------------------------
// Column names

export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Lower-case, no spaces, brackets or punctuation, so `快捷编码（必填）` and `Short cut:` match. */
function normHeader(h: unknown): string {
  return String(h ?? '')
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/[\s:：*＊_\-#.。]/g, '');
}

const HEADER_WORDS: Record<Exclude<SheetField, 'variants'>, string[]> = {
  id: ['id', '编号', '短语编号', '短语id', 'phraseid'],
  title: ['标题', '短语标题', '名称', '主题', '问题', 'title', 'name', 'question'],
  shortcut: [
    '快捷编码',
    '快捷码',
    '快捷键',
    '编码',
    '缩写',
    '快捷方式',
    '快捷词',
    'shortcut',
    'code',
    'hotkey',
    'key',
  ],
  category: [
    '分类',
    '类别',
    '类目',
    '分组',
    '分组名称',
    '短语分组',
    '所属分组',
    '目录',
    'category',
    'group',
    'folder',
  ],
  tags: ['标签', '关键词', '关键字', 'tags', 'tag', 'keywords', 'keyword', 'labels'],
  platforms: ['平台', '适用平台', 'platform', 'platforms'],
};

const CONTENT_WORDS = [
  '内容',
  '短语内容',
  '快捷短语',
  '短语',
  '话术',
  '话术内容',
  '回复',
  '回复内容',
  '文本',
  '变体',
  '答案',
  'content',
  'text',
  'reply',
  'answer',
  'message',
  'variant',
  'phrase',
];

/**
 * `快捷语` is a shortcut in some layouts (标题/分类/标签/快捷语/内容) and the phrase itself in
 * others; it is the shortcut only when another column holds the content.
 */
const SHORTCUT_OR_CONTENT = ['快捷语'];

/** A content column, possibly numbered: 话术1, 内容 2, variant3. Returns its number (0 = none). */
function contentColumnNumber(norm: string): number | null {
  const m = /^(.*?)(\d+)$/.exec(norm);
  const base = m ? (m[1] as string) : norm;
  if (!CONTENT_WORDS.includes(base)) return null;
  return m ? Number(m[2]) : 0;
}

/**
 * Guesses what each column holds from the header row. Unrecognised columns are left out, and
 * when nothing is recognised the first row is taken as data with column A as the content.
 */
export function guessColumnMapping(headerRow: readonly unknown[]): ColumnMapping {
  const mapping: ColumnMapping = { variants: [], hasHeader: false };
  const norms = headerRow.map(normHeader);
  const content: { index: number; n: number }[] = [];
  const ambiguous: number[] = [];
  // Earlier words in each list are the more specific: 分类 beats 分组 when both exist.
  const rank: Partial<Record<SheetField, number>> = {};
  norms.forEach((h, index) => {
    if (!h) return;
    const n = contentColumnNumber(h);
    if (n !== null) {
      content.push({ index, n });
      return;
    }
    if (SHORTCUT_OR_CONTENT.includes(h)) {
      ambiguous.push(index);
      return;
    }
    for (const field of Object.keys(HEADER_WORDS) as Exclude<SheetField, 'variants'>[]) {
      const r = HEADER_WORDS[field].indexOf(h);
      if (r >= 0 && (rank[field] === undefined || r < (rank[field] as number))) {
        rank[field] = r;
        mapping[field] = index;
      }
    }
  });
  for (const index of ambiguous) {
    if (content.length === 0) content.push({ index, n: 0 });
    else if (mapping.shortcut === undefined) mapping.shortcut = index;
  }
  content.sort((a, b) => a.n - b.n || a.index - b.index);
  mapping.variants = content.map((c) => c.index);
  mapping.hasHeader = mapping.variants.length > 0 || Object.keys(rank).length > 0;
  if (!mapping.hasHeader && headerRow.length > 0) mapping.variants = [0];
  return mapping;
}

/** Problems with a mapping the UI should show before import (Chinese), empty when usable. */
export function mappingProblems(mapping: ColumnMapping): string[] {
  const out: string[] = [];
  if (mapping.variants.length === 0) out.push('请指定短语内容在哪一列');
  if (mapping.variants.length > PHRASE_LIMITS.variantsMax) {
    out.push(
      `最多 ${PHRASE_LIMITS.variantsMax} 个内容列（每条短语最多 ${PHRASE_LIMITS.variantsMax} 个变体）`,
    );
  }
  const used = new Map<number, string>();
  const check = (index: number | undefined, name: string) => {
    if (index === undefined) return;
    const other = used.get(index);
    if (other) out.push(`${columnLetter(index)} 列同时被指定为「${other}」和「${name}」`);
    else used.set(index, name);
  };
  check(mapping.id, '编号');
  check(mapping.title, '标题');
  check(mapping.shortcut, '快捷码');
  check(mapping.category, '分类');
  check(mapping.tags, '标签');
  check(mapping.platforms, '平台');
  mapping.variants.forEach((i, n) => check(i, `话术${n + 1}`));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rows → phrases

export interface RowsToPhrasesOptions {
  /** Id for rows without one; default a random UUID. */
  makeId?: () => string;
}

export interface RowsToPhrasesResult {
  phrases: PackPhrase[];
  errors: SheetRowError[];
  /** Rows with no content in any cell, skipped silently. */
  emptyRows: number;
}

const PLATFORM_BY_NAME: Map<string, Platform> = new Map();
for (const p of PLATFORMS) {
  PLATFORM_BY_NAME.set(p, p);
  PLATFORM_BY_NAME.set(PLATFORM_LABELS[p].zh.toLowerCase(), p);
  PLATFORM_BY_NAME.set(PLATFORM_LABELS[p].en.toLowerCase(), p);
}
PLATFORM_BY_NAME.set('抖音', 'douyin');
PLATFORM_BY_NAME.set('拼多多', 'pdd');
PLATFORM_BY_NAME.set('咚咚', 'jd');
PLATFORM_BY_NAME.set('千牛', 'taobao');

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return String(v);
}

function isBlank(s: string): boolean {
  return s.trim() === '';
}

function splitList(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(LIST_SEPARATORS)) {
    const t = part.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** When the sheet has no title: the first line of the content, shortened. */
export function titleFromContent(text: string): string {
  const line = text.trim().split(/\r?\n/)[0]?.replace(/\s+/g, ' ') ?? '';
  const chars = Array.from(line);
  return chars.length > SHEET_LIMITS.derivedTitleMax
    ? `${chars.slice(0, SHEET_LIMITS.derivedTitleMax).join('')}…`
    : line;
}

function defaultId(): string {
  return globalThis.crypto.randomUUID();
}

const FIELD_NAMES: Record<SheetField, string> = {
  id: '编号',
  title: '标题',
  shortcut: '快捷码',
  category: '分类',
  tags: '标签',
  platforms: '平台',
  variants: '内容',
};

/**
 * Turns sheet rows into phrases. `rows` is the whole sheet as read (header included when
 * `mapping.hasHeader`), so `rows[i]` is spreadsheet row i + 1 in every message.
 */
export function rowsToPhrases(
  rows: readonly (readonly unknown[])[],
  mapping: ColumnMapping,
  options: RowsToPhrasesOptions = {},
): RowsToPhrasesResult {
  const makeId = options.makeId ?? defaultId;
  const phrases: PackPhrase[] = [];
  const errors: SheetRowError[] = [];
  let emptyRows = 0;
  const problems = mappingProblems(mapping);
  if (problems.length > 0) {
    return { phrases, errors: problems.map((message) => ({ row: 1, column: '', message })), emptyRows };
  }
  const header = mapping.hasHeader ? (rows[0] ?? []) : [];
  const colName = (index: number, field: SheetField) => {
    const h = cellText(header[index]).trim();
    return `${columnLetter(index)} 列（${h || FIELD_NAMES[field]}）`;
  };
  const firstIds = new Map<string, number>();
  const firstShortcuts = new Map<string, number>();
  const start = mapping.hasHeader ? 1 : 0;
  const dataRows = rows.length - start;
  if (dataRows > SHEET_LIMITS.rowsMax) {
    return {
      phrases,
      errors: [
        {
          row: start + SHEET_LIMITS.rowsMax + 1,
          column: '',
          message: `表格行数太多：最多 ${SHEET_LIMITS.rowsMax} 条短语，请拆分成几个文件`,
        },
      ],
      emptyRows,
    };
  }

  for (let r = start; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rowNo = r + 1;
    const cells = row.map(cellText);
    if (cells.every(isBlank)) {
      emptyRows++;
      continue;
    }
    const at = (index: number | undefined) => (index === undefined ? '' : (cells[index] ?? ''));
    const rowErrors: SheetRowError[] = [];
    const fail = (index: number, field: SheetField, what: string) =>
      rowErrors.push({
        row: rowNo,
        column: columnLetter(index),
        message: `第 ${rowNo} 行 ${colName(index, field)}${what}`,
      });

    // Variants keep every character (a phrase's spacing is the lead's); blank cells are skipped.
    const variantCols: number[] = [];
    const variants: string[] = [];
    for (const index of mapping.variants) {
      const v = at(index);
      if (!isBlank(v)) {
        variants.push(v);
        variantCols.push(index);
      }
    }
    const firstContentCol = mapping.variants[0] as number;
    if (variants.length === 0) {
      rowErrors.push({
        row: rowNo,
        column: columnLetter(firstContentCol),
        message: `第 ${rowNo} 行没有短语内容（${colName(firstContentCol, 'variants')}为空）`,
      });
      errors.push(...rowErrors);
      continue;
    }

    const candidate: Record<string, unknown> = {
      id: at(mapping.id).trim() || makeId(),
      title: at(mapping.title).trim() || titleFromContent(variants[0] as string),
      variants,
    };
    const shortcut = at(mapping.shortcut).trim();
    if (shortcut) candidate.shortcut = shortcut;
    const category = at(mapping.category).trim();
    if (category) candidate.category = category;
    const tags = splitList(at(mapping.tags));
    if (tags.length > 0) candidate.tags = tags;
    if (mapping.platforms !== undefined) {
      const names = splitList(at(mapping.platforms));
      const platforms: Platform[] = [];
      for (const name of names) {
        const p = PLATFORM_BY_NAME.get(name.toLowerCase());
        if (p) {
          if (!platforms.includes(p)) platforms.push(p);
        } else {
          fail(
            mapping.platforms,
            'platforms',
            `：不认识的平台「${name}」，可填 ${PLATFORMS.map((x) => PLATFORM_LABELS[x].zh).join('、')}`,
          );
        }
      }
      if (platforms.length > 0) candidate.platforms = platforms;
    }

    const parsed = packPhraseSchema.safeParse(candidate, { error: zhIssueMessage });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as SheetField;
        let index: number;
        if (field === 'variants' && typeof issue.path[1] === 'number')
          index = variantCols[issue.path[1]] ?? firstContentCol;
        else if (field === 'variants') index = firstContentCol;
        else index = (mapping[field] as number | undefined) ?? firstContentCol;
        const predicate = issue.message.startsWith(PREDICATE_MARK);
        fail(index, field, predicate ? issue.message.slice(PREDICATE_MARK.length) : `：${issue.message}`);
      }
    }

    if (rowErrors.length === 0 && parsed.success) {
      const phrase = parsed.data;
      const firstId = firstIds.get(phrase.id);
      if (firstId !== undefined) {
        fail(mapping.id ?? firstContentCol, 'id', `：编号「${phrase.id}」与第 ${firstId} 行重复`);
      }
      const key = phrase.shortcut?.toLowerCase();
      const firstShortcut = key ? firstShortcuts.get(key) : undefined;
      if (key && firstShortcut !== undefined) {
        fail(
          mapping.shortcut as number,
          'shortcut',
          `：快捷码「${phrase.shortcut}」与第 ${firstShortcut} 行重复`,
        );
      }
      if (rowErrors.length === 0) {
        firstIds.set(phrase.id, rowNo);
        if (key) firstShortcuts.set(key, rowNo);
        phrases.push(phrase);
      }
    }
    errors.push(...rowErrors);
  }
  return { phrases, errors, emptyRows };
}

// ---------------------------------------------------------------------------------------------
// Reading files

/** Excel runs a cell starting with these as a formula; see `escapeCsvCell`. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * CSV opened in Excel turns `=HYPERLINK(…)` into a live formula, so a phrase from a stranger's
 * pack could become one. Such cells get a leading apostrophe (Excel's "this is text" mark);
 * import removes exactly one, so every text round-trips unchanged.
 */
export function escapeCsvCell(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

export function unescapeCsvCell(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}

const NOT_UTF8_ADVICE = '请在 Excel 中选择「文件 → 另存为」，保存类型选「CSV UTF-8（逗号分隔）」，再重新导入';

/**
 * Text that was decoded with the wrong encoding before it reached us. Returns a Chinese warning
 * or null. GBK read as UTF-8 leaves U+FFFD; a GBK/UTF-8 double round trip leaves 锟斤拷; UTF-8
 * read as Latin-1 leaves runs like `ä¸­æ–‡` with no Chinese character at all.
 */
export function detectMojibake(text: string): string | null {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (sample.includes('\uFFFD') || sample.includes('锟斤拷') || sample.includes('烫烫烫')) {
    return `文件里有无法识别的字符（乱码），它可能不是 UTF-8 编码（中文版 Excel 常保存为 GBK）。${NOT_UTF8_ADVICE}`;
  }
  const latin = sample.match(/[\u00C0-\u00FF][\u0080-\u00BF\u2018-\u203A\u20AC\u0152-\u0178]/g)?.length ?? 0;
  if (latin >= 3 && !/[\u4E00-\u9FFF]/.test(sample)) {
    return `文件里的中文似乎变成了乱码（如「ä¸­æ–‡」），编码可能被读错了。${NOT_UTF8_ADVICE}`;
  }
  return null;
}

/** Parses CSV (or tab-separated) text: BOM, quoted newlines, ragged and empty rows. */
export function parseCsv(text: string, options: { delimiter?: string } = {}): SheetReadResult {
  try {
    if (text.length > SHEET_LIMITS.fileBytes) return { ok: false, message: fileTooBig() };
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // Final line breaks carry no data and throw off Papa's delimiter guess on short files.
    text = text.replace(/[\r\n]+$/, '');
    const warnings: string[] = [];
    const mojibake = detectMojibake(text);
    if (mojibake) warnings.push(mojibake);
    const result = Papa.parse<string[]>(text, {
      skipEmptyLines: false,
      header: false,
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    });
    const rows = result.data.map((row) => row.map((cell) => unescapeCsvCell(cell)));
    // Papa reports a final newline as one more empty row; spreadsheets don't show it.
    while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((c) => c === '')) rows.pop();
    const errors: SheetRowError[] = [];
    for (const e of result.errors) {
      if (e.code === 'UndetectableDelimiter') continue; // a one-column file is fine
      const row = typeof e.row === 'number' ? e.row + 1 : 1;
      const message =
        e.type === 'Quotes'
          ? `第 ${row} 行：引号没有配对（某个单元格以英文双引号 " 开头却没有结束），这一行之后的内容可能被合并到了一起`
          : `第 ${row} 行：无法解析（${e.message}）`;
      errors.push({ row, column: '', message });
    }
    return { ok: true, rows, warnings, errors };
  } catch (e) {
    return { ok: false, message: `无法读取 CSV：${e instanceof Error ? e.message : String(e)}` };
  }
}

function fileTooBig(): string {
  return `文件太大：最大 ${SHEET_LIMITS.fileBytes / 1024 / 1024} MB，请拆分后再导入`;
}

async function toBytes(input: ArrayBuffer | ArrayBufferView | Blob): Promise<Uint8Array> {
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return new Uint8Array(await input.arrayBuffer());
}

function tryDecode(bytes: Uint8Array, label: string, fatal: boolean): string | null {
  try {
    return new TextDecoder(label, { fatal }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Reads CSV bytes in whatever encoding Excel used: UTF-8 (with or without BOM), UTF-16
 * ("Unicode text", tab-separated) or GBK/GB18030, which Chinese Excel writes by default. GBK is
 * decoded when the runtime can, with a warning to check the text.
 */
export async function readCsv(
  input: ArrayBuffer | ArrayBufferView | Blob | string,
): Promise<SheetReadResult> {
  if (typeof input === 'string') return parseCsv(input);
  try {
    const size = input instanceof Blob ? input.size : input.byteLength;
    if (size > SHEET_LIMITS.fileBytes) return { ok: false, message: fileTooBig() };
    const bytes = await toBytes(input);
    // Excel's "Unicode text" export: UTF-16 with a BOM, always tab-separated.
    const utf16 =
      bytes[0] === 0xff && bytes[1] === 0xfe
        ? 'utf-16le'
        : bytes[0] === 0xfe && bytes[1] === 0xff
          ? 'utf-16be'
          : null;
    if (utf16) {
      const text = tryDecode(bytes, utf16, false) ?? '';
      const firstLine = text.slice(0, text.search(/[\r\n]|$/));
      return withEncoding(parseCsv(text, firstLine.includes('\t') ? { delimiter: '\t' } : {}), 'utf-16');
    }
    const utf8 = tryDecode(bytes, 'utf-8', true);
    if (utf8 !== null) return withEncoding(parseCsv(utf8), 'utf-8');
    const gbk = tryDecode(bytes, 'gb18030', false);
    if (gbk !== null) {
      const result = withEncoding(parseCsv(gbk), 'gb18030');
      if (result.ok) {
        result.warnings.unshift(
          `这个文件不是 UTF-8 编码，看起来是 GBK（中文版 Excel 默认保存成这样），已按 GBK 读取，请核对内容是否正确。以后建议${NOT_UTF8_ADVICE.slice(1)}`,
        );
      }
      return result;
    }
    return withEncoding(parseCsv(new TextDecoder('utf-8').decode(bytes)), 'utf-8');
  } catch (e) {
    return { ok: false, message: `无法读取文件：${e instanceof Error ? e.message : String(e)}` };
  }
}

function withEncoding(r: SheetReadResult, encoding: 'utf-8' | 'utf-16' | 'gb18030'): SheetReadResult {
  return r.ok ? { ...r, encoding } : r;
}

/** Reads the first worksheet of an .xlsx file; every cell becomes text, untrimmed. */
export async function readXlsx(input: ArrayBuffer | Blob): Promise<SheetReadResult> {
  try {
    const size = input instanceof Blob ? input.size : input.byteLength;
    if (size > SHEET_LIMITS.fileBytes) return { ok: false, message: fileTooBig() };
    const data = await readSheet(input, { trim: false });
    const rows = data.map((row) => row.map(cellText));
    return { ok: true, rows, warnings: [], errors: [] };
  } catch {
    return {
      ok: false,
      message:
        '无法读取这个 Excel 文件：它可能已损坏、有密码，或是旧的 .xls 格式。请在 Excel 中另存为 .xlsx 或「CSV UTF-8」后再导入',
    };
  }
}

/** Picks CSV or XLSX by the file's first bytes (an .xlsx is a zip: `PK`), not by its name. */
export async function readSheetFile(file: Blob | ArrayBuffer): Promise<SheetReadResult> {
  try {
    const head = await toBytes(file instanceof Blob ? file.slice(0, 4) : file.slice(0, 4));
    if (head[0] === 0x50 && head[1] === 0x4b) return readXlsx(file);
    if (head[0] === 0xd0 && head[1] === 0xcf) {
      return {
        ok: false,
        message: '这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或「CSV UTF-8」后再导入',
      };
    }
    return readCsv(file);
  } catch (e) {
    return { ok: false, message: `无法读取文件：${e instanceof Error ? e.message : String(e)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Export

/** The export layout; `guessColumnMapping` recognises every one of these names. */
export function exportHeader(variantColumns: number): string[] {
  const head = ['编号', '标题', '快捷码', '分类', '标签', '平台'];
  for (let i = 1; i <= variantColumns; i++) head.push(`话术${i}`);
  return head;
}

function phraseRows(phrases: readonly PackPhrase[]): string[][] {
  const variantColumns = phrases.reduce((n, p) => Math.max(n, p.variants.length), 1);
  const rows = [exportHeader(variantColumns)];
  for (const p of phrases) {
    const row = [
      p.id,
      p.title,
      p.shortcut ?? '',
      p.category ?? '',
      (p.tags ?? []).join('、'),
      (p.platforms ?? []).map((x) => PLATFORM_LABELS[x].zh).join('、'),
    ];
    for (let i = 0; i < variantColumns; i++) row.push(p.variants[i] ?? '');
    rows.push(row);
  }
  return rows;
}

/**
 * CSV for Excel: UTF-8 with a BOM (without it Chinese Excel guesses GBK and shows mojibake),
 * CRLF line ends, formula-looking cells escaped.
 */
export function phrasesToCsv(phrases: readonly PackPhrase[], options: { bom?: boolean } = {}): string {
  const rows = phraseRows(phrases).map((row) => row.map(escapeCsvCell));
  const csv = Papa.unparse(rows, { newline: '\r\n', quotes: false });
  return (options.bom === false ? '' : '\uFEFF') + csv + '\r\n';
}

/** An .xlsx with one sheet 「短语」; every cell is a text cell, so nothing is run as a formula. */
export async function phrasesToXlsx(phrases: readonly PackPhrase[]): Promise<Blob> {
  const rows = phraseRows(phrases);
  const data = rows.map((row, r) =>
    row.map((value) => ({
      value,
      type: String,
      wrap: r > 0,
      alignVertical: 'top' as const,
      ...(r === 0 ? { fontWeight: 'bold' as const } : {}),
    })),
  );
  const columns = (rows[0] as string[]).map((_, i) => ({ width: i < 6 ? [14, 20, 10, 12, 16, 12][i] : 50 }));
  return writeXlsxFile(data, { sheet: '短语', columns, stickyRowsCount: 1 }).toBlob();
}
