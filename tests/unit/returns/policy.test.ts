import { describe, expect, it } from 'vitest';
import { parseShopPolicy, shopPolicySchema } from '../../../lib/returns/policy';
import { bj, check } from './helpers';

describe('shop policy overrides (rules P-…)', () => {
  it('换货运费各出一半 → split, only for no-reason exchanges', () => {
    const policy = { exchangeShippingSplit: true };
    const r = check({ kind: 'exchange' }, policy);
    expect(r.returnShippingPayer).toBe('split');
    expect(r.rules).toContain('P-exchange-split');
    expect(r.rules).not.toContain('T10');
    const e = r.explanations.find((x) => x.ruleId === 'P-exchange-split');
    expect(e?.source).toBe('店铺政策');
    expect(check({ kind: 'return' }, policy).returnShippingPayer).toBe('buyer');
    expect(check({ kind: 'exchange', reason: 'quality' }, policy).returnShippingPayer).toBe('seller');
  });

  it('退货包运费 → seller pays return postage; the outbound deduction for non-包邮 stays', () => {
    const r = check(
      { freeShipping: 'none', paidFen: 5000, outboundShippingFen: 600 },
      { returnShippingFree: true },
    );
    expect(r.returnShippingPayer).toBe('seller');
    expect(r.rules).toContain('P-return-shipping-free');
    expect(r.refundFen).toBe(4400);
  });

  it('过敏包退: the promise covers opened goods and beats the 7 days; other categories ignore it', () => {
    const policy = { allergyReturnDays: 60, asOf: '2026-10-01' };
    const r = check(
      {
        platform: 'tmall',
        category: 'cosmetics',
        allergy: true,
        intact: false,
        now: bj('2026-04-15T10:00:00'),
      },
      policy,
    );
    expect(r.eligible).toBe('yes');
    expect(r.rules).toContain('P-allergy');
    expect(r.explanations.find((e) => e.ruleId === 'P-allergy')?.asOf).toBe('2026-10-01');
    const after = check(
      { platform: 'tmall', category: 'cosmetics', allergy: true, now: bj('2026-05-01T00:00:00') },
      policy,
    );
    expect(after.eligible).toBe('no');
    const apparel = check({ category: 'apparel', allergy: true, now: bj('2026-04-15T10:00:00') }, policy);
    expect(apparel.eligible).toBe('no');
    expect(apparel.notes.join()).toContain('没有过敏退货的专门规则');
  });

  it('JD 60-day allergy and a longer shop promise: the longer one wins', () => {
    const r = check({ platform: 'jd', category: 'cosmetics', allergy: true }, { allergyReturnDays: 90 });
    expect(r.window.id).toBe('policy-allergy');
    expect(
      check({ platform: 'jd', category: 'cosmetics', allergy: true }, { allergyReturnDays: 30 }).window.id,
    ).toBe('jd-cosmetics-allergy-60d');
  });

  it('灵活处理 grace: missed by less than N days → flexible, then no', () => {
    const policy = { graceDays: 2 };
    expect(check({ now: bj('2026-03-10T23:59:59') }, policy).eligible).toBe('flexible');
    const r = check({ now: bj('2026-03-10T23:59:59') }, policy);
    expect(r.graceUntil).toBe('2026-03-11T00:00:00+08:00');
    expect(check({ now: bj('2026-03-11T00:00:00') }, policy).eligible).toBe('no');
  });

  it('grace never rescues an excluded or damaged item', () => {
    const policy = { graceDays: 5 };
    expect(check({ category: 'fresh', now: bj('2026-03-10T10:00:00') }, policy).eligible).toBe('no');
    expect(check({ intact: false, now: bj('2026-03-10T10:00:00') }, policy).eligible).toBe('no');
  });

  it('a longer no-reason promise extends every no-reason window, never shortens one', () => {
    const r = check({ now: bj('2026-03-20T10:00:00') }, { noReasonDays: 30 });
    expect(r.eligible).toBe('yes');
    expect(r.rules).toContain('P-no-reason-days');
    // JD shoes/bags exchange is already 15 days; a 7-day promise (the legal minimum) changes nothing.
    const jd = check({ platform: 'jd', category: 'shoes_bags', kind: 'exchange' }, { noReasonDays: 7 });
    expect(jd.window.id).toBe('jd-shoes-bags-exchange-15d');
  });

  it('the schema rejects promises below the law, with Chinese messages', () => {
    expect(shopPolicySchema.safeParse({ noReasonDays: 5 }).success).toBe(false);
    const bad = parseShopPolicy({ noReasonDays: 5, graceDays: 1.5, exchangeShippingSplit: 'yes' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.map((e) => e.field).sort()).toEqual([
        'policy.exchangeShippingSplit',
        'policy.graceDays',
        'policy.noReasonDays',
      ]);
      expect(bad.errors.find((e) => e.field === 'policy.noReasonDays')?.message).toContain(
        '不能少于法定的 7 天',
      );
    }
    expect(parseShopPolicy(undefined)).toEqual({ ok: true, policy: {} });
    expect(parseShopPolicy('nope').ok).toBe(false);
  });
});

describe('allergy claims without a promise', () => {
  it('fall back to the chosen reason, with its exclusions and condition checks', () => {
    const r = check({ platform: 'taobao', category: 'cosmetics', allergy: true, intact: false });
    expect(r.eligible).toBe('no');
    expect(r.rules).toContain('T7');
    expect(r.notes.join()).toContain('没有适用的过敏包退规则');
  });
});
