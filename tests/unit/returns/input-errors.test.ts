import { describe, expect, it } from 'vitest';
import { checkReturn, ReturnInputError, safeCheckReturn, validateReturnInput } from '../../../lib/returns';
import { BASE } from './helpers';

const errorsOf = (input: unknown, policy?: unknown) => {
  const v = validateReturnInput(input, policy);
  return v.ok ? [] : v.errors;
};

describe('input errors: Chinese, one per field, naming the field', () => {
  it.each([
    ['signedAt', { signedAt: 'yesterday' }, '签收时间（signedAt）'],
    ['signedAt', { signedAt: '2026-02-30T10:00:00+08:00' }, '不是存在的日期'],
    ['now', { now: Number.NaN }, '当前时间（now）'],
    ['now', { now: 1.5 }, '整数毫秒'],
    ['signedAt', { signedAt: undefined }, '缺少签收时间'],
    ['signedAt', { signedAt: '2026-03-05T10:00:00+08:00', now: '2026-03-04T10:00:00+08:00' }, '晚于当前时间'],
    ['paidFen', { paidFen: -100 }, '实付金额（paidFen）不能为负数'],
    ['paidFen', { paidFen: 12.5 }, '必须是整数'],
    ['paidFen', { paidFen: '1250' }, '必须是数字'],
    ['outboundShippingFen', { outboundShippingFen: -1 }, '发货运费（outboundShippingFen）不能为负数'],
    ['giftFenNotReturned', { giftFenNotReturned: 0.01 }, '未退回赠品金额'],
    ['platform', { platform: 'amazon' }, '平台（platform）不认识 “amazon”'],
    ['platform', { platform: undefined }, '缺少平台'],
    ['category', { category: 'weapons' }, '类目（category）不认识 “weapons”'],
    ['kind', { kind: 'refund' }, '售后类型（kind）'],
    ['reason', { reason: 'whatever' }, '退换原因（reason）'],
    ['freeShipping', { freeShipping: 'yes' }, '包邮方式'],
    ['shippingInsurance', { shippingInsurance: true }, '运费险'],
    ['intact', { intact: 'yes' }, '商品完好（intact）必须是 true 或 false'],
  ])('%s: %j', (field, patch, message) => {
    const errors = errorsOf({ ...BASE, ...patch });
    const e = errors.find((x) => x.field === field);
    expect(e, JSON.stringify(errors)).toBeDefined();
    expect(e?.message).toContain(message);
    expect(e?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reports every bad field at once', () => {
    const errors = errorsOf({ platform: 'x', kind: 'x', reason: 'x', signedAt: 'x', now: 'x', paidFen: -1 });
    expect(errors.map((e) => e.field).sort()).toEqual([
      'kind',
      'now',
      'paidFen',
      'platform',
      'reason',
      'signedAt',
    ]);
  });

  it('a non-object input is one clear error', () => {
    expect(errorsOf(null)).toEqual([{ field: 'input', message: expect.stringContaining('必须是一个对象') }]);
    expect(errorsOf('taobao')[0]?.field).toBe('input');
  });

  it('policy errors are reported alongside, prefixed policy.', () => {
    expect(errorsOf(BASE, { graceDays: -1 })).toEqual([
      { field: 'policy.graceDays', message: expect.stringContaining('不能为负数') },
    ]);
  });

  it('checkReturn throws ReturnInputError carrying the same errors; safeCheckReturn never throws', () => {
    const bad = { ...BASE, paidFen: -5, platform: 'amazon' };
    let caught: unknown;
    try {
      checkReturn(bad as never);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ReturnInputError);
    const err = caught as ReturnInputError;
    expect(err.name).toBe('ReturnInputError');
    expect(err.errors).toEqual(errorsOf(bad));
    expect(err.message).toContain('实付金额（paidFen）不能为负数');
    expect(safeCheckReturn(bad)).toEqual({ ok: false, errors: errorsOf(bad) });
    expect(safeCheckReturn(BASE).ok).toBe(true);
  });

  it('unknown extra fields (e.g. a whole order object) are ignored', () => {
    expect(validateReturnInput({ ...BASE, orderId: '123', buyerNick: 'x' }).ok).toBe(true);
  });
});
