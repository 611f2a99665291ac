import { dayKeyToNumber, formatDayZh, shanghaiParts, shanghaiWeekday, startOfShanghaiDay } from './time';

/**
 * Statutory holidays (法定节假日, incl. the weekend days folded into each 放假调休 block) from the
 * 国务院办公厅 yearly notices. Used only for the T2 note (民法典 art 203): platforms count 7 days
 * straight through holidays, so a holiday never changes the verdict.
 *
 * Only years whose notice we could confirm are listed; add a year when its notice is published
 * (usually in November of the year before). 2027: not published as of 2026-11-22.
 */
export interface HolidayYear {
  year: number;
  source: string;
  /** Inclusive ranges of rest days, Shanghai calendar. */
  ranges: readonly { name: string; start: string; end: string }[];
  /** 调休上班: weekend days that are working days. */
  workdays: readonly string[];
}

export const HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）',
    ranges: [
      { name: '元旦', start: '2025-01-01', end: '2025-01-01' },
      { name: '春节', start: '2025-01-28', end: '2025-02-04' },
      { name: '清明节', start: '2025-04-04', end: '2025-04-06' },
      { name: '劳动节', start: '2025-05-01', end: '2025-05-05' },
      { name: '端午节', start: '2025-05-31', end: '2025-06-02' },
      { name: '国庆节、中秋节', start: '2025-10-01', end: '2025-10-08' },
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04，新华社受权发布）',
    ranges: [
      { name: '元旦', start: '2026-01-01', end: '2026-01-03' },
      { name: '春节', start: '2026-02-15', end: '2026-02-23' },
      { name: '清明节', start: '2026-04-04', end: '2026-04-06' },
      { name: '劳动节', start: '2026-05-01', end: '2026-05-05' },
      { name: '端午节', start: '2026-06-19', end: '2026-06-21' },
      { name: '中秋节', start: '2026-09-25', end: '2026-09-27' },
      { name: '国庆节', start: '2026-10-01', end: '2026-10-07' },
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

export interface HolidayHit {
  name: string;
  /** Day numbers (Shanghai) of the block, inclusive. */
  startDay: number;
  endDay: number;
  source: string;
}

/** The holiday block containing a Shanghai day number, if any. */
export function holidayOn(day: number): HolidayHit | undefined {
  for (const y of HOLIDAY_YEARS) {
    for (const r of y.ranges) {
      const startDay = dayKeyToNumber(r.start);
      const endDay = dayKeyToNumber(r.end);
      if (day >= startDay && day <= endDay) return { name: r.name, startDay, endDay, source: y.source };
    }
  }
  return undefined;
}

export function holidayYearCovered(day: number): boolean {
  const { year } = shanghaiParts(startOfShanghaiDay(day));
  return HOLIDAY_YEARS.some((y) => y.year === year);
}

function isWorkday(day: number): boolean {
  if (holidayOn(day)) return false;
  const weekday = shanghaiWeekday(day);
  if (weekday !== 0 && weekday !== 6) return true;
  return HOLIDAY_YEARS.some((y) => y.workdays.some((w) => dayKeyToNumber(w) === day));
}

/** The first working day after `day` (skips holidays and ordinary weekends, honours 调休上班). */
export function nextWorkingDay(day: number): number {
  let d = day + 1;
  while (!isWorkday(d)) d += 1;
  return d;
}

export interface HolidayNote {
  holiday: HolidayHit;
  /** Civil Code art 203: the period's last day moves to the first working day after the holiday. */
  extendedLastDay: number;
  text: string;
}

/** T2: a note when a window's last day is a statutory holiday. */
export function holidayNoteForLastDay(lastDay: number): HolidayNote | undefined {
  const holiday = holidayOn(lastDay);
  if (!holiday) return undefined;
  const extendedLastDay = nextWorkingDay(holiday.endDay);
  return {
    holiday,
    extendedLastDay,
    text:
      `时限最后一天 ${formatDayZh(lastDay)} 是法定节假日（${holiday.name}）。按《民法典》第203条，` +
      `期间可顺延到节假日后的第一个工作日 ${formatDayZh(extendedLastDay)}；但平台一般不顺延，结论仍按平台时限，` +
      `买家据此争议时可灵活处理。`,
  };
}
