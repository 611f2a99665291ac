import { z } from 'zod';
import { PLATFORMS } from '../sites/platforms';

/**
 * The phrase model. Categories follow the seeds' work stages (售前/售中/售后/自动回复/异议处理);
 * a phrase may carry any category string so a pack can add its own.
 */
export const PHRASE_STAGES = ['售前', '售中', '售后', '自动回复', '异议处理'] as const;

export const DEFAULT_CATEGORIES: Record<(typeof PHRASE_STAGES)[number], readonly string[]> = {
  售前: ['欢迎', '议价', '尺码推荐', '关联推荐'],
  售中: ['催付', '发货时间', '物流查询', '地址确认'],
  售后: ['退货', '换货', '质量问题', '投诉安抚', '确认收货与好评'],
  自动回复: ['迎宾', '离开', '忙碌'],
  异议处理: ['太贵了', '我再考虑一下', '别家更便宜'],
};

export const PHRASE_LIMITS = {
  titleMax: 60,
  shortcutMax: 32,
  variantMax: 2000,
  variantsMax: 10,
  tagMax: 20,
  tagsMax: 20,
  categoryMax: 30,
} as const;

export const phraseSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mine') }),
  z.object({ kind: z.literal('starter') }),
  z.object({ kind: z.literal('pack'), packId: z.string().min(1), version: z.number().int().positive() }),
]);
export type PhraseSource = z.infer<typeof phraseSourceSchema>;

export const phraseSchema = z.object({
  id: z.string().min(1).max(100),
  title: z
    .string()
    .trim()
    .min(1, '标题不能为空')
    .max(PHRASE_LIMITS.titleMax, `标题不能超过 ${PHRASE_LIMITS.titleMax} 个字`),
  shortcut: z
    .string()
    .trim()
    .max(PHRASE_LIMITS.shortcutMax, `快捷码不能超过 ${PHRASE_LIMITS.shortcutMax} 个字符`)
    .regex(/^[\p{L}\p{N}_-]*$/u, '快捷码只能包含字母、数字、汉字、下划线和连字符')
    .optional(),
  /** "售后/退货" style: stage and category; free text so packs can add their own. */
  category: z.string().trim().max(PHRASE_LIMITS.categoryMax).optional(),
  tags: z.array(z.string().trim().min(1).max(PHRASE_LIMITS.tagMax)).max(PHRASE_LIMITS.tagsMax).optional(),
  variants: z
    .array(
      z
        .string()
        .refine((s) => s.trim().length > 0, '话术内容不能为空')
        .refine(
          (s) => s.length <= PHRASE_LIMITS.variantMax,
          `每条话术不能超过 ${PHRASE_LIMITS.variantMax} 个字`,
        ),
    )
    .min(1, '至少需要一条话术')
    .max(PHRASE_LIMITS.variantsMax, `每个短语最多 ${PHRASE_LIMITS.variantsMax} 个变体`),
  /** Empty or absent: every platform. */
  platforms: z.array(z.enum(PLATFORMS)).optional(),
  source: phraseSourceSchema.default({ kind: 'mine' }),
  createdAt: z.number().int().nonnegative().optional(),
  updatedAt: z.number().int().nonnegative().optional(),
  usageCount: z.number().int().nonnegative().optional(),
  lastUsedAt: z.number().int().nonnegative().optional(),
  /** Set when the phrase is in the trash; restored by clearing it. */
  deletedAt: z.number().int().nonnegative().optional(),
});

export type Phrase = z.infer<typeof phraseSchema>;
export type PhraseInput = z.input<typeof phraseSchema>;
