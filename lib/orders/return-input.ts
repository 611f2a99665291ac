import {
  CATEGORIES,
  safeCheckReturn,
  type CategoryId,
  type FlagId,
  type FreeShipping,
  type ReturnCheckResult,
  type ReturnInput,
  type ReturnInputIssue,
  type ReturnKind,
  type ReturnReason,
  type ShippingInsurance,
  type ShopPolicy,
} from '../returns';
import { categoryDef } from '../returns/rules';
import type { Platform } from '../sites/platforms';
import type { OrderOnPage } from '../sites/types';

/**
 * From an order as read off the page, plus the agent's answers, to the return engine's input.
 * The page tells us when it was signed for, what was paid and which promises the order carries
 * (运费险, 退货包运费, 包邮…); the agent tells us what only the buyer knows. Pure: no DOM.
 */

/** What an order tag on the page promises, as data (matched against the tag's text). */
export interface OrderTagRule {
  id: string;
  pattern: RegExp;
  /** Shown under "从页面读取" so the agent sees why the check assumed it. */
  label: string;
  apply: (facts: OrderFacts) => void;
}

export interface OrderFacts {
  signedAt?: string;
  paidFen?: number;
  shippingFen?: number;
  tags: string[];
  shippingInsurance?: ShippingInsurance;
  freeShipping?: FreeShipping;
  /** Why freeShipping was assumed (a tag, or the shipping fee shown). */
  freeShippingWhy?: string;
  /** Promises on the order that change the shop policy for this check. */
  policy: Partial<ShopPolicy>;
  /** Tag rules that matched, for the "从页面读取" line. */
  matched: { id: string; label: string }[];
}

export const ORDER_TAG_RULES: readonly OrderTagRule[] = [
  {
    id: 'shipping-insurance',
    // 运费险 / 退货运费险 / 卖家赠送运费险: the page rarely says who paid for it; the buyer is the
    // common case and the engine treats both the same way (T11).
    pattern: /运费险/u,
    label: '有运费险（T11）',
    apply: (f) => {
      f.shippingInsurance = 'buyer';
    },
  },
  {
    id: 'return-shipping-free',
    pattern: /退货包运费|包退运费/u,
    label: '退货包运费：本店承担寄回运费',
    apply: (f) => {
      f.policy.returnShippingFree = true;
    },
  },
  {
    id: 'allergy',
    // Tmall's 过敏包退 promise is 60 days (research, T22 notes); a shop's own number wins in settings.
    pattern: /过敏包退/u,
    label: '过敏包退（60 天）',
    apply: (f) => {
      f.policy.allergyReturnDays ??= 60;
    },
  },
  {
    id: 'threshold-free-shipping',
    pattern: /满\s*[\d.]+\s*元?\s*包邮/u,
    label: '满额包邮',
    apply: (f) => {
      f.freeShipping = 'threshold';
      f.freeShippingWhy = '订单标签：满额包邮';
    },
  },
  {
    id: 'free-shipping',
    pattern: /^(?!.*满\s*[\d.]).*包邮/u,
    label: '包邮',
    apply: (f) => {
      f.freeShipping ??= 'unconditional';
      f.freeShippingWhy ??= '订单标签：包邮';
    },
  },
];

/** Reads the facts the return check needs off an order. */
export function orderFacts(order: OrderOnPage): OrderFacts {
  const facts: OrderFacts = { tags: order.tags ?? [], policy: {}, matched: [] };
  if (order.signedAt) facts.signedAt = order.signedAt;
  if (order.paidFen !== undefined) facts.paidFen = order.paidFen;
  if (order.shippingFen !== undefined) facts.shippingFen = order.shippingFen;
  for (const rule of ORDER_TAG_RULES) {
    if (facts.tags.some((tag) => rule.pattern.test(tag))) {
      rule.apply(facts);
      facts.matched.push({ id: rule.id, label: rule.label });
    }
  }
  // No tag says so: a buyer who paid no shipping got it free; one who paid some did not.
  if (facts.freeShipping === undefined && facts.shippingFen !== undefined) {
    facts.freeShipping = facts.shippingFen === 0 ? 'unconditional' : 'none';
    facts.freeShippingWhy =
      facts.shippingFen === 0 ? '买家运费 ¥0.00，按包邮处理' : '买家付了运费，按不包邮处理';
  }
  return facts;
}

export type YesNoUnknown = 'yes' | 'no' | 'unknown';

/** What the agent answers in the panel's form. */
export interface ReturnAnswers {
  kind: ReturnKind;
  reason: ReturnReason;
  category: CategoryId;
  intact: YesNoUnknown;
  buyerConfirmedNoReturn: boolean;
  /** Overrides what the page suggests. */
  freeShipping?: FreeShipping;
  thresholdStillMet: YesNoUnknown;
  /** Overrides the shipping fee read off the page (fen). */
  outboundShippingFen?: number;
  giftFenNotReturned?: number;
  allergy: boolean;
  defectType?: 'appearance' | 'function';
}

export const DEFAULT_RETURN_ANSWERS: ReturnAnswers = {
  kind: 'return',
  reason: 'no_reason',
  category: 'general',
  intact: 'unknown',
  buyerConfirmedNoReturn: false,
  thresholdStillMet: 'unknown',
  allergy: false,
};

/** Which optional questions make sense for these answers (the form shows only those). */
export function relevantQuestions(answers: ReturnAnswers, facts: OrderFacts) {
  const cat = categoryDef(answers.category);
  const noReason = answers.reason === 'no_reason';
  const freeShipping = answers.freeShipping ?? facts.freeShipping;
  return {
    intact: noReason,
    buyerConfirmed: noReason && cat.confirmationExcludable !== undefined,
    allergy: cat.allergyClaims === true,
    defectType:
      answers.reason === 'quality' && (cat.windows ?? []).some((w) => (w.defectTypes ?? []).length > 0),
    thresholdStillMet: noReason && answers.kind === 'return' && freeShipping === 'threshold',
    outboundShipping:
      noReason &&
      answers.kind === 'return' &&
      (freeShipping === 'none' || (freeShipping === 'threshold' && answers.thresholdStillMet === 'no')),
  };
}

const YES_NO: Record<YesNoUnknown, boolean | undefined> = { yes: true, no: false, unknown: undefined };

export interface BuiltReturnInput {
  input: ReturnInput;
  policy: ShopPolicy;
}

/**
 * The engine's input. `undefined` when the order shows no 签收时间 (nothing to check yet).
 * The order's own promises (退货包运费, 过敏包退) are merged over the shop policy: a promise shown
 * to the buyer must be kept even if the shop's settings say less.
 */
export function buildReturnInput(
  platform: Platform,
  facts: OrderFacts,
  answers: ReturnAnswers,
  now: number,
  shopPolicy: ShopPolicy = {},
): BuiltReturnInput | undefined {
  if (!facts.signedAt) return undefined;
  const q = relevantQuestions(answers, facts);
  const input: ReturnInput = {
    platform,
    kind: answers.kind,
    reason: answers.reason,
    signedAt: facts.signedAt,
    now,
    category: answers.category,
  };
  const intact = YES_NO[answers.intact];
  if (q.intact && intact !== undefined) input.intact = intact;
  if (q.buyerConfirmed && answers.buyerConfirmedNoReturn) input.buyerConfirmedNoReturn = true;
  if (q.allergy && answers.allergy) input.allergy = true;
  if (q.defectType && answers.defectType) input.defectType = answers.defectType;
  const freeShipping = answers.freeShipping ?? facts.freeShipping;
  if (freeShipping) input.freeShipping = freeShipping;
  const stillMet = YES_NO[answers.thresholdStillMet];
  if (q.thresholdStillMet && stillMet !== undefined) input.thresholdStillMet = stillMet;
  if (facts.paidFen !== undefined) input.paidFen = facts.paidFen;
  const outbound = answers.outboundShippingFen ?? facts.shippingFen;
  if (outbound !== undefined) input.outboundShippingFen = outbound;
  if (answers.giftFenNotReturned) input.giftFenNotReturned = answers.giftFenNotReturned;
  if (facts.shippingInsurance) input.shippingInsurance = facts.shippingInsurance;
  const policy: ShopPolicy = { ...shopPolicy };
  if (facts.policy.returnShippingFree) policy.returnShippingFree = true;
  if (facts.policy.allergyReturnDays && !policy.allergyReturnDays) {
    policy.allergyReturnDays = facts.policy.allergyReturnDays;
  }
  return { input, policy };
}

export type ReturnRun =
  | { status: 'unsigned' }
  | { status: 'error'; errors: ReturnInputIssue[] }
  | { status: 'ok'; result: ReturnCheckResult; input: ReturnInput; policy: ShopPolicy };

/** Runs the engine for a panel; never throws. */
export function runReturnCheck(
  platform: Platform,
  facts: OrderFacts,
  answers: ReturnAnswers,
  now: number,
  shopPolicy?: ShopPolicy,
  flagLabels?: Readonly<Record<FlagId, string>>,
): ReturnRun {
  const built = buildReturnInput(platform, facts, answers, now, shopPolicy);
  if (!built) return { status: 'unsigned' };
  const checked = safeCheckReturn(built.input, built.policy, flagLabels);
  if (!checked.ok) return { status: 'error', errors: checked.errors };
  return { status: 'ok', result: checked.result, input: built.input, policy: built.policy };
}

/** Category choices for the form, in the engine's order. */
export const CATEGORY_CHOICES: readonly { id: CategoryId; label: string }[] = (
  Object.keys(CATEGORIES) as CategoryId[]
).map((id) => ({ id, label: CATEGORIES[id].label }));

/** Yuan typed by the agent (`12`, `12.5`, `12.50`) → fen; undefined when blank or not an amount. */
export function parseYuanInput(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,7}(\.\d{0,2})?$/u.test(t)) return undefined;
  const [whole = '0', frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
