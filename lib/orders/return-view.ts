import {
  formatYuan,
  type Eligibility,
  type ReturnCheckResult,
  type ReturnInput,
  type ReturnKind,
} from '../returns';
import { formatShanghaiText } from '../returns/time';
import type { OrderFacts } from './return-input';

/**
 * The words the return panel shows for a check result: verdict, who pays which shipping leg,
 * what was read off the page. Pure text from the engine's result, so it is tested without a DOM.
 */

export function verdictLabel(eligible: Eligibility, kind: ReturnKind): string {
  if (eligible === 'flexible') return '可灵活处理';
  const what = kind === 'return' ? '退' : '换';
  return eligible === 'yes' ? `能${what}` : `不能${what}`;
}

const PAYER = { buyer: '买家承担', seller: '卖家承担', split: '买卖双方各出一半' } as const;

/** One line per shipping leg, e.g. `寄回运费：买家承担`. */
export function shippingLines(result: ReturnCheckResult, input: ReturnInput): string[] {
  const lines = [`寄回运费：${PAYER[result.returnShippingPayer]}`];
  if (input.kind === 'return' && input.reason === 'no_reason') {
    const deducted = result.refundBreakdown.some((l) => l.ruleId === 'T10' && l.fen < 0);
    if (deducted) lines.push('发货运费：买家承担（已从退款中扣除）');
    else if (input.freeShipping === 'unconditional' || input.freeShipping === 'threshold') {
      lines.push('发货运费：卖家承担（包邮，不从退款中扣）');
    } else if (input.freeShipping === 'none') lines.push('发货运费：买家承担');
  } else if (input.kind === 'exchange') {
    if (result.returnShippingPayer === 'seller') lines.push('换出运费：卖家承担');
    else if (result.returnShippingPayer === 'split') lines.push('换出运费：双方各出一半');
    else if (input.platform === 'taobao' || input.platform === 'tmall') lines.push('换出运费：买家承担');
    else lines.push('换出运费：按双方约定');
  } else {
    lines.push('发货运费：卖家承担（质量问题全额退款）');
  }
  if (input.shippingInsurance === 'buyer' || input.shippingInsurance === 'seller') {
    lines.push('运费险：买家先垫付，退款完成后保险按固定金额赔付');
  }
  return lines;
}

/** `¥129.00 − ¥10.00 = ¥119.00`, or undefined when there is nothing to refund yet. */
export function refundFormula(result: ReturnCheckResult): string | undefined {
  if (result.refundFen === undefined || result.refundBreakdown.length === 0) return undefined;
  const [first, ...rest] = result.refundBreakdown;
  if (!first) return undefined;
  if (rest.length === 0) return `${formatYuan(result.refundFen)}（${first.label}，全额）`;
  const parts = [
    formatYuan(first.fen),
    ...rest.map((l) => `${l.fen < 0 ? '−' : '+'} ${formatYuan(Math.abs(l.fen))}`),
  ];
  return `${parts.join(' ')} = ${formatYuan(result.refundFen)}`;
}

/** What the panel read off the page, as short chips. */
export function factChips(facts: OrderFacts): string[] {
  const chips: string[] = [];
  if (facts.signedAt) chips.push(`签收 ${formatShanghaiText(Date.parse(facts.signedAt)).slice(0, 16)}`);
  if (facts.paidFen !== undefined) chips.push(`实付 ${formatYuan(facts.paidFen)}`);
  if (facts.shippingFen !== undefined) chips.push(`运费 ${formatYuan(facts.shippingFen)}`);
  for (const m of facts.matched) chips.push(m.label);
  if (facts.freeShippingWhy && !facts.matched.some((m) => m.id.endsWith('free-shipping'))) {
    chips.push(facts.freeShippingWhy);
  }
  return chips;
}
