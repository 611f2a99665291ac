/**
 * The remark line of the seeds: `接待客服姓名 客户要求或我们的承诺 接待日期`,
 * e.g. `蔡蔡 送某某礼物一份,发申通 2014.8.20`. The date is the shop's calendar day in
 * Asia/Shanghai whatever the agent's computer is set to.
 */

/** A Date, an ISO-8601 string (or a plain `2014-08-20` / `2014.8.20` Shanghai date), or epoch ms. */
export type RemarkDateInput = Date | string | number;

export interface RemarkInput {
  agent: string;
  content: string;
  date: RemarkDateInput;
}

export type RemarkInputField = 'agent' | 'content' | 'date';
export type RemarkInputErrors = Partial<Record<RemarkInputField, string>>;

export type RemarkInputValidation =
  | { ok: true; value: { agent: string; content: string; date: string } }
  | { ok: false; errors: RemarkInputErrors };

/** Thrown by composeRemark/formatRemarkDate; `errors` is keyed by field, messages in Chinese. */
export class RemarkInputError extends Error {
  constructor(readonly errors: RemarkInputErrors) {
    super(Object.values(errors).join('；'));
    this.name = 'RemarkInputError';
  }
}

export const AGENT_NAME_MAX = 20;

// China has used a fixed UTC+8 with no daylight saving since 1991, so plain arithmetic is exact
// for any date a remark can carry and does not depend on the machine's time zone or ICU data.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

// Zero-width space and BOM arrive with text pasted from chat windows; ZWJ is kept (emoji need it).
const INVISIBLE = /[\u200B\uFEFF]/gu;

/** Trims and turns every run of whitespace (incl. newlines and the ideographic space) into one space. */
export function normalizeRemarkText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

// 2014-08-20, 2014-8-20, 2014/8/20, 2014.8.20, 2014年8月20日, optionally followed by a time and
// (only after a time) an offset. Without an offset the wall clock is Shanghai's.
const DATE_TEXT =
  /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日?)(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/u;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDateText(text: string): number | undefined {
  const m = DATE_TEXT.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[3] ?? m[5]);
  const day = Number(m[4] ?? m[6]);
  const hour = m[7] === undefined ? 0 : Number(m[7]);
  const minute = m[8] === undefined ? 0 : Number(m[8]);
  const second = m[9] === undefined ? 0 : Number(m[9]);
  const millis = m[10] === undefined ? 0 : Math.floor(Number(`0.${m[10]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;

  let offsetMs = SHANGHAI_OFFSET_MS;
  const zone = m[11];
  if (zone === 'Z') offsetMs = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 14 || om > 59) return undefined;
    offsetMs = sign * (oh * 60 + om) * 60 * 1000;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMs;
}

/** Epoch ms for a remark date, or a Chinese message saying what is wrong. */
export function parseRemarkDate(
  input: unknown,
  label = '接待日期',
): { ok: true; epochMs: number } | { ok: false; message: string } {
  let epochMs: number | undefined;
  if (input instanceof Date) {
    epochMs = input.getTime();
    if (!Number.isFinite(epochMs)) return { ok: false, message: `${label}无效（Invalid Date）` };
  } else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `${label}不是有效的数字时间戳` };
    // A seconds timestamp (e.g. 1408464000) would silently show as January 1970.
    if (Math.abs(input) >= 1e9 && Math.abs(input) < 1e11) {
      return { ok: false, message: `${label} ${input} 像是以秒为单位的时间戳，请用毫秒` };
    }
    epochMs = input;
  } else if (typeof input === 'string') {
    if (!input.trim()) return { ok: false, message: `请填写${label}` };
    epochMs = parseDateText(input);
    if (epochMs === undefined) {
      return {
        ok: false,
        message: `${label}「${input.trim().slice(0, 40)}」无法识别，请用 2014-08-20、2014.8.20 或带时区的 ISO 时间`,
      };
    }
  } else if (input === undefined || input === null) {
    return { ok: false, message: `请填写${label}` };
  } else {
    return { ok: false, message: `${label}必须是日期、日期字符串或毫秒时间戳` };
  }
  const year = new Date(epochMs + SHANGHAI_OFFSET_MS).getUTCFullYear();
  if (year < 1000 || year > 9999) return { ok: false, message: `${label}的年份 ${year} 超出范围` };
  return { ok: true, epochMs };
}

/** The Shanghai calendar day of an instant. */
export function shanghaiDateParts(epochMs: number): { year: number; month: number; day: number } {
  const shifted = new Date(epochMs + SHANGHAI_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** `YYYY.M.D` (no zero padding, as in the seeds' `2014.8.20`) in Asia/Shanghai. Throws RemarkInputError. */
export function formatRemarkDate(date: RemarkDateInput): string {
  const parsed = parseRemarkDate(date);
  if (!parsed.ok) throw new RemarkInputError({ date: parsed.message });
  const { year, month, day } = shanghaiDateParts(parsed.epochMs);
  return `${year}.${month}.${day}`;
}

/** Checks and normalizes the three parts without throwing; for forms that show errors per field. */
export function validateRemarkInput(
  input: Partial<Record<keyof RemarkInput, unknown>>,
): RemarkInputValidation {
  const errors: RemarkInputErrors = {};
  const agent = typeof input.agent === 'string' ? normalizeRemarkText(input.agent) : '';
  const content = typeof input.content === 'string' ? normalizeRemarkText(input.content) : '';

  if (!agent) errors.agent = '请填写接待客服姓名';
  else if ([...agent].length > AGENT_NAME_MAX) errors.agent = `接待客服姓名不能超过 ${AGENT_NAME_MAX} 个字`;
  if (!content) errors.content = '请填写客户要求或我们的承诺';

  const parsed = parseRemarkDate(input.date);
  let date = '';
  if (parsed.ok) {
    const { year, month, day } = shanghaiDateParts(parsed.epochMs);
    date = `${year}.${month}.${day}`;
  } else {
    errors.date = parsed.message;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { agent, content, date } };
}

/**
 * `接待客服姓名 客户要求或我们的承诺 接待日期`. Whitespace inside each part is collapsed to single
 * spaces so the line stays one line. Throws RemarkInputError (field-keyed, Chinese) on bad input;
 * use validateRemarkInput to show errors without a try/catch.
 */
export function composeRemark(input: RemarkInput): string {
  const result = validateRemarkInput(input);
  if (!result.ok) throw new RemarkInputError(result.errors);
  const { agent, content, date } = result.value;
  return `${agent} ${content} ${date}`;
}

/** Joins several template contents into one promise, as in `送某某礼物一份,发申通`. */
export function joinRemarkContents(parts: readonly string[], joiner = '，'): string {
  return parts
    .map(normalizeRemarkText)
    .filter((part) => part.length > 0)
    .join(joiner);
}
