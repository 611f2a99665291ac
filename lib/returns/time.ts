/**
 * Asia/Shanghai calendar math with a fixed +08:00 offset. China has had no DST since 1991, so a
 * fixed offset is exact and, unlike the Date local-zone getters, never depends on the agent's
 * computer. Nothing here calls a local-zone API (getHours, Date.parse of zone-less strings…).
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Instants outside this range are almost surely typos (and keep Date arithmetic safe). */
export const MIN_INSTANT_MS = Date.UTC(2000, 0, 1) - SHANGHAI_OFFSET_MS;
export const MAX_INSTANT_MS = Date.UTC(2100, 0, 1) - SHANGHAI_OFFSET_MS;

/** Days since 1970-01-01 on the Shanghai calendar (an integer "day number"). */
export function shanghaiDayNumber(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant of 00:00 (+08:00) that starts a Shanghai day number. */
export function startOfShanghaiDay(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

export interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

export function shanghaiParts(ms: number): ShanghaiParts {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-03-09T00:00:00+08:00` (milliseconds only when not zero). */
export function formatShanghaiIso(ms: number): string {
  const p = shanghaiParts(ms);
  const frac = p.ms ? `.${pad(p.ms, 3)}` : '';
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${frac}+08:00`;
}

/** `2026-03-08 23:59:59`, the way seller back-offices print times. */
export function formatShanghaiText(ms: number): string {
  const p = shanghaiParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `2026-03-08` for a Shanghai day number. */
export function formatDayKey(day: number): string {
  const p = shanghaiParts(startOfShanghaiDay(day));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `3月8日` for a Shanghai day number. */
export function formatDayZh(day: number): string {
  const p = shanghaiParts(startOfShanghaiDay(day));
  return `${p.year}年${p.month}月${p.day}日`;
}

/** Day number of a `YYYY-MM-DD` key (a Shanghai calendar date). */
export function dayKeyToNumber(key: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new Error(`bad day key ${key}`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** The same Shanghai calendar day N months later, clamped to the month's end (08-31 + 6 → 02-28). */
export function addMonthsToDay(day: number, months: number): number {
  const p = shanghaiParts(startOfShanghaiDay(day));
  const monthIndex = p.month - 1 + months;
  const year = p.year + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(year, month, Math.min(p.day, last)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, on the Shanghai calendar. */
export function shanghaiWeekday(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((day + 4) % 7) + 7) % 7;
}

export type InstantParse = { ok: true; ms: number } | { ok: false; reason: string };

// `2026-03-01T15:20:00+08:00`, `2026-03-01 15:20`, `2026-03-01T07:20:00.5Z`, `2026-03-01`.
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An instant from epoch ms, a Date, or an ISO-8601 string. A string without an offset is read
 * as Beijing time, because that is how every seller back-office prints it (`2026-03-01 15:20:00`);
 * it is never handed to Date.parse, which would use the computer's zone.
 */
export function parseInstant(value: unknown): InstantParse {
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: '不是有效的时间戳' };
    if (!Number.isInteger(value)) return { ok: false, reason: '时间戳必须是整数毫秒' };
    ms = value;
  } else if (value instanceof Date) {
    ms = value.getTime();
    if (Number.isNaN(ms)) return { ok: false, reason: '是无效的日期对象' };
  } else if (typeof value === 'string') {
    const m = ISO_RE.exec(value.trim());
    if (!m) {
      return { ok: false, reason: `“${value}”无法识别，请用 2026-03-01T15:20:00+08:00 这样的格式` };
    }
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return { ok: false, reason: `“${value}”不是存在的日期` };
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return { ok: false, reason: `“${value}”不是有效的时刻` };
    }
    let offsetMs = SHANGHAI_OFFSET_MS;
    const zone = m[8];
    if (zone && zone.toUpperCase() === 'Z') offsetMs = 0;
    else if (zone) {
      const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
      if (!z) return { ok: false, reason: `“${value}”的时区无法识别` };
      const oh = Number(z[2]);
      const om = Number(z[3]);
      if (oh > 14 || om > 59) return { ok: false, reason: `“${value}”的时区无法识别` };
      offsetMs = (z[1] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
    }
    ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMs;
  } else {
    return { ok: false, reason: '必须是带时区的 ISO 时间文字或毫秒时间戳' };
  }
  if (ms < MIN_INSTANT_MS || ms >= MAX_INSTANT_MS) {
    return { ok: false, reason: '超出合理范围（2000 年至 2099 年）' };
  }
  return { ok: true, ms };
}
