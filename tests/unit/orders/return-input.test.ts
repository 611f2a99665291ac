import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETURN_ANSWERS,
  buildReturnInput,
  orderFacts,
  parseYuanInput,
  relevantQuestions,
  runReturnCheck,
} from '../../../lib/orders/return-input';
import type { OrderOnPage } from '../../../lib/sites/types';

const NOW = Date.parse('2026-11-22T20:00:00+08:00');
const order = (over: Partial<OrderOnPage> = {}): OrderOnPage => ({
  orderId: '4012387765120556412',
  signedAt: '2026-11-16T15:20:00+08:00',
  paidFen: 12900,
  shippingFen: 0,
  tags: ['七天无理由退换', '运费险'],
  ...over,
});

describe('order facts from the page', () => {
  it('reads 运费险, and a zero shipping fee as 包邮', () => {
    const f = orderFacts(order());
    expect(f.shippingInsurance).toBe('buyer');
    expect(f.freeShipping).toBe('unconditional');
    expect(f.freeShippingWhy).toContain('¥0.00');
  });

  it('a paid shipping fee means not free; tags win over the fee', () => {
    expect(orderFacts(order({ shippingFen: 600, tags: [] })).freeShipping).toBe('none');
    expect(orderFacts(order({ shippingFen: 600, tags: ['满99包邮'] })).freeShipping).toBe('threshold');
    expect(orderFacts(order({ shippingFen: 600, tags: ['包邮'] })).freeShipping).toBe('unconditional');
  });

  it("退货包运费 and 过敏包退 become the order's own policy", () => {
    const f = orderFacts(order({ tags: ['退货包运费', '过敏包退'] }));
    expect(f.policy).toEqual({ returnShippingFree: true, allergyReturnDays: 60 });
    expect(f.matched.map((m) => m.id)).toEqual(['return-shipping-free', 'allergy']);
  });
});

describe('return input and verdicts', () => {
  it('no 签收时间: nothing to check', () => {
    expect(
      runReturnCheck('taobao', orderFacts(order({ signedAt: undefined })), DEFAULT_RETURN_ANSWERS, NOW),
    ).toEqual({
      status: 'unsigned',
    });
  });

  it('signed 6 days ago: yes; signed 8 days ago: no (no-reason), flexible (quality)', () => {
    const six = runReturnCheck('taobao', orderFacts(order()), DEFAULT_RETURN_ANSWERS, NOW);
    expect(six.status === 'ok' && six.result.eligible).toBe('yes');
    const eightFacts = orderFacts(order({ signedAt: '2026-11-14T11:05:26+08:00' }));
    const eight = runReturnCheck('taobao', eightFacts, DEFAULT_RETURN_ANSWERS, NOW);
    expect(eight.status === 'ok' && eight.result.eligible).toBe('no');
    const quality = runReturnCheck(
      'taobao',
      eightFacts,
      { ...DEFAULT_RETURN_ANSWERS, reason: 'quality' },
      NOW,
    );
    expect(quality.status === 'ok' && quality.result.eligible).toBe('flexible');
  });

  it("the shop policy from settings applies, and the order's own promise is kept on top of it", () => {
    const eightFacts = orderFacts(order({ signedAt: '2026-11-14T11:05:26+08:00', tags: ['退货包运费'] }));
    const run = runReturnCheck('pdd', eightFacts, DEFAULT_RETURN_ANSWERS, NOW, { graceDays: 3 });
    expect(run.status).toBe('ok');
    if (run.status !== 'ok') return;
    expect(run.result.eligible).toBe('flexible');
    expect(run.policy).toEqual({ graceDays: 3, returnShippingFree: true });
  });

  it('not free: the outbound fee comes off the refund; the agent may correct it', () => {
    const facts = orderFacts(order({ shippingFen: 1000, paidFen: 13900, tags: [] }));
    const run = runReturnCheck('taobao', facts, DEFAULT_RETURN_ANSWERS, NOW);
    expect(run.status === 'ok' && run.result.refundFen).toBe(12900);
    const fixed = runReturnCheck(
      'taobao',
      facts,
      { ...DEFAULT_RETURN_ANSWERS, outboundShippingFen: 800 },
      NOW,
    );
    expect(fixed.status === 'ok' && fixed.result.refundFen).toBe(13100);
  });

  it('only asks what matters for the answers so far', () => {
    const facts = orderFacts(order());
    expect(relevantQuestions(DEFAULT_RETURN_ANSWERS, facts)).toMatchObject({
      intact: true,
      buyerConfirmed: false,
      allergy: false,
      outboundShipping: false,
    });
    expect(relevantQuestions({ ...DEFAULT_RETURN_ANSWERS, category: 'cosmetics' }, facts)).toMatchObject({
      buyerConfirmed: true,
      allergy: true,
    });
    expect(relevantQuestions({ ...DEFAULT_RETURN_ANSWERS, reason: 'quality' }, facts).intact).toBe(false);
  });

  it('passes only relevant answers to the engine', () => {
    const built = buildReturnInput(
      'taobao',
      orderFacts(order()),
      { ...DEFAULT_RETURN_ANSWERS, reason: 'quality', intact: 'no', buyerConfirmedNoReturn: true },
      NOW,
    );
    expect(built?.input.intact).toBeUndefined();
    expect(built?.input.buyerConfirmedNoReturn).toBeUndefined();
    expect(built?.input.shippingInsurance).toBe('buyer');
  });
});

it('reads amounts the agent types in yuan, exactly (no floating point)', () => {
  expect(parseYuanInput('12')).toBe(1200);
  expect(parseYuanInput(' 0.1 ')).toBe(10);
  expect(parseYuanInput('19.99')).toBe(1999);
  expect(parseYuanInput('')).toBeUndefined();
  expect(parseYuanInput('-3')).toBeUndefined();
  expect(parseYuanInput('1.234')).toBeUndefined();
});
