import { describe, expect, it } from 'vitest';
import type { ReturnCheckResult } from '../../../lib/returns';
import { check } from './helpers';

const sum = (r: ReturnCheckResult): number => r.refundBreakdown.reduce((s, l) => s + l.fen, 0);

describe('refund arithmetic in fen (T8, T9, T10)', () => {
  it.each([
    // freeShipping, thresholdStillMet, paid, outbound, gift → refund
    ['unconditional', undefined, 12900, 1000, 0, 12900],
    ['none', undefined, 12900, 1000, 0, 11900],
    ['none', undefined, 12900, 0, 0, 12900],
    ['threshold', true, 12900, 1000, 0, 12900],
    ['threshold', false, 12900, 1000, 0, 11900],
    ['none', undefined, 12900, 1000, 2500, 9400],
    ['unconditional', undefined, 12900, 1000, 2500, 10400],
    ['none', undefined, 1, 1, 0, 0],
    // deductions larger than the payment never make the refund negative
    ['none', undefined, 500, 800, 300, 0],
  ] as const)(
    '%s (still met: %s) paid %i − outbound %i − gift %i = %i',
    (freeShipping, met, paid, outbound, gift, refund) => {
      const r = check({
        freeShipping,
        thresholdStillMet: met,
        paidFen: paid,
        outboundShippingFen: outbound,
        giftFenNotReturned: gift,
      });
      expect(r.refundFen).toBe(refund);
      expect(sum(r)).toBe(refund);
      expect(r.refundBreakdown[0]).toEqual({ label: '买家实付金额', fen: paid, ruleId: 'T9' });
    },
  );

  it("the seeds' case: not 包邮 → the shop's outbound shipping comes off the refund", () => {
    const r = check({ freeShipping: 'none', paidFen: 6800, outboundShippingFen: 1200 });
    expect(r.refundBreakdown).toEqual([
      { label: '买家实付金额', fen: 6800, ruleId: 'T9' },
      { label: '扣除我司发货运费（非包邮）', fen: -1200, ruleId: 'T10' },
    ]);
    expect(r.remarkContent).toContain('退款¥56.00');
    expect(r.checklist.find((c) => c.id === 'apply-no-reason')?.text).toContain('¥56.00');
  });

  it('missing shipping facts leave the refund undeducted and say what is missing', () => {
    expect(check({ paidFen: 5000 }).notes.join()).toContain('未说明是否包邮');
    const noOutbound = check({ paidFen: 5000, freeShipping: 'none' });
    expect(noOutbound.refundFen).toBe(5000);
    expect(noOutbound.notes.join()).toContain('outboundShippingFen');
    expect(
      check({ paidFen: 5000, freeShipping: 'threshold', outboundShippingFen: 800 }).notes.join(),
    ).toContain('包邮门槛');
  });

  it('no refund without paidFen, for exchanges, or when not eligible', () => {
    expect(check({}).refundFen).toBeUndefined();
    expect(check({}).notes.join()).toContain('paidFen');
    expect(check({ kind: 'exchange', paidFen: 5000 }).refundFen).toBeUndefined();
    const no = check({ category: 'fresh', paidFen: 5000 });
    expect(no.eligible).toBe('no');
    expect(no.refundFen).toBeUndefined();
    expect(no.refundBreakdown).toEqual([]);
  });

  it('gifts: the main item is still refunded (T8)', () => {
    const r = check({ freeShipping: 'unconditional', paidFen: 3000, giftFenNotReturned: 3000 });
    expect(r.eligible).toBe('yes');
    expect(r.refundFen).toBe(0);
  });
});

describe('quality vs no reason', () => {
  it("quality: seller pays shipping, full refund, buyer's postage reimbursed separately", () => {
    const r = check({ reason: 'quality', freeShipping: 'none', paidFen: 10900, outboundShippingFen: 1000 });
    expect(r.returnShippingPayer).toBe('seller');
    expect(r.refundFen).toBe(10900);
    expect(r.notes.join()).toContain('垫付');
    expect(r.checklist.map((c) => c.id)).toEqual(
      expect.arrayContaining(['evidence', 'ask-alipay', 'apply-quality']),
    );
  });

  it('no reason: buyer pays return postage and the agent is told to pick 七天无理由', () => {
    const r = check({});
    expect(r.returnShippingPayer).toBe('buyer');
    expect(r.checklist.find((c) => c.id === 'apply-no-reason')?.text).toContain('七天无理由退换货');
  });

  it('quality claims ignore the no-reason exclusions and the intact condition', () => {
    const r = check({
      reason: 'quality',
      category: 'custom_made',
      intact: false,
      buyerConfirmedNoReturn: true,
    });
    expect(r.eligible).toBe('yes');
    expect(r.rules).not.toContain('T3');
    expect(r.rules).not.toContain('T7');
  });
});

describe('exchange vs return', () => {
  it('taobao no-reason exchange: buyer pays all shipping (T10), flag 换货, extend receipt', () => {
    const r = check({ kind: 'exchange' });
    expect(r.returnShippingPayer).toBe('buyer');
    expect(r.suggestedFlag).toBe('exchange');
    expect(r.explanations.find((e) => e.ruleId === 'T10')?.detail).toContain('寄回和换出的运费都由买家承担');
    expect(r.checklist.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'resale-check',
        'exchange-what',
        'send-exchange-address',
        'extend-receipt',
        'warehouse-exchange',
      ]),
    );
  });

  it('pdd no-reason exchange: buyer pays the return leg only; no Taobao receipt extension step', () => {
    const r = check({ kind: 'exchange', platform: 'pdd' });
    expect(r.returnShippingPayer).toBe('buyer');
    expect(r.explanations.find((e) => e.ruleId === 'T10')?.detail).toContain('按双方约定');
    expect(r.checklist.map((c) => c.id)).not.toContain('extend-receipt');
    expect(r.notes.join()).toContain('法律底线');
  });

  it('quality exchange: seller pays, postage refunded after the buyer receives the replacement', () => {
    const r = check({ kind: 'exchange', reason: 'quality' });
    expect(r.returnShippingPayer).toBe('seller');
    expect(r.checklist.map((c) => c.id)).toContain('refund-postage-exchange');
  });

  it('flags as lib/remarks suggests: 退货, flexible 待跟进, refused no-reason no change, refused quality 问题件', () => {
    expect(check({}).suggestedFlag).toBe('return');
    expect(check({ category: 'fresh' }).suggestedFlag).toBeNull();
    expect(check({ category: 'fresh' }).checklist.find((c) => c.id === 'remark-flag')?.text).toContain(
      '不用改',
    );
    expect(check({ reason: 'quality', now: '2026-03-20T10:00:00+08:00' }).suggestedFlag).toBe('follow-up');
    // JD fresh food: the 48 h photo window does not soften once passed; the complaint still needs handling.
    const lateQuality = check({
      platform: 'jd',
      category: 'fresh',
      reason: 'quality',
      now: '2026-03-20T10:00:00+08:00',
    });
    expect(lateQuality.eligible).toBe('no');
    expect(lateQuality.suggestedFlag).toBe('problem');
  });

  it('a refused case gets only the explain-and-remark steps', () => {
    const r = check({ category: 'periodical' });
    expect(r.checklist.map((c) => c.id)).toEqual(['check-window', 'decline', 'remark-flag']);
    expect(r.remarkContent).toContain('不符合条件');
  });
});

describe('运费险 (T11)', () => {
  it('asks for the tracking number instead of the generic step', () => {
    const ids = check({ shippingInsurance: 'buyer' }).checklist.map((c) => c.id);
    expect(ids).toContain('tracking-insurance');
    expect(ids).not.toContain('tracking');
    const none = check({ shippingInsurance: 'none' });
    expect(none.rules).not.toContain('T11');
    expect(none.checklist.map((c) => c.id)).toContain('tracking');
  });
});
