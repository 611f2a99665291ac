import { describe, expect, it } from 'vitest';
import { HOLIDAY_YEARS, holidayNoteForLastDay, nextWorkingDay } from '../../../lib/returns/holidays';
import { dayKeyToNumber, formatDayKey, shanghaiWeekday } from '../../../lib/returns/time';
import { bj, check } from './helpers';

describe('holiday data (国务院办公厅 notices)', () => {
  it('covers 2025 and 2026, each with its source', () => {
    expect(HOLIDAY_YEARS.map((y) => y.year)).toEqual([2025, 2026]);
    for (const y of HOLIDAY_YEARS) expect(y.source).toContain('国务院办公厅');
  });

  it('ranges are ordered, inside their year; 调休 workdays are weekend days outside the ranges', () => {
    for (const y of HOLIDAY_YEARS) {
      for (const r of y.ranges) {
        expect(r.start.startsWith(String(y.year))).toBe(true);
        expect(dayKeyToNumber(r.start)).toBeLessThanOrEqual(dayKeyToNumber(r.end));
      }
      for (const w of y.workdays) {
        expect([0, 6]).toContain(shanghaiWeekday(dayKeyToNumber(w)));
        expect(holidayNoteForLastDay(dayKeyToNumber(w))).toBeUndefined();
      }
    }
  });

  it('spot checks against the notices', () => {
    const days = (a: string, b: string) => dayKeyToNumber(b) - dayKeyToNumber(a) + 1;
    const find = (year: number, name: string) =>
      HOLIDAY_YEARS.find((y) => y.year === year)?.ranges.find((r) => r.name === name);
    const spring2026 = find(2026, '春节');
    expect(spring2026 && days(spring2026.start, spring2026.end)).toBe(9);
    const national2025 = find(2025, '国庆节、中秋节');
    expect(national2025 && days(national2025.start, national2025.end)).toBe(8);
  });

  it('next working day honours 调休上班 (2026-01-04 is a Sunday workday)', () => {
    expect(formatDayKey(nextWorkingDay(dayKeyToNumber('2026-01-03')))).toBe('2026-01-04');
    expect(formatDayKey(nextWorkingDay(dayKeyToNumber('2026-02-23')))).toBe('2026-02-24');
    // An ordinary weekend after a holiday is skipped too.
    expect(formatDayKey(nextWorkingDay(dayKeyToNumber('2025-04-06')))).toBe('2025-04-07');
  });
});

describe('T2: a note, never a verdict change', () => {
  it.each([
    // signedAt (last day = sign day + 7), holiday, first working day after it
    ['2026-02-10T12:00:00', '春节', '2026年2月24日'],
    ['2025-09-26T12:00:00', '国庆节、中秋节', '2025年10月9日'],
    ['2025-12-25T12:00:00', '元旦', '2026年1月4日'],
  ])('signed %s → last day in %s → may extend to %s', (signed, holiday, extended) => {
    const r = check({ signedAt: bj(signed), now: bj(signed) });
    const t2 = r.explanations.find((e) => e.ruleId === 'T2');
    expect(t2?.role).toBe('info');
    expect(t2?.detail).toContain(holiday);
    expect(t2?.detail).toContain(extended);
    expect(r.notes.join()).toContain('民法典');
    expect(r.rules).not.toContain('T2');
    expect(r.eligible).toBe('yes');
  });

  it('the verdict at the platform deadline is unchanged by the holiday', () => {
    const signedAt = bj('2026-02-10T12:00:00');
    expect(check({ signedAt, now: bj('2026-02-18T00:00:00') }).eligible).toBe('no');
  });

  it('no note on an ordinary day; a note about missing data outside 2025–2026', () => {
    const r = check({});
    expect(r.explanations.map((e) => e.ruleId)).not.toContain('T2');
    const later = check({ signedAt: bj('2027-05-01T10:00:00'), now: bj('2027-05-01T10:00:00') });
    expect(later.notes.join()).toContain('暂无 2027 年');
  });
});
