import { describe, expect, it } from 'vitest';
import { formatShanghaiIso, parseInstant } from '../../../lib/returns/time';
import { bj, check } from './helpers';

describe('T1 deadline: 00:00 of sign day + 8, Beijing time', () => {
  it.each([
    // signedAt (Beijing), deadline
    ['2026-03-01T15:20:00', '2026-03-09T00:00:00+08:00'],
    ['2026-03-01T00:00:00', '2026-03-09T00:00:00+08:00'],
    ['2026-03-01T23:59:59', '2026-03-09T00:00:00+08:00'],
    // month ends
    ['2026-01-31T12:00:00', '2026-02-08T00:00:00+08:00'],
    ['2026-02-28T18:00:00', '2026-03-08T00:00:00+08:00'],
    ['2028-02-28T18:00:00', '2028-03-07T00:00:00+08:00'], // leap year: Feb 29 exists
    ['2028-02-29T09:00:00', '2028-03-08T00:00:00+08:00'],
    ['2026-04-30T08:00:00', '2026-05-08T00:00:00+08:00'],
    // year end
    ['2025-12-25T10:00:00', '2026-01-02T00:00:00+08:00'],
    ['2025-12-31T23:59:59', '2026-01-08T00:00:00+08:00'],
  ])('signed %s → %s', (signed, deadline) => {
    const r = check({ signedAt: bj(signed), now: bj(signed) });
    expect(r.deadline).toBe(deadline);
    expect(r.eligible).toBe('yes');
  });

  it('boundary: signed 03-01 15:20 → 03-08 23:59:59 yes, 03-09 00:00 no', () => {
    const signedAt = bj('2026-03-01T15:20:00');
    const yes = check({ signedAt, now: bj('2026-03-08T23:59:59') });
    const edge = check({ signedAt, now: bj('2026-03-08T23:59:59.999') });
    const no = check({ signedAt, now: bj('2026-03-09T00:00:00') });
    expect([yes.eligible, edge.eligible, no.eligible]).toEqual(['yes', 'yes', 'no']);
    expect(yes.lastMomentText).toBe('2026-03-08 23:59:59');
    expect(yes.remainingMs).toBe(1000);
    expect(no.remainingMs).toBe(0);
  });

  it('a sign-for just after Beijing midnight counts from that Beijing day (UTC is still the day before)', () => {
    // 2026-03-01T16:30Z = 2026-03-02 00:30 Beijing.
    const r = check({ signedAt: '2026-03-01T16:30:00Z', now: '2026-03-01T16:30:00Z' });
    expect(r.deadline).toBe('2026-03-10T00:00:00+08:00');
  });

  it('accepts other offsets, epoch ms, Date objects and offset-less back-office text alike', () => {
    const ms = Date.parse('2026-03-01T15:20:00+08:00');
    const forms = [
      '2026-03-01T15:20:00+08:00',
      '2026-03-01T07:20:00Z',
      '2026-03-01T02:20:00-05:00',
      '2026-03-01T15:20:00+0800',
      '2026-03-01 15:20:00',
      '2026-03-01 15:20',
      ms,
      new Date(ms),
    ];
    for (const signedAt of forms) {
      const r = check({ signedAt, now: ms + 3_600_000 });
      expect(r.deadline, String(signedAt)).toBe('2026-03-09T00:00:00+08:00');
    }
  });

  it('T1 applies the same instant on every platform (Taobao "次日零时起满168小时")', () => {
    for (const platform of ['taobao', 'tmall', 'jd', 'pdd', 'douyin', 'other'] as const) {
      expect(check({ platform }).deadline).toBe('2026-03-09T00:00:00+08:00');
    }
  });
});

describe('JD hour windows (T19) count from the sign-for TIME', () => {
  it('fresh: signed 03-01 15:20:30.250 → deadline 03-03 15:20:30.250', () => {
    const signedAt = bj('2026-03-01T15:20:30.250');
    const base = { platform: 'jd', category: 'fresh', reason: 'quality', signedAt } as const;
    const r = check({ ...base, now: bj('2026-03-03T15:20:30.249') });
    expect(r.deadline).toBe('2026-03-03T15:20:30.250+08:00');
    expect(r.eligible).toBe('yes');
    expect(check({ ...base, now: bj('2026-03-03T15:20:30.250') }).eligible).toBe('no');
  });

  it('hour windows cross month and year ends', () => {
    const r = check({
      platform: 'jd',
      category: 'large_appliances',
      reason: 'quality',
      defectType: 'appearance',
      signedAt: bj('2025-12-30T22:00:00'),
      now: bj('2025-12-31T00:00:00'),
    });
    expect(r.deadline).toBe('2026-01-02T22:00:00+08:00');
  });
});

describe('time helpers', () => {
  it('formats any instant in +08:00', () => {
    expect(formatShanghaiIso(Date.UTC(2026, 2, 8, 16, 0, 0))).toBe('2026-03-09T00:00:00+08:00');
  });

  it.each([
    ['2026-02-30T10:00:00+08:00', '不是存在的日期'],
    ['2026-13-01', '不是存在的日期'],
    ['2026-03-01T24:00:00+08:00', '不是有效的时刻'],
    ['2026-03-01T10:00:00+15:00', '时区'],
    ['3/1/2026', '无法识别'],
    ['1999-12-31T10:00:00+08:00', '超出合理范围'],
  ])('rejects %s', (text, why) => {
    const r = parseInstant(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(why);
  });
});

describe('T14 durable goods: 6 months on the Beijing calendar', () => {
  it.each([
    ['2026-08-31T23:30:00', '2027年2月28日'],
    ['2026-03-01T00:10:00', '2026年9月1日'],
    ['2027-08-31T10:00:00', '2028年2月29日'],
  ])('signed %s → burden of proof until %s', (signed, until) => {
    const r = check({ reason: 'quality', category: 'durables', signedAt: bj(signed), now: bj(signed) });
    expect(r.explanations.find((e) => e.ruleId === 'T14')?.detail).toContain(`至 ${until}`);
  });
});
