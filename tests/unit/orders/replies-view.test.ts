import { describe, expect, it } from 'vitest';
import { formatCountdown } from '../../../lib/orders/countdown';
import { INSURANCE_REPLY, REPLY_TEMPLATES, buyerReply } from '../../../lib/orders/replies';
import { DEFAULT_RETURN_ANSWERS, orderFacts, runReturnCheck } from '../../../lib/orders/return-input';
import { factChips, refundFormula, shippingLines, verdictLabel } from '../../../lib/orders/return-view';
import type { OrderOnPage } from '../../../lib/sites/types';

const NOW = Date.parse('2026-11-22T20:00:00+08:00');
const order: OrderOnPage = {
  orderId: '1',
  signedAt: '2026-11-16T15:20:00+08:00',
  paidFen: 12900,
  shippingFen: 0,
  tags: ['运费险'],
};

function run(over: Partial<typeof DEFAULT_RETURN_ANSWERS> = {}, o: OrderOnPage = order) {
  const r = runReturnCheck('taobao', orderFacts(o), { ...DEFAULT_RETURN_ANSWERS, ...over }, NOW);
  if (r.status !== 'ok') throw new Error('expected a result');
  return r;
}

describe('replies to the buyer', () => {
  it('one reply for every kind × reason × verdict', () => {
    for (const kind of ['return', 'exchange'])
      for (const reason of ['no_reason', 'quality'])
        for (const eligible of ['yes', 'no', 'flexible'])
          expect(
            REPLY_TEMPLATES.filter((t) => t.kind === kind && t.reason === reason && t.eligible === eligible),
          ).toHaveLength(1);
  });

  it('fills the deadline and refund, adds the 运费险 note, leaves no placeholder', () => {
    const { result, input } = run();
    const reply = buyerReply(result, input);
    expect(reply).toContain('2026-11-23 23:59');
    expect(reply).toContain('¥129.00');
    expect(reply.endsWith(INSURANCE_REPLY)).toBe(true);
    expect(reply).not.toMatch(/[{}]/u);
  });

  it('a refusal explains why in words a buyer understands', () => {
    const late = { ...order, signedAt: '2026-11-14T11:05:26+08:00' };
    const { result, input } = run({}, late);
    expect(result.eligible).toBe('no');
    const reply = buyerReply(result, input);
    expect(reply).toContain('已过七天无理由退换期限');
    expect(reply).not.toContain(INSURANCE_REPLY);
    const opened = run({ intact: 'no' });
    expect(buyerReply(opened.result, opened.input)).toContain('影响二次销售');
  });
});

describe('return panel words', () => {
  it('verdicts', () => {
    expect(verdictLabel('yes', 'return')).toBe('能退');
    expect(verdictLabel('no', 'exchange')).toBe('不能换');
    expect(verdictLabel('flexible', 'return')).toBe('可灵活处理');
  });

  it('who pays which shipping leg', () => {
    const { result, input } = run();
    expect(shippingLines(result, input)).toEqual([
      '寄回运费：买家承担',
      '发货运费：卖家承担（包邮，不从退款中扣）',
      '运费险：买家先垫付，退款完成后保险按固定金额赔付',
    ]);
    const notFree = run({}, { ...order, shippingFen: 1000, paidFen: 13900, tags: [] });
    expect(shippingLines(notFree.result, notFree.input)).toContain('发货运费：买家承担（已从退款中扣除）');
    expect(refundFormula(notFree.result)).toBe('¥139.00 − ¥10.00 = ¥129.00');
    expect(refundFormula(run().result)).toBe('¥129.00（买家实付金额，全额）');
    const exchange = run({ kind: 'exchange' });
    expect(shippingLines(exchange.result, exchange.input)).toContain('换出运费：买家承担');
  });

  it('what was read off the page', () => {
    expect(factChips(orderFacts(order))).toEqual([
      '签收 2026-11-16 15:20',
      '实付 ¥129.00',
      '运费 ¥0.00',
      '有运费险（T11）',
      '买家运费 ¥0.00，按包邮处理',
    ]);
  });
});

describe('countdown', () => {
  it('days and a clock while open; amber on the last day; how late once passed', () => {
    expect(formatCountdown(((2 * 24 + 8) * 3600 + 12 * 60 + 45) * 1000)).toEqual({
      text: '还剩 2 天 08:12:45',
      passed: false,
      urgent: false,
    });
    expect(formatCountdown((5 * 3600 + 3 * 60 + 9) * 1000)).toMatchObject({
      text: '还剩 05:03:09',
      urgent: true,
    });
    expect(formatCountdown(-((24 + 3) * 3600 + 100) * 1000)).toMatchObject({
      text: '已超过 1 天 3 小时',
      passed: true,
    });
    expect(formatCountdown(-90_000).text).toBe('已超过 1 分钟');
  });
});
