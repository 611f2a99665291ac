import { z } from 'zod';

/**
 * Reason categories are data: these defaults, plus whatever a team pack ships as
 * `registerReasons` (merged by `mergeReasons`). Entries store the label text itself, so a
 * lead merging several agents' exports groups by the same words even if one agent's list differs.
 */
export const registerReasonsSchema = z.object({
  return: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  inquiry: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  unpaid: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
});
export type RegisterReasons = Required<z.output<typeof registerReasonsSchema>>;

export const DEFAULT_REASONS: RegisterReasons = {
  // 退货原因汇总表: what comes back and why (return and exchange share the list).
  return: [
    '尺码不合适',
    '质量问题',
    '与描述不符',
    '不喜欢/不想要',
    '物流太慢',
    '拍错/多拍',
    '价格原因',
    '其他',
  ],
  // 询盘明细表: why someone who asked did not buy.
  inquiry: ['价格原因', '尺码/款式没有', '库存不足', '物流/发货慢', '还在比较', '不信任质量', '其他'],
  // 未付款明细表: why an order stayed unpaid.
  unpaid: ['忘记付款', '价格/优惠', '运费原因', '拍错/多拍', '余额不足', '改买别家', '联系不上', '其他'],
};

/** Defaults first, then a pack's extra labels (no duplicates, order kept). */
export function mergeReasons(...lists: Partial<RegisterReasons>[]): RegisterReasons {
  const out: RegisterReasons = { return: [], inquiry: [], unpaid: [] };
  for (const list of [DEFAULT_REASONS, ...lists]) {
    for (const key of ['return', 'inquiry', 'unpaid'] as const) {
      for (const label of list[key] ?? []) if (!out[key].includes(label)) out[key].push(label);
    }
  }
  return out;
}
