import { PLATFORMS, type Platform } from '../sites/platforms';
import { flagLegendSchema, type FlagLegend } from './schema';
import { FLAG_COLOUR_LABELS, SEMANTIC_FLAGS, type FlagColour, type SemanticFlag } from './vocabulary';

export { FLAG_COLOURS, FLAG_COLOUR_LABELS, SEMANTIC_FLAGS, SEMANTIC_FLAG_NAMES_ZH } from './vocabulary';
export type { FlagColour, SemanticFlag } from './vocabulary';

/**
 * The default legend. The seeds' legend is 灰 正常 · 红 发货需注意 · 蓝 换货 · 黄 问题件 · 紫 退货,
 * plus 绿 刷单 — replaced by 待跟进: fake orders are illegal (电子商务法 art 17 bans fabricated
 * transactions and reviews, 反不正当竞争法 art 8 bans false commercial publicity through them)
 * and every platform bans them, so the product has no such category.
 * The seeds say 紫红旗 and Taobao's API calls code 5 粉红色; the pages show it as purple.
 */
export const DEFAULT_FLAG_LEGEND: FlagLegend = {
  version: 1,
  flags: {
    normal: { colour: 'gray', label: { zh: '正常', en: 'Normal' } },
    'ship-attention': {
      colour: 'red',
      label: { zh: '发货需注意', en: 'Check before shipping' },
      description: '发货前查看备注：赠品、指定快递等承诺',
    },
    problem: {
      colour: 'yellow',
      label: { zh: '问题件', en: 'Problem order' },
      description: '破损、错发、少件、物流异常等待处理',
    },
    'follow-up': {
      colour: 'green',
      label: { zh: '待跟进', en: 'Follow-up needed' },
      description: '客服答应了后续要做的事，接待人负责跟进，不留给换班同事',
    },
    exchange: {
      colour: 'blue',
      label: { zh: '换货', en: 'Exchange' },
      description: '收到买家寄回的货后按备注换款/换码发出',
    },
    return: { colour: 'purple', label: { zh: '退货', en: 'Return' }, description: '收到退货验货入库后退款' },
  },
};

/** Which platform code shows which colour. A colour absent here does not exist on that platform. */
export interface PlatformFlagTable {
  codes: Partial<Record<FlagColour, number>>;
  /**
   * The colour an order without any flag reads as. Pinduoduo has no gray tag: "no tag" is gray.
   * Undefined when we cannot say (platform `other`).
   */
  unflaggedColour?: FlagColour;
  /** Where the codes were seen (public automation code and API docs, not our own live check). */
  source: string;
}

const SELLER_PAGES = 'shared/research/seller-pages.md (public automation code, 2026)';

export const PLATFORM_FLAG_TABLES: Record<Platform, PlatformFlagTable> = {
  taobao: {
    codes: { gray: 0, red: 1, yellow: 2, green: 3, blue: 4, purple: 5 },
    unflaggedColour: 'gray',
    source: `${SELLER_PAGES}; taobao.trade.memo.update flag 0–5`,
  },
  tmall: {
    codes: { gray: 0, red: 1, yellow: 2, green: 3, blue: 4, purple: 5 },
    unflaggedColour: 'gray',
    source: `${SELLER_PAGES}; Tmall shares Taobao's trade system`,
  },
  jd: {
    codes: { gray: 0, red: 1, yellow: 2, green: 3, blue: 4, purple: 5 },
    unflaggedColour: 'gray',
    source: `${SELLER_PAGES} (商家备注 levels)`,
  },
  pdd: {
    codes: { red: 1, yellow: 2, green: 3, blue: 4, purple: 5 },
    unflaggedColour: 'gray',
    source: `${SELLER_PAGES}; pdd.order.note.update tag 1–5`,
  },
  douyin: {
    // NOT Taobao's order.
    codes: { gray: 0, purple: 1, cyan: 2, green: 3, orange: 4, red: 5 },
    unflaggedColour: 'gray',
    source: `${SELLER_PAGES} (抖店 star values; no API doc seen)`,
  },
  other: { codes: {}, source: 'unknown site: no flag codes' },
};

/**
 * Nearest colours to use, in order, when a platform lacks the legend's colour
 * (Douyin has no blue and no yellow: exchange goes to cyan, problem to orange).
 * Gray has none on purpose: a missing gray means "no flag".
 */
export const COLOUR_FALLBACKS: Record<FlagColour, readonly FlagColour[]> = {
  gray: [],
  red: ['orange'],
  yellow: ['orange'],
  green: ['cyan'],
  blue: ['cyan'],
  purple: ['blue'],
  cyan: ['blue', 'green'],
  orange: ['yellow', 'red'],
};

export interface ResolvedFlag {
  flag: SemanticFlag;
  /** The colour the legend gives this flag. */
  colour: FlagColour;
  /** The platform's code to select; null means "leave the order without a flag". */
  code: number | null;
  /** The colour the platform will actually show (differs from `colour` after a fallback). */
  shownColour?: FlagColour;
  fallback: boolean;
  /** Chinese note for the UI when the platform cannot show the legend's colour as is. */
  note?: string;
}

export interface PlatformFlagMapping {
  platform: Platform;
  byFlag: Record<SemanticFlag, ResolvedFlag>;
  byCode: ReadonlyMap<number, SemanticFlag>;
  /** The flag an order without any flag means, if any. */
  unflagged?: SemanticFlag;
}

export class UnknownPlatformError extends Error {
  constructor(readonly platform: unknown) {
    super(`未知平台「${String(platform)}」，可用：${PLATFORMS.join('、')}`);
    this.name = 'UnknownPlatformError';
  }
}

function tableFor(platform: Platform): PlatformFlagTable {
  // Guards callers outside TypeScript (messages, packs) from a silent undefined.
  if (!Object.hasOwn(PLATFORM_FLAG_TABLES, platform)) throw new UnknownPlatformError(platform);
  return PLATFORM_FLAG_TABLES[platform];
}

/**
 * Maps every semantic flag of a legend to a platform code, by colour. Colours the platform has
 * are taken first, then missing colours take their first free fallback, so two flags never
 * share a code and a code read back off the page means exactly one flag.
 */
export function resolveFlagMapping(
  platform: Platform,
  legend: FlagLegend = DEFAULT_FLAG_LEGEND,
): PlatformFlagMapping {
  // Recomputed on every call (six flags): no cache to go stale when a lead edits the legend.
  const table = tableFor(platform);

  const taken = new Set<number>();
  const byFlag = {} as Record<SemanticFlag, ResolvedFlag>;
  const byCode = new Map<number, SemanticFlag>();
  let unflagged: SemanticFlag | undefined;
  const pending: SemanticFlag[] = [];

  for (const flag of SEMANTIC_FLAGS) {
    const colour = legend.flags[flag].colour;
    const code = table.codes[colour];
    if (code !== undefined) {
      byFlag[flag] = { flag, colour, code, shownColour: colour, fallback: false };
      taken.add(code);
      byCode.set(code, flag);
      if (colour === table.unflaggedColour) unflagged = flag;
    } else if (colour === table.unflaggedColour) {
      byFlag[flag] = {
        flag,
        colour,
        code: null,
        shownColour: colour,
        fallback: false,
        note: `该平台没有${FLAG_COLOUR_LABELS[colour].zh}色标记：不插旗即为「${legend.flags[flag].label.zh}」`,
      };
      unflagged = flag;
    } else {
      pending.push(flag);
    }
  }

  for (const flag of pending) {
    const colour = legend.flags[flag].colour;
    const name = legend.flags[flag].label.zh;
    const substitute = COLOUR_FALLBACKS[colour].find((c) => {
      const code = table.codes[c];
      return code !== undefined && !taken.has(code);
    });
    const code = substitute === undefined ? undefined : table.codes[substitute];
    if (substitute !== undefined && code !== undefined) {
      taken.add(code);
      byCode.set(code, flag);
      byFlag[flag] = {
        flag,
        colour,
        code,
        shownColour: substitute,
        fallback: true,
        note: `该平台没有${FLAG_COLOUR_LABELS[colour].zh}旗，「${name}」用${FLAG_COLOUR_LABELS[substitute].zh}旗代替`,
      };
    } else {
      byFlag[flag] = {
        flag,
        colour,
        code: null,
        fallback: true,
        note:
          Object.keys(table.codes).length === 0
            ? '该网站不支持旗帜'
            : `该平台没有${FLAG_COLOUR_LABELS[colour].zh}旗，也没有空闲的相近颜色，「${name}」无法插旗，请只写备注`,
      };
    }
  }

  // Same key order as SEMANTIC_FLAGS, whatever order the fallbacks were resolved in.
  const ordered = Object.fromEntries(SEMANTIC_FLAGS.map((flag) => [flag, byFlag[flag]])) as typeof byFlag;
  return { platform, byFlag: ordered, byCode, unflagged };
}

/**
 * The platform code for a semantic flag, or null when the order should carry no flag
 * (Pinduoduo's `normal`, or a colour the platform cannot show — see `resolveFlagMapping` notes).
 */
export function flagCodeFor(
  platform: Platform,
  semanticFlag: SemanticFlag,
  legend?: FlagLegend,
): number | null {
  const resolved = resolveFlagMapping(platform, legend).byFlag[semanticFlag];
  if (!resolved) throw new Error(`未知旗帜「${String(semanticFlag)}」，可用：${SEMANTIC_FLAGS.join('、')}`);
  return resolved.code;
}

/**
 * What a flag code read off a page means; null/undefined is "no flag set".
 * Undefined when the code means nothing in this legend (e.g. a colour the shop does not use).
 */
export function semanticFlagFor(
  platform: Platform,
  code: number | null | undefined,
  legend?: FlagLegend,
): SemanticFlag | undefined {
  const mapping = resolveFlagMapping(platform, legend);
  if (code === null || code === undefined) return mapping.unflagged;
  return mapping.byCode.get(code);
}

/** Every flag's Chinese name in a legend (suggestion reasons speak the team's words). */
export function legendNames(legend: FlagLegend = DEFAULT_FLAG_LEGEND): Record<SemanticFlag, string> {
  return Object.fromEntries(SEMANTIC_FLAGS.map((f) => [f, legend.flags[f].label.zh])) as Record<
    SemanticFlag,
    string
  >;
}

/** How the return checklist names a flag under the legend in force: `退货（紫旗）`. */
export function checklistFlagLabel(flag: SemanticFlag, legend: FlagLegend = DEFAULT_FLAG_LEGEND): string {
  const entry = legend.flags[flag];
  return `${entry.label.zh}（${FLAG_COLOUR_LABELS[entry.colour].zh}旗）`;
}

/** The label a legend gives a flag (for chips and the composer). */
export function flagLabel(
  flag: SemanticFlag,
  legend: FlagLegend = DEFAULT_FLAG_LEGEND,
  lang: 'zh' | 'en' = 'zh',
) {
  const label = legend.flags[flag].label;
  return lang === 'en' ? (label.en ?? label.zh) : label.zh;
}

/**
 * Validates a lead's legend, falling back to nothing: callers decide whether to keep the
 * previous legend. Never throws.
 */
export function parseFlagLegend(
  input: unknown,
): { ok: true; legend: FlagLegend } | { ok: false; errors: { path: string; message: string }[] } {
  const result = flagLegendSchema.safeParse(input);
  if (result.success) return { ok: true, legend: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}
