import { z } from 'zod';
import { PLATFORMS } from '../sites/platforms';

/**
 * The registers the seeds ask agents to keep: 询盘明细 (asked, did not buy), 未付款明细
 * (ordered, did not pay), 退货原因汇总 / 退货登记 (returns and exchanges). Times are epoch ms;
 * money is fen (integers). Reasons are plain text chosen from data (reasons.ts), so merged
 * exports from several agents group by the same words.
 */
export const REGISTER_KINDS = ['inquiry', 'unpaid', 'return', 'exchange'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export const REGISTER_LIMITS = { text: 500, short: 80, entriesMax: 50_000 } as const;

const epoch = z.number().int().min(0).max(8_640_000_000_000);
const short = z.string().trim().max(REGISTER_LIMITS.short, `不能超过 ${REGISTER_LIMITS.short} 个字`);
const text = z.string().trim().max(REGISTER_LIMITS.text, `不能超过 ${REGISTER_LIMITS.text} 个字`);
const fen = z.number().int('金额必须是整数（分）').min(0, '金额不能是负数').max(1_000_000_000);

const base = {
  id: z.string().min(1).max(80),
  createdAt: epoch,
  updatedAt: epoch,
  /** The agent who wrote it (settings.agentName), so a lead's merged report can tell them apart. */
  agent: short.optional(),
  platform: z.enum(PLATFORMS).optional(),
  buyerNick: short.optional(),
  orderId: short.optional(),
  note: text.optional(),
};

export const inquirySchema = z.object({
  ...base,
  kind: z.literal('inquiry'),
  /** 询盘时间. */
  at: epoch,
  itemTitle: text.optional(),
  question: text.optional(),
  /** Why the buyer did not buy. */
  reason: short.optional(),
});

export const unpaidSchema = z.object({
  ...base,
  kind: z.literal('unpaid'),
  amountFen: fen.optional(),
  reason: short.optional(),
  remindersSent: z.number().int().min(0).max(99).default(0),
  /** Set when the buyer finally paid (催付成功). */
  paidAt: epoch.optional(),
});

const returnFields = {
  ...base,
  reason: short.optional(),
  quality: z.boolean().default(false),
  trackingNo: short.optional(),
  amountFen: fen.optional(),
  /** When the warehouse received the goods. */
  receivedAt: epoch.optional(),
  /** When the refund (return) or the replacement (exchange) went out. */
  processedAt: epoch.optional(),
};
export const returnSchema = z.object({ ...returnFields, kind: z.literal('return') });
export const exchangeSchema = z.object({ ...returnFields, kind: z.literal('exchange') });

export const registerEntrySchema = z.discriminatedUnion('kind', [
  inquirySchema,
  unpaidSchema,
  returnSchema,
  exchangeSchema,
]);
export type RegisterEntry = z.output<typeof registerEntrySchema>;
export type InquiryEntry = z.output<typeof inquirySchema>;
export type UnpaidEntry = z.output<typeof unpaidSchema>;
export type ReturnEntry = z.output<typeof returnSchema> | z.output<typeof exchangeSchema>;

/** What a caller sends to add an entry: id and times are filled in by the repository. */
export const registerDraftSchema = z.looseObject({
  kind: z.enum(REGISTER_KINDS),
  id: z.string().min(1).max(80).optional(),
  createdAt: epoch.optional(),
});

export const FOLLOWUP_PRESETS = ['signed-3-days', 'unpaid-1-hour', 'next-morning', 'custom'] as const;
export type FollowupPreset = (typeof FOLLOWUP_PRESETS)[number];

export const followupSchema = z.object({
  id: z.string().min(1).max(80),
  dueAt: epoch,
  createdAt: epoch,
  title: z.string().trim().min(1, '请写明要跟进什么').max(REGISTER_LIMITS.short),
  body: text.optional(),
  /** The register entry it came from, if any. */
  entryId: z.string().max(80).optional(),
  orderId: short.optional(),
  buyerNick: short.optional(),
  status: z.enum(['open', 'done']).default('open'),
  /** Set once the background showed the notification, so it is raised once per due time. */
  notifiedAt: epoch.optional(),
  doneAt: epoch.optional(),
});
export type Followup = z.output<typeof followupSchema>;

export const KIND_LABELS: Record<RegisterKind, string> = {
  inquiry: '询盘',
  unpaid: '未付款',
  return: '退货',
  exchange: '换货',
};

/** zod issues → one Chinese line each, naming the field. */
export const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  kind: '类型',
  createdAt: '登记时间',
  updatedAt: '修改时间',
  agent: '客服',
  platform: '平台',
  buyerNick: '买家',
  orderId: '订单号',
  note: '备注',
  at: '询盘时间',
  itemTitle: '商品',
  question: '咨询问题',
  reason: '原因',
  amountFen: '金额',
  remindersSent: '催付次数',
  paidAt: '付款时间',
  quality: '质量问题',
  trackingNo: '退货单号',
  receivedAt: '收货时间',
  processedAt: '处理时间',
  title: '标题',
  dueAt: '提醒时间',
};

export function zodIssuesZh(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const label = FIELD_LABELS[key] ?? key;
    let message = issue.message;
    // Our own messages are Chinese; zod's built-in English ones are replaced.
    const own = /[\u4e00-\u9fff]/.test(message);
    if (issue.code === 'invalid_type' && !own) message = issue.input === undefined ? '必填' : '格式不对';
    else if (!own)
      message =
        issue.code === 'too_big' || issue.code === 'too_small' ? '长度或大小超出范围' : '不是可选的值';
    return { field: key, message: label ? `${label}：${message}` : message };
  });
}
