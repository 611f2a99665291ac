import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/browser';
import { columnLetter, escapeCsvCell, readSheetFile } from '../packs/sheet';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from '../sites/platforms';
import {
  KIND_LABELS,
  REGISTER_KINDS,
  REGISTER_LIMITS,
  registerEntrySchema,
  zodIssuesZh,
  type RegisterEntry,
  type RegisterKind,
} from './schema';
import { parseShanghai } from './time';

/**
 * Registers to and from CSV/XLSX, one sheet for all kinds (a lead merges several agents' files).
 * Times are written as Shanghai wall time with seconds, money in yuan with two decimals, so the
 * file reads well in Excel and imports back to the same entries. Import is all-or-nothing: any
 * row error and no entry is returned.
 */

type Column = {
  /** The entry's field. */
  key: string;
  header: string;
  type: 'text' | 'time' | 'money' | 'int' | 'bool' | 'kind' | 'platform';
  width: number;
};

export const REGISTER_COLUMNS: readonly Column[] = [
  { key: 'id', header: '编号', type: 'text', width: 22 },
  { key: 'kind', header: '类型', type: 'kind', width: 8 },
  { key: 'createdAt', header: '登记时间', type: 'time', width: 20 },
  { key: 'updatedAt', header: '修改时间', type: 'time', width: 20 },
  { key: 'agent', header: '客服', type: 'text', width: 10 },
  { key: 'platform', header: '平台', type: 'platform', width: 8 },
  { key: 'buyerNick', header: '买家', type: 'text', width: 14 },
  { key: 'orderId', header: '订单号', type: 'text', width: 24 },
  { key: 'itemTitle', header: '商品', type: 'text', width: 24 },
  { key: 'at', header: '询盘时间', type: 'time', width: 20 },
  { key: 'question', header: '咨询问题', type: 'text', width: 28 },
  { key: 'reason', header: '原因', type: 'text', width: 14 },
  { key: 'amountFen', header: '金额（元）', type: 'money', width: 10 },
  { key: 'remindersSent', header: '催付次数', type: 'int', width: 8 },
  { key: 'paidAt', header: '付款时间', type: 'time', width: 20 },
  { key: 'quality', header: '质量问题', type: 'bool', width: 8 },
  { key: 'trackingNo', header: '退货单号', type: 'text', width: 18 },
  { key: 'receivedAt', header: '收货时间', type: 'time', width: 20 },
  { key: 'processedAt', header: '处理时间', type: 'time', width: 20 },
  { key: 'note', header: '备注', type: 'text', width: 28 },
];

const pad = (n: number) => String(n).padStart(2, '0');
function timeText(ms: number): string {
  const t = new Date(ms + 8 * 3600_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

function cellOf(entry: RegisterEntry, col: Column): string {
  const value = (entry as Record<string, unknown>)[col.key];
  if (value === undefined || value === null) return '';
  switch (col.type) {
    case 'time':
      return timeText(value as number);
    case 'money':
      return ((value as number) / 100).toFixed(2);
    case 'bool':
      return value ? '是' : '否';
    case 'kind':
      return KIND_LABELS[value as RegisterKind];
    case 'platform':
      return PLATFORM_LABELS[value as Platform].zh;
    default:
      return String(value);
  }
}

export function entriesToRows(entries: readonly RegisterEntry[]): string[][] {
  return [
    REGISTER_COLUMNS.map((c) => c.header),
    ...entries.map((e) => REGISTER_COLUMNS.map((c) => cellOf(e, c))),
  ];
}

/** CSV for Excel: UTF-8 BOM, CRLF, formula-looking cells escaped (as the phrase export does). */
export function entriesToCsv(entries: readonly RegisterEntry[]): string {
  const rows = entriesToRows(entries).map((row) => row.map(escapeCsvCell));
  return '\uFEFF' + Papa.unparse(rows, { newline: '\r\n', quotes: false }) + '\r\n';
}

/** XLSX, every cell a text cell so nothing runs as a formula and long order ids keep their digits. */
export async function entriesToXlsx(entries: readonly RegisterEntry[]): Promise<Blob> {
  const data = entriesToRows(entries).map((row, r) =>
    row.map((value) => ({ value, type: String, ...(r === 0 ? { fontWeight: 'bold' as const } : {}) })),
  );
  return writeXlsxFile(data, {
    sheet: '登记明细',
    columns: REGISTER_COLUMNS.map((c) => ({ width: c.width })),
    stickyRowsCount: 1,
  }).toBlob();
}

export interface RegisterRowError {
  /** 1-based, as the spreadsheet shows it (header is row 1); 0 for the whole file. */
  row: number;
  column: string;
  message: string;
}

export type RowsToEntriesResult =
  { ok: true; entries: RegisterEntry[] } | { ok: false; errors: RegisterRowError[] };

const KIND_BY_LABEL = new Map<string, RegisterKind>([
  ...REGISTER_KINDS.map((k) => [k, k] as const),
  ...REGISTER_KINDS.map((k) => [KIND_LABELS[k], k] as const),
]);
const PLATFORM_BY_LABEL = new Map<string, Platform>([
  ...PLATFORMS.map((p) => [p, p] as const),
  ...PLATFORMS.map((p) => [PLATFORM_LABELS[p].zh, p] as const),
]);

/** Rows (header first) → entries; errors name the row and column in Chinese. */
export function rowsToEntries(rows: readonly (readonly string[])[]): RowsToEntriesResult {
  const header = (rows[0] ?? []).map((h) =>
    String(h ?? '')
      .replace(/^\uFEFF/, '')
      .trim(),
  );
  const index = new Map<string, number>();
  for (const col of REGISTER_COLUMNS) {
    const i = header.indexOf(col.header);
    if (i >= 0) index.set(col.key, i);
  }
  const missing = ['id', 'kind', 'createdAt'].filter((k) => !index.has(k));
  if (missing.length) {
    const names = missing.map((k) => REGISTER_COLUMNS.find((c) => c.key === k)!.header).join('、');
    return {
      ok: false,
      errors: [{ row: 1, column: '', message: `第 1 行：缺少列「${names}」，这不是客服工具箱导出的登记表` }],
    };
  }
  if (rows.length - 1 > REGISTER_LIMITS.entriesMax) {
    return {
      ok: false,
      errors: [{ row: 0, column: '', message: `行数太多：最多 ${REGISTER_LIMITS.entriesMax} 行` }],
    };
  }
  const errors: RegisterRowError[] = [];
  const entries: RegisterEntry[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.every((c) => String(c ?? '').trim() === '')) continue;
    const rowNo = r + 1;
    const raw: Record<string, unknown> = {};
    let rowOk = true;
    const fail = (col: Column, message: string) => {
      rowOk = false;
      errors.push({
        row: rowNo,
        column: columnLetter(index.get(col.key)!),
        message: `第 ${rowNo} 行「${col.header}」：${message}`,
      });
    };
    for (const col of REGISTER_COLUMNS) {
      const i = index.get(col.key);
      if (i === undefined) continue;
      const text = String(row[i] ?? '').trim();
      if (text === '') continue;
      switch (col.type) {
        case 'time': {
          const ms = parseShanghai(text);
          if (ms === undefined) fail(col, `「${text}」不是日期时间（应为 2026-11-22 09:30:00）`);
          else raw[col.key] = ms;
          break;
        }
        case 'money':
          if (!/^\d+(\.\d{1,2})?$/.test(text)) fail(col, `「${text}」不是金额（应为 12.30 这样的数字）`);
          else raw[col.key] = Math.round(Number(text) * 100);
          break;
        case 'int':
          if (!/^\d+$/.test(text)) fail(col, `「${text}」不是整数`);
          else raw[col.key] = Number(text);
          break;
        case 'bool':
          if (['是', 'true', '1', 'Y', 'y'].includes(text)) raw[col.key] = true;
          else if (['否', 'false', '0', 'N', 'n'].includes(text)) raw[col.key] = false;
          else fail(col, `「${text}」应为「是」或「否」`);
          break;
        case 'kind': {
          const kind = KIND_BY_LABEL.get(text);
          if (!kind) fail(col, `「${text}」不是登记类型（询盘、未付款、退货、换货）`);
          else raw[col.key] = kind;
          break;
        }
        case 'platform': {
          const platform = PLATFORM_BY_LABEL.get(text);
          if (!platform) fail(col, `「${text}」不是已知平台`);
          else raw[col.key] = platform;
          break;
        }
        default:
          raw[col.key] = text;
      }
    }
    if (!rowOk) continue;
    raw.updatedAt ??= raw.createdAt;
    // An inquiry without its own time was asked when it was registered.
    if (raw.kind === 'inquiry') raw.at ??= raw.createdAt;
    const parsed = registerEntrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of zodIssuesZh(parsed.error)) {
        const col = REGISTER_COLUMNS.find((c) => c.key === issue.field);
        const i = col ? index.get(col.key) : undefined;
        errors.push({
          row: rowNo,
          column: i === undefined ? '' : columnLetter(i),
          message: `第 ${rowNo} 行：${issue.message}`,
        });
      }
      continue;
    }
    entries.push(parsed.data);
  }
  return errors.length ? { ok: false, errors } : { ok: true, entries };
}

/** Newest version of each id wins (several agents' files, or the same file twice). */
export function dedupeEntries(entries: readonly RegisterEntry[]): RegisterEntry[] {
  const byId = new Map<string, RegisterEntry>();
  for (const e of entries) {
    const prev = byId.get(e.id);
    if (!prev || e.updatedAt > prev.updatedAt) byId.set(e.id, e);
  }
  return [...byId.values()];
}

/** Reads one exported file (CSV or XLSX); errors are prefixed with the file name. */
export async function readRegisterFile(file: Blob, name = ''): Promise<RowsToEntriesResult> {
  const read = await readSheetFile(file);
  const prefix = name ? `${name}：` : '';
  if (!read.ok) return { ok: false, errors: [{ row: 0, column: '', message: prefix + read.message }] };
  if (read.errors.length)
    return { ok: false, errors: read.errors.map((e) => ({ ...e, message: prefix + e.message })) };
  const result = rowsToEntries(read.rows);
  if (result.ok || !prefix) return result;
  return { ok: false, errors: result.errors.map((e) => ({ ...e, message: prefix + e.message })) };
}
