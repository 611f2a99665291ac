import { describe, expect, it } from 'vitest';
import {
  NO_REASON,
  buildReport,
  percent,
  processing24h,
  returnReasons,
  summarizeReasons,
  unpaidConversion,
} from '../../../lib/registers/summary';
import { customPeriod, periodFor } from '../../../lib/registers/time';
import { inquiry, ret, sh, unpaid } from './helpers';

const week = customPeriod('2026-11-16', '2026-11-22')!;

describe('top-3 return reasons', () => {
  it('ranks by count with shares', () => {
    const s = summarizeReasons([
      '尺码不合适',
      '尺码不合适',
      '尺码不合适',
      '质量问题',
      '质量问题',
      '物流太慢',
      '价格原因',
      '价格原因',
    ]);
    expect(s.total).toBe(8);
    expect(s.top.map((r) => [r.reason, r.count, r.rank])).toEqual([
      ['尺码不合适', 3, 1],
      ['价格原因', 2, 2],
      ['质量问题', 2, 2],
    ]);
    expect(percent(s.top[0]!.share)).toBe('37.5%');
    expect(s.tieAtCutoff).toBe(false);
  });

  it('keeps every reason tied at third place and says so', () => {
    const s = summarizeReasons(['A', 'A', 'A', 'B', 'B', 'C', 'D', 'E']);
    expect(s.top.map((r) => r.reason)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(s.top.map((r) => r.rank)).toEqual([1, 2, 3, 3, 3]);
    expect(s.tieAtCutoff).toBe(true);
  });

  it('a tie at first place shares rank 1 and the next rank skips', () => {
    const s = summarizeReasons(['A', 'B', 'C', 'C', 'B', 'A', 'D']);
    expect(s.rows.map((r) => r.rank)).toEqual([1, 1, 1, 4]);
    expect(s.top).toHaveLength(3);
    expect(s.tieAtCutoff).toBe(false);
  });

  it('counts a missing reason as its own row', () => {
    const s = summarizeReasons([undefined, '  ', 'A']);
    expect(s.rows.find((r) => r.reason === NO_REASON)?.count).toBe(2);
  });

  it('an empty period has no rows and no division by zero', () => {
    const s = returnReasons([ret('2026-11-10 10:00', 'A')], week);
    expect(s).toMatchObject({ total: 0, rows: [], top: [], tieAtCutoff: false, returns: 0, exchanges: 0 });
    const r = buildReport([], week, sh('2026-11-22 12:00'));
    expect(r.conversion.rate).toBeUndefined();
    expect(r.processing.rate).toBeUndefined();
    expect(percent(r.conversion.rate)).toBe('—');
  });

  it('counts only entries inside the period, by Shanghai midnight', () => {
    const entries = [
      ret('2026-11-15 23:59:59', 'before'),
      ret('2026-11-16 00:00:00', 'first-second'),
      ret('2026-11-22 23:59:59', 'last-second'),
      ret('2026-11-23 00:00:00', 'after'),
      ret('2026-11-18 10:00', '质量问题', { kind: 'exchange', quality: true }),
    ];
    const s = returnReasons(entries, week);
    expect(s.rows.map((r) => r.reason).sort()).toEqual(['first-second', 'last-second', '质量问题'].sort());
    expect(s).toMatchObject({ returns: 2, exchanges: 1, quality: 1 });
  });

  it('this week computed at Monday 00:30 Shanghai (still Sunday in UTC) holds only Monday', () => {
    const now = sh('2026-11-23 00:30');
    const r = buildReport(
      [ret('2026-11-22 23:00', 'sunday'), ret('2026-11-23 00:10', 'monday')],
      periodFor('this-week', now),
      now,
    );
    expect(r.returns.rows.map((x) => x.reason)).toEqual(['monday']);
  });
});

describe('other figures', () => {
  it('inquiries by reason use the inquiry time', () => {
    const r = buildReport(
      [
        inquiry('2026-11-17 10:00', '价格原因'),
        inquiry('2026-11-18 10:00', '价格原因'),
        inquiry('2026-11-19 10:00', '还在比较'),
      ],
      week,
      sh('2026-11-22 12:00'),
    );
    expect(r.inquiries.rows.map((x) => [x.reason, x.count])).toEqual([
      ['价格原因', 2],
      ['还在比较', 1],
    ]);
    expect(r.counts.inquiry).toBe(3);
  });

  it('unpaid → paid conversion', () => {
    const c = unpaidConversion(
      [
        unpaid('2026-11-17 10:00', true, 5990),
        unpaid('2026-11-17 11:00', false, 100, '忘记付款'),
        unpaid('2026-11-18 11:00', false),
      ],
      week,
    );
    expect(c).toMatchObject({ unpaid: 3, paid: 1, remindersSent: 3, paidFen: 5990 });
    expect(percent(c.rate)).toBe('33.3%');
    expect(c.unpaidReasons.total).toBe(2);
  });

  it('returns processed within 24 h of receipt', () => {
    const rec = sh('2026-11-17 10:00');
    const entries = [
      ret('2026-11-16 10:00', 'a', { receivedAt: rec, processedAt: rec + 24 * 3600_000 }), // exactly 24 h: on time
      ret('2026-11-16 10:00', 'b', { receivedAt: rec, processedAt: rec + 24 * 3600_000 + 1 }), // late
      ret('2026-11-16 10:00', 'c', { receivedAt: rec }), // overdue at `now`
      ret('2026-11-16 10:00', 'd', { receivedAt: sh('2026-11-22 09:00') }), // still within 24 h
      ret('2026-11-16 10:00', 'e'), // not received: not counted
    ];
    const p = processing24h(entries, week, sh('2026-11-22 12:00'));
    expect(p).toMatchObject({ received: 4, within24h: 1, late: 1, overdue: 1, pending: 1 });
    expect(percent(p.rate)).toBe('33.3%');
  });
});
