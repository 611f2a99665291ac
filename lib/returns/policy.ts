import { z } from 'zod';

/**
 * A shop's own return promises (店铺售后政策). They can only be MORE generous than the law and
 * the platform (a shop may not shorten the statutory 7 days), and every decision they change is
 * listed in the result's `rules` with a `P-…` id, so the UI can say "this came from shop policy".
 *
 * Imported by lib/packs (team leads publish the policy in a pack): keep the export names.
 */
export const shopPolicySchema = z.object({
  /** 换货运费各出一半: a no-reason exchange's shipping is split → returnShippingPayer 'split'. */
  exchangeShippingSplit: z.boolean({ error: '“换货运费各出一半”必须是开或关' }).optional(),
  /** 退货包运费: the shop pays return postage on no-reason returns → 'seller'. */
  returnShippingFree: z.boolean({ error: '“退货包运费”必须是开或关' }).optional(),
  /** 过敏包退: days (from the day after sign-for) in which an allergy return is accepted, e.g. 60. */
  allergyReturnDays: z
    .number({ error: '“过敏包退天数”必须是数字' })
    .int({ error: '“过敏包退天数”必须是整数' })
    .min(1, { error: '“过敏包退天数”至少 1 天' })
    .max(365, { error: '“过敏包退天数”不能超过 365 天' })
    .optional(),
  /** 灵活处理: a window missed by at most this many days turns 'no' into 'flexible'. */
  graceDays: z
    .number({ error: '“灵活处理宽限天数”必须是数字' })
    .int({ error: '“灵活处理宽限天数”必须是整数' })
    .min(0, { error: '“灵活处理宽限天数”不能为负数' })
    .max(30, { error: '“灵活处理宽限天数”不能超过 30 天' })
    .optional(),
  /** A longer no-reason window the shop promises (e.g. 15 天无理由); never below the legal 7. */
  noReasonDays: z
    .number({ error: '“无理由退换天数”必须是数字' })
    .int({ error: '“无理由退换天数”必须是整数' })
    .min(7, { error: '“无理由退换天数”不能少于法定的 7 天' })
    .max(365, { error: '“无理由退换天数”不能超过 365 天' })
    .optional(),
  /** When the lead last reviewed this policy (YYYY-MM-DD), shown as the P-rules' "as of". */
  asOf: z
    .string({ error: '“政策更新日期”必须是文字' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '“政策更新日期”格式应为 YYYY-MM-DD' })
    .optional(),
});

export type ShopPolicy = z.infer<typeof shopPolicySchema>;
export type ShopPolicyInput = z.input<typeof shopPolicySchema>;

/** No promises beyond law and platform. */
export const DEFAULT_SHOP_POLICY: ShopPolicy = {};

export type PolicyRuleId =
  'P-exchange-split' | 'P-return-shipping-free' | 'P-allergy' | 'P-grace' | 'P-no-reason-days';

/** How each override is explained in the UI (data, like the T-rules). */
export const POLICY_RULES: Record<PolicyRuleId, { title: string; text: string }> = {
  'P-exchange-split': {
    title: '换货运费各出一半',
    text: '本店承诺：无理由换货的来回运费由买卖双方各承担一半。',
  },
  'P-return-shipping-free': {
    title: '退货包运费',
    text: '本店承诺：无理由退货的退回运费由本店承担。',
  },
  'P-allergy': {
    title: '过敏包退',
    text: '本店承诺：使用后过敏的，在承诺天数内可以退货，不要求商品完好。',
  },
  'P-grace': {
    title: '灵活处理（宽限）',
    text: '已过时限但仍在本店设定的宽限天数内：可灵活处理，请按店铺规定决定，必要时请示主管。',
  },
  'P-no-reason-days': {
    title: '延长无理由退换期',
    text: '本店承诺的无理由退换天数长于法定的 7 天，按本店承诺执行。',
  },
};

export interface PolicyIssue {
  field: string;
  message: string;
}

/** Never throws: a bad policy is reported field by field, in Chinese. */
export function parseShopPolicy(
  value: unknown,
): { ok: true; policy: ShopPolicy } | { ok: false; errors: PolicyIssue[] } {
  const parsed = shopPolicySchema.safeParse(value ?? {});
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      field: ['policy', ...issue.path.map(String)].join('.'),
      message: issue.path.length === 0 ? '店铺政策必须是一个对象' : issue.message,
    })),
  };
}
