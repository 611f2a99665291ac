/**
 * The words the remark and flag code share: semantic flags and the colour palette.
 * Kept apart from flags.ts so the zod schemas can use them without an import cycle.
 */

/**
 * What a flag MEANS to the warehouse. The product only speaks in these; each platform's numeric
 * code is looked up through the shop's legend (colour) and the platform's colour table.
 *
 * There is deliberately no fake-order (刷单) flag, although the seeds' legend gives green to it:
 * fabricated transactions and reviews are illegal (电子商务法 art 17, 反不正当竞争法 art 8) and
 * banned by every platform, so green means 待跟进 (follow-up) instead.
 */
export const SEMANTIC_FLAGS = [
  'normal',
  'ship-attention',
  'problem',
  'follow-up',
  'exchange',
  'return',
] as const;
export type SemanticFlag = (typeof SEMANTIC_FLAGS)[number];

/**
 * Every colour any supported platform offers (Taobao/Tmall/JD/Pinduoduo use the first six,
 * Douyin adds cyan and orange and has no yellow or blue). A legend may only use these.
 */
export const FLAG_COLOURS = ['gray', 'red', 'yellow', 'green', 'blue', 'purple', 'cyan', 'orange'] as const;
export type FlagColour = (typeof FLAG_COLOURS)[number];

export const FLAG_COLOUR_LABELS: Record<FlagColour, { zh: string; en: string }> = {
  gray: { zh: '灰', en: 'gray' },
  red: { zh: '红', en: 'red' },
  yellow: { zh: '黄', en: 'yellow' },
  green: { zh: '绿', en: 'green' },
  blue: { zh: '蓝', en: 'blue' },
  purple: { zh: '紫', en: 'purple' },
  cyan: { zh: '青', en: 'cyan' },
  orange: { zh: '橙', en: 'orange' },
};

/** Default Chinese names, also used in validation messages ("「待跟进」没有设置颜色"). */
export const SEMANTIC_FLAG_NAMES_ZH: Record<SemanticFlag, string> = {
  normal: '正常',
  'ship-attention': '发货需注意',
  problem: '问题件',
  'follow-up': '待跟进',
  exchange: '换货',
  return: '退货',
};
