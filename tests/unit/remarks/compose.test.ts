import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RemarkInputError,
  composeRemark,
  formatRemarkDate,
  joinRemarkContents,
  normalizeRemarkText,
  parseRemarkDate,
  validateRemarkInput,
} from '../../../lib/remarks';

// These tests run under TZ=UTC, TZ=Asia/Shanghai and TZ=America/Los_Angeles: none may depend on it.

const shanghaiDay = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});
function intlShanghai(ms: number): string {
  const parts = Object.fromEntries(shanghaiDay.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}.${Number(parts.month)}.${Number(parts.day)}`;
}

describe('composeRemark', () => {
  it('produces the seeds’ example exactly', () => {
    expect(
      composeRemark({
        agent: '蔡蔡',
        content: '送某某礼物一份,发申通',
        date: new Date('2014-08-20T10:00:00+08:00'),
      }),
    ).toBe('蔡蔡 送某某礼物一份,发申通 2014.8.20');
  });

  it('accepts a Date, an ISO string and epoch ms for the same instant', () => {
    const iso = '2014-08-19T17:30:00Z';
    const expected = '蔡蔡 送某某礼物一份,发申通 2014.8.20';
    for (const date of [iso, new Date(iso), Date.parse(iso)]) {
      expect(composeRemark({ agent: '蔡蔡', content: '送某某礼物一份,发申通', date })).toBe(expected);
    }
  });

  it('trims and collapses whitespace inside agent and content, keeping one line', () => {
    expect(
      composeRemark({
        agent: ' 蔡蔡\t',
        content: '  送某某礼物一份,\n\n发申通\u3000\u200B ',
        date: '2014-08-20',
      }),
    ).toBe('蔡蔡 送某某礼物一份, 发申通 2014.8.20');
  });

  it('keeps emoji joined by ZWJ intact', () => {
    expect(composeRemark({ agent: '小王', content: '送👨‍👩‍👧贴纸', date: '2014-08-20' })).toBe(
      '小王 送👨‍👩‍👧贴纸 2014.8.20',
    );
  });

  it('throws a typed error with Chinese, field-keyed messages', () => {
    try {
      composeRemark({ agent: '  ', content: '送礼', date: '2014-08-20' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RemarkInputError);
      expect((error as RemarkInputError).errors).toEqual({ agent: '请填写接待客服姓名' });
      expect((error as RemarkInputError).message).toBe('请填写接待客服姓名');
    }
    expect(() => composeRemark({ agent: '蔡蔡', content: '\n \u3000', date: '2014-08-20' })).toThrow(
      '请填写客户要求或我们的承诺',
    );
  });
});

describe('validateRemarkInput', () => {
  it('reports every bad field at once', () => {
    const result = validateRemarkInput({ agent: '', content: ' ', date: 'yesterday' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['agent', 'content', 'date']);
    expect(result.errors.date).toContain('无法识别');
  });

  it('rejects non-strings and over-long agent names', () => {
    const result = validateRemarkInput({ agent: '蔡'.repeat(21), content: 42, date: undefined });
    expect(result).toEqual({
      ok: false,
      errors: {
        agent: '接待客服姓名不能超过 20 个字',
        content: '请填写客户要求或我们的承诺',
        date: '请填写接待日期',
      },
    });
  });

  it('returns the normalized parts', () => {
    expect(validateRemarkInput({ agent: '蔡蔡', content: ' 发申通 ', date: '2014.8.20' })).toEqual({
      ok: true,
      value: { agent: '蔡蔡', content: '发申通', date: '2014.8.20' },
    });
  });
});

describe('formatRemarkDate in Asia/Shanghai whatever the machine time zone', () => {
  it.each([
    ['2014-08-19T17:30:00Z', '2014.8.20'],
    ['2014-08-19T15:59:59.999Z', '2014.8.19'],
    ['2014-08-19T16:00:00Z', '2014.8.20'],
    ['2014-08-20T00:30:00+08:00', '2014.8.20'],
    ['2014-08-19T23:59:59+08:00', '2014.8.19'],
    ['2014-08-19T23:30:00-08:00', '2014.8.20'],
    ['2014-08-19T12:00:00+0530', '2014.8.19'],
    ['2014-12-31T16:00:00Z', '2015.1.1'],
    ['2014-12-31T15:59:59Z', '2014.12.31'],
    ['2016-02-28T16:30:00Z', '2016.2.29'],
    ['2000-02-29', '2000.2.29'],
  ])('%s → %s', (input, expected) => {
    expect(formatRemarkDate(input)).toBe(expected);
  });

  it('reads dates and times without an offset as Shanghai wall-clock time (not UTC, not local)', () => {
    expect(formatRemarkDate('2014-08-20')).toBe('2014.8.20');
    expect(formatRemarkDate('2014-08-20T00:30')).toBe('2014.8.20');
    expect(formatRemarkDate('2014-08-20 23:59:59')).toBe('2014.8.20');
    expect(parseRemarkDate('2014-08-20')).toEqual({
      ok: true,
      epochMs: Date.parse('2014-08-20T00:00:00+08:00'),
    });
  });

  it('accepts the formats seller pages and agents write', () => {
    for (const text of [
      '2014.8.20',
      '2014/08/20',
      '2014-8-20',
      '2014年8月20日',
      '2014年8月20',
      ' 2014-08-20 ',
    ]) {
      expect(formatRemarkDate(text)).toBe('2014.8.20');
    }
  });

  it('formats Date objects and epoch ms by the instant, not the local calendar', () => {
    const instant = Date.UTC(2014, 7, 19, 17, 30);
    expect(formatRemarkDate(instant)).toBe('2014.8.20');
    expect(formatRemarkDate(new Date(instant))).toBe('2014.8.20');
    // Local midnight of Aug 20 is a different instant in each TZ run; the Shanghai day must match ICU's.
    const localMidnight = new Date(2014, 7, 20, 0, 0);
    expect(formatRemarkDate(localMidnight)).toBe(intlShanghai(localMidnight.getTime()));
  });

  it('agrees with ICU’s Asia/Shanghai for any instant since 1992 (no DST since 1991)', () => {
    const from = Date.UTC(1992, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (ms) => {
        expect(formatRemarkDate(ms)).toBe(intlShanghai(ms));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['2014-02-30', '无法识别'],
    ['2014-13-01', '无法识别'],
    ['2014-08-20T24:00', '无法识别'],
    ['2014-08-20T10:00+15:00', '无法识别'],
    ['2014-08-20Z', '无法识别'],
    ['yesterday', '无法识别'],
    ['', '请填写接待日期'],
  ])('rejects %j with a Chinese message', (input, message) => {
    expect(() => formatRemarkDate(input)).toThrow(RemarkInputError);
    expect(() => formatRemarkDate(input)).toThrow(message);
  });

  it('rejects invalid Dates, non-finite numbers and second-based timestamps', () => {
    expect(() => formatRemarkDate(new Date('nope'))).toThrow('接待日期无效');
    expect(() => formatRemarkDate(Number.NaN)).toThrow('不是有效的数字时间戳');
    expect(() => formatRemarkDate(Number.POSITIVE_INFINITY)).toThrow('不是有效的数字时间戳');
    expect(() => formatRemarkDate(1408464000)).toThrow('以秒为单位');
    expect(parseRemarkDate({})).toEqual({ ok: false, message: '接待日期必须是日期、日期字符串或毫秒时间戳' });
  });
});

describe('text helpers', () => {
  it('normalizeRemarkText collapses every kind of whitespace', () => {
    expect(normalizeRemarkText('\u3000a \t\n b\u00A0c\uFEFF')).toBe('a b c');
  });

  it('joinRemarkContents builds the seeds’ combined promise', () => {
    expect(joinRemarkContents(['送某某礼物一份', ' ', '发申通'], ',')).toBe('送某某礼物一份,发申通');
    expect(joinRemarkContents(['送小样', '发顺丰'])).toBe('送小样，发顺丰');
  });
});
