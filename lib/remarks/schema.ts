import { z } from 'zod';
import { parseTemplatePattern, patternFieldNames, TEMPLATE_FIELD_NAME } from './template-pattern';
import {
  FLAG_COLOUR_LABELS,
  FLAG_COLOURS,
  SEMANTIC_FLAG_NAMES_ZH,
  SEMANTIC_FLAGS,
  type SemanticFlag,
} from './vocabulary';

/**
 * zod schemas for what team leads edit and packs ship: the flag legend and remark templates.
 * Messages are Chinese because they are shown to the lead who wrote the data.
 */

const PALETTE_TEXT = FLAG_COLOURS.map((c) => `${c}（${FLAG_COLOUR_LABELS[c].zh}）`).join('、');

export const FLAG_LABEL_MAX = 12;

function legendEntrySchema(flag: SemanticFlag) {
  const name = SEMANTIC_FLAG_NAMES_ZH[flag];
  return z.object(
    {
      colour: z.enum(FLAG_COLOURS, {
        error: (issue) =>
          issue.input === undefined
            ? `「${name}」没有设置颜色`
            : `「${name}」的颜色「${String(issue.input)}」不在调色板里，可用：${PALETTE_TEXT}`,
      }),
      label: z.object(
        {
          zh: z
            .string({ error: `「${name}」需要中文名称` })
            .trim()
            .min(1, `「${name}」的中文名称不能为空`)
            .max(FLAG_LABEL_MAX, `「${name}」的中文名称不能超过 ${FLAG_LABEL_MAX} 个字`),
          en: z.string().trim().max(40, `「${name}」的英文名称不能超过 40 个字符`).optional(),
        },
        { error: `「${name}」需要名称（label）` },
      ),
      /** What the warehouse should do when it sees this flag, in the lead's words. */
      description: z.string().trim().max(200, `「${name}」的说明不能超过 200 个字`).optional(),
    },
    { error: `缺少「${name}」的设置` },
  );
}

const legendFlagsShape = Object.fromEntries(
  SEMANTIC_FLAGS.map((flag) => [flag, legendEntrySchema(flag)]),
) as {
  [F in SemanticFlag]: ReturnType<typeof legendEntrySchema>;
};

/**
 * A shop's flag legend: every semantic flag gets one colour from the palette and a label.
 * Relabelling (e.g. make 黄 mean 缺货) is editing the label or swapping colours between flags.
 * Two flags may not share a colour: a flag read back off an order must mean one thing.
 */
export const flagLegendSchema = z
  .object(
    {
      version: z.literal(1, { error: '旗帜说明的版本只能是 1' }).optional(),
      name: z.string().trim().max(40, '旗帜说明的名称不能超过 40 个字').optional(),
      flags: z.object(legendFlagsShape, { error: '缺少旗帜设置（flags）' }),
    },
    { error: '旗帜说明必须是一个对象' },
  )
  .superRefine((legend, ctx) => {
    const owner = new Map<string, SemanticFlag>();
    for (const flag of SEMANTIC_FLAGS) {
      const colour = legend.flags[flag].colour;
      const first = owner.get(colour);
      if (first) {
        ctx.addIssue({
          code: 'custom',
          path: ['flags', flag, 'colour'],
          message: `颜色「${FLAG_COLOUR_LABELS[colour].zh}」已经用于「${SEMANTIC_FLAG_NAMES_ZH[first]}」，「${SEMANTIC_FLAG_NAMES_ZH[flag]}」请换一种颜色`,
        });
      } else {
        owner.set(colour, flag);
      }
    }
  });

export type FlagLegend = z.infer<typeof flagLegendSchema>;
export type FlagLegendEntry = FlagLegend['flags'][SemanticFlag];

// ---------------------------------------------------------------------------------------------
// Remark templates

const fieldBase = {
  name: z
    .string({ error: '字段需要名称（name）' })
    .regex(TEMPLATE_FIELD_NAME, '字段名只能用字母、汉字、数字和下划线，且不能以数字开头')
    .max(30, '字段名不能超过 30 个字符'),
  label: z
    .string({ error: '字段需要显示名称（label）' })
    .trim()
    .min(1, '字段的显示名称不能为空')
    .max(20, '字段的显示名称不能超过 20 个字'),
  /** Absent means optional. */
  required: z.boolean().optional(),
  hint: z.string().trim().max(100, '提示不能超过 100 个字').optional(),
};

const textFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('text'),
  maxLength: z.number().int().positive().max(500).optional(),
  defaultValue: z.string().optional(),
});

const numberFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('number'),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** Most digits after the point; 0 means a whole number. Absent: any. */
  decimals: z.number().int().min(0).max(6).optional(),
  /** Shown after the input box, e.g. 天 or 元; the body pattern carries its own wording. */
  unit: z.string().trim().max(6).optional(),
  defaultValue: z.number().finite().optional(),
});

const dateFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('date'),
});

const selectFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('select'),
  options: z
    .array(z.string().trim().min(1, '选项不能为空').max(30, '选项不能超过 30 个字'))
    .min(1, '下拉字段至少需要一个选项')
    .max(50, '下拉字段最多 50 个选项'),
  /** Lets the agent type a value that is not in the list (e.g. a courier the shop rarely uses). */
  allowCustom: z.boolean().optional(),
  defaultValue: z.string().optional(),
});

export const remarkTemplateFieldSchema = z
  .discriminatedUnion('kind', [textFieldSchema, numberFieldSchema, dateFieldSchema, selectFieldSchema], {
    error: '字段类型（kind）只能是 text、number、date 或 select',
  })
  .superRefine((field, ctx) => {
    if (field.kind === 'number') {
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
        ctx.addIssue({ code: 'custom', path: ['max'], message: `「${field.label}」的最大值不能小于最小值` });
      }
      const d = field.defaultValue;
      if (
        d !== undefined &&
        ((field.min !== undefined && d < field.min) || (field.max !== undefined && d > field.max))
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['defaultValue'],
          message: `「${field.label}」的默认值超出范围`,
        });
      }
    }
    if (field.kind === 'select') {
      if (new Set(field.options).size !== field.options.length) {
        ctx.addIssue({ code: 'custom', path: ['options'], message: `「${field.label}」的选项有重复` });
      }
      if (
        field.defaultValue !== undefined &&
        !field.allowCustom &&
        !field.options.includes(field.defaultValue)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['defaultValue'],
          message: `「${field.label}」的默认值不在选项里`,
        });
      }
    }
  });

export type RemarkTemplateField = z.infer<typeof remarkTemplateFieldSchema>;
export type RemarkTemplateFieldKind = RemarkTemplateField['kind'];

/**
 * A remark template: fields the agent fills and a body pattern (see template-pattern.ts) that
 * produces the `content` part of `接待客服姓名 客户要求或我们的承诺 接待日期`.
 * Pure data, so leads can edit it and packs can ship it.
 */
export const remarkTemplateSchema = z
  .object(
    {
      id: z
        .string({ error: '模板需要 id' })
        .min(1, '模板 id 不能为空')
        .max(100, '模板 id 不能超过 100 个字符')
        .regex(/^\S+$/u, '模板 id 不能包含空格'),
      title: z
        .string({ error: '模板需要标题' })
        .trim()
        .min(1, '模板标题不能为空')
        .max(30, '模板标题不能超过 30 个字'),
      titleEn: z.string().trim().max(60).optional(),
      description: z.string().trim().max(300, '模板说明不能超过 300 个字').optional(),
      fields: z.array(remarkTemplateFieldSchema).max(12, '一个模板最多 12 个字段'),
      body: z
        .string({ error: '模板需要内容（body）' })
        .min(1, '模板内容不能为空')
        .max(300, '模板内容不能超过 300 个字'),
      suggestedFlag: z
        .enum(SEMANTIC_FLAGS, { error: `建议旗帜只能是：${SEMANTIC_FLAGS.join('、')}` })
        .optional(),
    },
    { error: '模板必须是一个对象' },
  )
  .superRefine((template, ctx) => {
    const declared = new Set<string>();
    template.fields.forEach((field, index) => {
      if (declared.has(field.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'name'],
          message: `字段名「${field.name}」重复`,
        });
      }
      declared.add(field.name);
    });

    const parsed = parseTemplatePattern(template.body);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `模板内容有误：${parsed.error}` });
      return;
    }
    const used = patternFieldNames(parsed.tokens);
    for (const name of used) {
      if (!declared.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['body'], message: `模板内容用到了未定义的字段「${name}」` });
      }
    }
    const outsideGroups = new Set(parsed.tokens.flatMap((t) => (t.type === 'field' ? [t.name] : [])));
    template.fields.forEach((field, index) => {
      // An optional field outside [ ] would leave dangling words (`送` with no gift) when empty.
      const hasDefault = 'defaultValue' in field && field.defaultValue !== undefined;
      if (!field.required && !hasDefault && outsideGroups.has(field.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['body'],
          message: `选填字段「${field.label}」要放在 [ ] 里，不填时整段省略；或者把它设为必填`,
        });
      }
      if (!used.includes(field.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'name'],
          message: `字段「${field.label}」没有出现在模板内容里（用 {${field.name}} 引用）`,
        });
      }
    });
  });

export type RemarkTemplate = z.infer<typeof remarkTemplateSchema>;

/** A list of templates as a pack or the options page stores it: ids must be unique. */
export const remarkTemplateListSchema = z.array(remarkTemplateSchema).superRefine((templates, ctx) => {
  const seen = new Set<string>();
  templates.forEach((template, index) => {
    if (seen.has(template.id)) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `模板 id「${template.id}」重复` });
    }
    seen.add(template.id);
  });
});
