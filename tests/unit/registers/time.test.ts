import { describe, expect, it } from 'vitest';
import {
  customPeriod,
  inPeriod,
  parseShanghai,
  periodFor,
  presetDueAt,
  shanghaiDate,
  shanghaiDateTime,
} from '../../../lib/registers/time';
import { sh } from './helpers';

describe('Shanghai calendar days (whatever TZ the process runs in)', () => {
  it('puts 23:59:59 and 00:00:00 Shanghai on different days', () => {
    expect(shanghaiDate(sh('2026-11-22 23:59:59'))).toBe('2026-11-22');
    expect(shanghaiDate(sh('2026-11-23 00:00:00'))).toBe('2026-11-23');
    // 16:00 UTC is midnight in Shanghai.
    expect(shanghaiDate(Date.UTC(2026, 10, 22, 16, 0, 0))).toBe('2026-11-23');
    expect(shanghaiDate(Date.UTC(2026, 10, 22, 15, 59, 59))).toBe('2026-11-22');
  });

  it('weeks run Monday to Sunday', () => {
    // 2026-11-22 is a Sunday.
    const now = sh('2026-11-22 23:30');
    expect(periodFor('this-week', now)).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodFor('last-week', now)).toMatchObject({ from: '2026-11-09', to: '2026-11-15' });
    // Monday 00:00 Shanghai starts a new week (still Sunday in UTC and Los Angeles).
    const monday = sh('2026-11-23 00:00');
    expect(periodFor('this-week', monday)).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('months, including January and December edges', () => {
    expect(periodFor('this-month', sh('2026-12-31 23:59'))).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(periodFor('this-month', sh('2027-01-01 00:00'))).toMatchObject({
      from: '2027-01-01',
      to: '2027-01-31',
    });
    expect(periodFor('last-month', sh('2027-01-15 12:00'))).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(periodFor('this-month', sh('2028-02-10 08:00'))).toMatchObject({
      from: '2028-02-01',
      to: '2028-02-29',
    });
  });

  it('a period is [first midnight, day after last midnight) in Shanghai', () => {
    const p = customPeriod('2026-11-01', '2026-11-07')!;
    expect(inPeriod(sh('2026-11-01 00:00:00'), p)).toBe(true);
    expect(inPeriod(sh('2026-10-31 23:59:59'), p)).toBe(false);
    expect(inPeriod(sh('2026-11-07 23:59:59'), p)).toBe(true);
    expect(inPeriod(sh('2026-11-08 00:00:00'), p)).toBe(false);
    // Reversed dates are the same period.
    expect(customPeriod('2026-11-07', '2026-11-01')).toEqual(p);
    expect(customPeriod('2026-02-30', '2026-03-01')).toBeUndefined();
  });

  it('parses and prints Shanghai wall time', () => {
    expect(parseShanghai('2026-11-22 09:05:07')).toBe(sh('2026-11-22 09:05:07'));
    expect(parseShanghai('2026/11/22')).toBe(sh('2026-11-22'));
    expect(parseShanghai('2026-11-22 25:00')).toBeUndefined();
    expect(parseShanghai('昨天')).toBeUndefined();
    expect(shanghaiDateTime(sh('2026-11-22 09:05'))).toBe('2026-11-22 09:05');
  });

  it('follow-up presets', () => {
    const now = sh('2026-11-22 23:30');
    expect(shanghaiDateTime(presetDueAt('next-morning', now))).toBe('2026-11-23 09:00');
    expect(shanghaiDateTime(presetDueAt('next-morning', sh('2026-11-23 00:10')))).toBe('2026-11-24 09:00');
    expect(presetDueAt('unpaid-1-hour', now)).toBe(now + 3600_000);
    expect(shanghaiDateTime(presetDueAt('signed-3-days', now, sh('2026-11-20 15:20')))).toBe(
      '2026-11-23 15:20',
    );
  });
});
