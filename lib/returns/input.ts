import { z } from 'zod';
import { PLATFORMS, PLATFORM_LABELS, type Platform } from '../sites/platforms';
import { parseShopPolicy, type ShopPolicy } from './policy';
import {
  CATEGORIES,
  CATEGORY_IDS,
  DEFECT_TYPES,
  RETURN_KINDS,
  RETURN_REASONS,
  type CategoryId,
  type DefectType,
  type ReturnKind,
  type ReturnReason,
} from './rules';
import { parseInstant } from './time';

/**
 * Input validation. Errors are Chinese, one per field, each naming the field both ways
 * (「实付金额（paidFen）…」) so the popup can show them and a developer can find the key.
 */

export const FREE_SHIPPING = ['none', 'unconditional', 'threshold'] as const;
export type FreeShipping = (typeof FREE_SHIPPING)[number];
export const SHIPPING_INSURANCE = ['none', 'buyer', 'seller'] as const;
export type ShippingInsurance = (typeof SHIPPING_INSURANCE)[number];

/** An instant: ISO-8601 text (offset optional, Beijing time if absent), epoch ms, or a Date. */
export type InstantInput = string | number | Date;

export const FIELD_LABELS: Record<string, string> = {
  platform: '平台',
  kind: '售后类型',
  reason: '退换原因',
  signedAt: '签收时间',
  now: '当前时间',
  category: '类目',
  buyerConfirmedNoReturn: '买家已确认不适用七天无理由',
  intact: '商品完好',
  freeShipping: '包邮方式',
  thresholdStillMet: '退货后仍满足包邮门槛',
  paidFen: '实付金额',
  outboundShippingFen: '发货运费',
  giftFenNotReturned: '未退回赠品金额',
  shippingInsurance: '运费险',
  defectType: '瑕疵类型',
  allergy: '过敏',
};

const named = (field: string): string => `${FIELD_LABELS[field] ?? field}（${field}）`;
const shown = (v: unknown): string => (typeof v === 'string' ? `“${v}”` : (JSON.stringify(v) ?? String(v)));

function enumField<T extends readonly [string, ...string[]]>(field: string, values: T, describe: string) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? `缺少${named(field)}，可选：${describe}`
        : `${named(field)}不认识 ${shown(iss.input)}，可选：${describe}`,
  });
}

function boolField(field: string) {
  return z.boolean({ error: `${named(field)}必须是 true 或 false` }).optional();
}

function fenField(field: string) {
  return z
    .number({ error: `${named(field)}必须是数字，单位为分` })
    .int({ error: `${named(field)}必须是整数（单位：分，例如 12.50 元写 1250）` })
    .min(0, { error: `${named(field)}不能为负数` })
    .optional();
}

function instantField(field: string) {
  return z.unknown().transform((value, ctx): number => {
    if (value === undefined || value === null || value === '') {
      ctx.addIssue({ code: 'custom', message: `缺少${named(field)}` });
      return z.NEVER;
    }
    const parsed = parseInstant(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `${named(field)}${parsed.reason}` });
      return z.NEVER;
    }
    return parsed.ms;
  });
}

const platformList = PLATFORMS.map((p) => `${PLATFORM_LABELS[p].zh}(${p})`).join('、');
const categoryList = CATEGORY_IDS.map((c) => `${CATEGORIES[c].label}(${c})`).join('、');

export const returnInputSchema = z.object({
  platform: enumField('platform', PLATFORMS, platformList),
  kind: enumField('kind', RETURN_KINDS, '退货(return)、换货(exchange)'),
  reason: enumField('reason', RETURN_REASONS, '七天无理由(no_reason)、质量问题(quality)'),
  signedAt: instantField('signedAt'),
  now: instantField('now'),
  category: enumField(
    'category',
    CATEGORY_IDS as unknown as readonly [CategoryId, ...CategoryId[]],
    categoryList,
  )
    .optional()
    .default('general'),
  buyerConfirmedNoReturn: boolField('buyerConfirmedNoReturn'),
  intact: boolField('intact'),
  freeShipping: enumField(
    'freeShipping',
    FREE_SHIPPING,
    '不包邮(none)、无条件包邮(unconditional)、满额包邮(threshold)',
  ).optional(),
  thresholdStillMet: boolField('thresholdStillMet'),
  paidFen: fenField('paidFen'),
  outboundShippingFen: fenField('outboundShippingFen'),
  giftFenNotReturned: fenField('giftFenNotReturned'),
  shippingInsurance: enumField(
    'shippingInsurance',
    SHIPPING_INSURANCE,
    '无(none)、买家购买(buyer)、卖家赠送(seller)',
  ).optional(),
  /** Added field: JD 3C appearance defects have their own hour window (T19). */
  defectType: enumField('defectType', DEFECT_TYPES, '外观瑕疵(appearance)、功能故障(function)').optional(),
  /** Added field: an allergy claim (过敏), for JD's 60-day window and shop 过敏包退 promises. */
  allergy: boolField('allergy'),
});

/** What callers pass to checkReturn. */
export interface ReturnInput {
  platform: Platform;
  kind: ReturnKind;
  reason: ReturnReason;
  signedAt: InstantInput;
  now: InstantInput;
  category?: CategoryId;
  buyerConfirmedNoReturn?: boolean;
  intact?: boolean;
  freeShipping?: FreeShipping;
  thresholdStillMet?: boolean;
  paidFen?: number;
  outboundShippingFen?: number;
  giftFenNotReturned?: number;
  shippingInsurance?: ShippingInsurance;
  defectType?: DefectType;
  allergy?: boolean;
}

/** After validation: instants as epoch ms, category defaulted. */
export type NormalizedReturnInput = Omit<z.output<typeof returnInputSchema>, 'signedAt' | 'now'> & {
  signedAtMs: number;
  nowMs: number;
};

export interface ReturnInputIssue {
  /** The input key (`paidFen`), or `policy.<key>` for a shop-policy problem. */
  field: string;
  message: string;
}

export type ReturnInputValidation =
  { ok: true; value: NormalizedReturnInput; policy: ShopPolicy } | { ok: false; errors: ReturnInputIssue[] };

/** Thrown by checkReturn; `errors` is the same list validateReturnInput returns. */
export class ReturnInputError extends Error {
  override readonly name = 'ReturnInputError';
  readonly errors: ReturnInputIssue[];
  constructor(errors: ReturnInputIssue[]) {
    super(`退换货检查的输入有误：${errors.map((e) => e.message).join('；')}`);
    this.errors = errors;
  }
}

/** Never throws: every problem, field by field, in Chinese. */
export function validateReturnInput(input: unknown, policy?: unknown): ReturnInputValidation {
  const errors: ReturnInputIssue[] = [];
  const policyResult = parseShopPolicy(policy);
  if (!policyResult.ok) errors.push(...policyResult.errors);

  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    errors.unshift({
      field: 'input',
      message: '退换货检查的输入必须是一个对象（含平台、类型、原因、签收时间等）',
    });
    return { ok: false, errors };
  }
  const parsed = returnInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push({ field: issue.path.map(String).join('.') || 'input', message: issue.message });
    }
    return { ok: false, errors };
  }
  const { signedAt, now, ...rest } = parsed.data;
  if (signedAt > now) {
    errors.push({ field: 'signedAt', message: `${named('signedAt')}晚于${named('now')}，请检查签收时间` });
  }
  if (errors.length > 0 || !policyResult.ok) return { ok: false, errors };
  return { ok: true, value: { ...rest, signedAtMs: signedAt, nowMs: now }, policy: policyResult.policy };
}
