/**
 * Asia/Shanghai calendar days, whatever the computer's zone: China has had no daylight saving
 * since 1991, so a day is [local midnight, +24 h) at a fixed UTC+8. Reports and presets use only
 * these helpers, never Date's local getters.
 */
const OFFSET = 8 * 3600_000;
const DAY = 86_400_000;

/** Days since 1970-01-01 in Shanghai. */
export const shanghaiDayNumber = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
/** The instant Shanghai's day number `day` starts. */
export const dayStart = (day: number): number => day * DAY - OFFSET;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}
export function shanghaiYmd(ms: number): Ymd {
  const t = new Date(ms + OFFSET);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
export const ymdStart = ({ y, m, d }: Ymd): number => Date.UTC(y, m - 1, d) - OFFSET;

const pad = (n: number) => String(n).padStart(2, '0');
/** `2026-11-22` in Shanghai. */
export function shanghaiDate(ms: number): string {
  const { y, m, d } = shanghaiYmd(ms);
  return `${y}-${pad(m)}-${pad(d)}`;
}
/** `2026-11-22 09:05` in Shanghai. */
export function shanghaiDateTime(ms: number): string {
  const t = new Date(ms + OFFSET);
  return `${shanghaiDate(ms)} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** Parses `YYYY-MM-DD[ HH:mm[:ss]]` (also `/` or `.` separators) as Shanghai time. */
export function parseShanghai(text: string): number | undefined {
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0') as string[];
  const ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - OFFSET;
  // Reject 2026-02-30 and 25:00 instead of rolling over.
  const back = new Date(ms + OFFSET);
  if (back.getUTCMonth() !== +mo! - 1 || back.getUTCDate() !== +d! || back.getUTCHours() !== +h)
    return undefined;
  return ms;
}

export type PeriodPreset = 'this-week' | 'last-week' | 'this-month' | 'last-month' | 'custom';

/** A half-open interval [start, end) of instants, with its Shanghai dates for labels. */
export interface Period {
  start: number;
  end: number;
  /** First and last calendar day included, `YYYY-MM-DD`. */
  from: string;
  to: string;
}

export function periodOfDays(firstDay: number, lastDay: number): Period {
  const start = dayStart(Math.min(firstDay, lastDay));
  const end = dayStart(Math.max(firstDay, lastDay) + 1);
  return { start, end, from: shanghaiDate(start), to: shanghaiDate(end - 1) };
}

/** Weeks start on Monday (周会 is weekly, Chinese calendars start on Monday). */
export function periodFor(preset: Exclude<PeriodPreset, 'custom'>, now: number): Period {
  const today = shanghaiDayNumber(now);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const monday = today - ((today + 3) % 7);
  if (preset === 'this-week') return periodOfDays(monday, monday + 6);
  if (preset === 'last-week') return periodOfDays(monday - 7, monday - 1);
  const { y, m } = shanghaiYmd(now);
  const first = (yy: number, mm: number) => shanghaiDayNumber(ymdStart({ y: yy, m: mm, d: 1 }));
  if (preset === 'this-month') {
    return periodOfDays(first(y, m), first(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1) - 1);
  }
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  return periodOfDays(first(py, pm), first(y, m) - 1);
}

/** A custom period from two `YYYY-MM-DD` dates, both included; undefined if either is invalid. */
export function customPeriod(from: string, to: string): Period | undefined {
  const a = parseShanghai(from);
  const b = parseShanghai(to);
  if (a === undefined || b === undefined) return undefined;
  return periodOfDays(shanghaiDayNumber(a), shanghaiDayNumber(b));
}

export const inPeriod = (ms: number | undefined, p: Period): boolean =>
  ms !== undefined && ms >= p.start && ms < p.end;

/** Follow-up presets (seeds: 签收 3 days → visit; unpaid → remind after 1 h or next morning). */
export function presetDueAt(
  preset: 'signed-3-days' | 'unpaid-1-hour' | 'next-morning',
  now: number,
  signedAt?: number,
): number {
  if (preset === 'unpaid-1-hour') return now + 3600_000;
  if (preset === 'next-morning') return dayStart(shanghaiDayNumber(now) + 1) + 9 * 3600_000;
  // 3 days after 签收 (or after now when the signing time is unknown), at the same time of day.
  return (signedAt ?? now) + 3 * DAY;
}
