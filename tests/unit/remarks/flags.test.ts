import { describe, expect, it } from 'vitest';
import { PLATFORMS, type Platform } from '../../../lib/sites/platforms';
import {
  DEFAULT_FLAG_LEGEND,
  FLAG_COLOURS,
  PLATFORM_FLAG_TABLES,
  SEMANTIC_FLAGS,
  UnknownPlatformError,
  flagCodeFor,
  flagLabel,
  flagLegendSchema,
  parseFlagLegend,
  resolveFlagMapping,
  semanticFlagFor,
  type FlagLegend,
  type SemanticFlag,
} from '../../../lib/remarks';
import { flagLegendSchema as flagLegendSchemaFromSchemaFile } from '../../../lib/remarks/schema';

function relabel(
  changes: Partial<Record<SemanticFlag, Partial<FlagLegend['flags'][SemanticFlag]>>>,
): FlagLegend {
  const flags = structuredClone(DEFAULT_FLAG_LEGEND.flags);
  for (const [flag, change] of Object.entries(changes) as [SemanticFlag, object][]) {
    flags[flag] = { ...flags[flag], ...change };
  }
  return flagLegendSchema.parse({ flags });
}

describe('the default legend', () => {
  it('follows DESIGN.md: 灰 正常 · 红 发货需注意 · 黄 问题件 · 绿 待跟进 · 蓝 换货 · 紫 退货', () => {
    const summary = Object.fromEntries(
      SEMANTIC_FLAGS.map((f) => [f, [DEFAULT_FLAG_LEGEND.flags[f].colour, flagLabel(f)]]),
    );
    expect(summary).toEqual({
      normal: ['gray', '正常'],
      'ship-attention': ['red', '发货需注意'],
      problem: ['yellow', '问题件'],
      'follow-up': ['green', '待跟进'],
      exchange: ['blue', '换货'],
      return: ['purple', '退货'],
    });
    expect(flagLabel('follow-up', DEFAULT_FLAG_LEGEND, 'en')).toBe('Follow-up needed');
  });

  it('is valid under its own schema, exported from lib/remarks/schema.ts for packs', () => {
    expect(flagLegendSchemaFromSchemaFile).toBe(flagLegendSchema);
    expect(flagLegendSchema.parse(DEFAULT_FLAG_LEGEND)).toEqual(DEFAULT_FLAG_LEGEND);
  });

  it('has no fake-order (刷单) category', () => {
    expect(SEMANTIC_FLAGS).toHaveLength(6);
    expect(JSON.stringify(DEFAULT_FLAG_LEGEND)).not.toMatch(/刷单|fake|brush/i);
  });
});

describe('platform codes', () => {
  it.each(['taobao', 'tmall', 'jd'] as const)(
    '%s: 0 gray, 1 red, 2 yellow, 3 green, 4 blue, 5 purple',
    (p) => {
      expect(SEMANTIC_FLAGS.map((f) => flagCodeFor(p, f))).toEqual([0, 1, 2, 3, 4, 5]);
    },
  );

  it('pdd: no gray tag, so normal means "no tag"', () => {
    expect(flagCodeFor('pdd', 'normal')).toBeNull();
    expect(SEMANTIC_FLAGS.map((f) => flagCodeFor('pdd', f))).toEqual([null, 1, 2, 3, 4, 5]);
    expect(semanticFlagFor('pdd', null)).toBe('normal');
    expect(semanticFlagFor('pdd', undefined)).toBe('normal');
    expect(semanticFlagFor('pdd', 0)).toBeUndefined();
    expect(resolveFlagMapping('pdd').byFlag.normal.note).toContain('不插旗');
  });

  it('douyin maps by colour in its own order: 0 gray, 1 purple, 2 cyan, 3 green, 4 orange, 5 red', () => {
    expect(flagCodeFor('douyin', 'normal')).toBe(0);
    expect(flagCodeFor('douyin', 'return')).toBe(1); // purple
    expect(flagCodeFor('douyin', 'follow-up')).toBe(3); // green
    expect(flagCodeFor('douyin', 'ship-attention')).toBe(5); // red, not Taobao's 1
    // No blue or yellow on Douyin: documented fallbacks.
    expect(flagCodeFor('douyin', 'exchange')).toBe(2); // blue → cyan
    expect(flagCodeFor('douyin', 'problem')).toBe(4); // yellow → orange
    const { exchange, problem } = resolveFlagMapping('douyin').byFlag;
    expect(exchange).toMatchObject({ colour: 'blue', shownColour: 'cyan', fallback: true });
    expect(exchange.note).toContain('青旗代替');
    expect(problem).toMatchObject({ colour: 'yellow', shownColour: 'orange', fallback: true });
    expect(semanticFlagFor('douyin', 1)).toBe('return');
    expect(semanticFlagFor('douyin', 5)).toBe('ship-attention');
  });

  it.each(PLATFORMS.filter((p) => p !== 'other'))(
    '%s: every flag round-trips and codes are distinct',
    (p) => {
      const codes = SEMANTIC_FLAGS.map((f) => flagCodeFor(p, f));
      const numeric = codes.filter((c): c is number => c !== null);
      expect(new Set(numeric).size).toBe(numeric.length);
      for (const flag of SEMANTIC_FLAGS) {
        expect(semanticFlagFor(p, flagCodeFor(p, flag))).toBe(flag);
      }
      // Every code the platform offers reads back as some flag of the default legend.
      for (const code of Object.values(PLATFORM_FLAG_TABLES[p].codes)) {
        expect(SEMANTIC_FLAGS).toContain(semanticFlagFor(p, code));
      }
      expect(semanticFlagFor(p, 9)).toBeUndefined();
    },
  );

  it('other: no flags at all', () => {
    for (const flag of SEMANTIC_FLAGS) expect(flagCodeFor('other', flag)).toBeNull();
    expect(semanticFlagFor('other', 1)).toBeUndefined();
    expect(semanticFlagFor('other', null)).toBeUndefined();
    expect(resolveFlagMapping('other').byFlag.return.note).toBe('该网站不支持旗帜');
  });

  it('rejects an unknown platform or flag in Chinese', () => {
    expect(() => flagCodeFor('kuaishou' as Platform, 'return')).toThrow(UnknownPlatformError);
    expect(() => flagCodeFor('taobao', 'fake' as SemanticFlag)).toThrow('未知旗帜「fake」');
  });
});

describe('a team lead’s relabelled legend', () => {
  it('relabels a colour: 黄 now means 缺货', () => {
    const legend = relabel({ problem: { colour: 'yellow', label: { zh: '缺货', en: 'Out of stock' } } });
    expect(flagLabel('problem', legend)).toBe('缺货');
    expect(flagCodeFor('taobao', 'problem', legend)).toBe(2);
    expect(semanticFlagFor('jd', 2, legend)).toBe('problem');
  });

  it('swaps colours between flags and maps by the new colours on every platform', () => {
    const legend = relabel({ problem: { colour: 'green' }, 'follow-up': { colour: 'yellow' } });
    expect(flagCodeFor('taobao', 'problem', legend)).toBe(3);
    expect(flagCodeFor('taobao', 'follow-up', legend)).toBe(2);
    expect(flagCodeFor('douyin', 'problem', legend)).toBe(3);
    expect(flagCodeFor('douyin', 'follow-up', legend)).toBe(4); // yellow → orange
    for (const p of PLATFORMS.filter((x) => x !== 'other')) {
      for (const flag of SEMANTIC_FLAGS)
        expect(semanticFlagFor(p, flagCodeFor(p, flag, legend), legend)).toBe(flag);
    }
  });

  it('uses Douyin-only colours on other platforms through the next free fallback', () => {
    // follow-up on cyan: Taobao has no cyan, blue is taken by exchange, green is free.
    const legend = relabel({ 'follow-up': { colour: 'cyan' } });
    expect(flagCodeFor('douyin', 'follow-up', legend)).toBe(2);
    expect(resolveFlagMapping('taobao', legend).byFlag['follow-up']).toMatchObject({
      code: 3,
      shownColour: 'green',
      fallback: true,
    });
    expect(semanticFlagFor('taobao', 3, legend)).toBe('follow-up');
  });

  it('leaves a flag unflagged when no free colour is left, with a note', () => {
    // exchange blue and problem cyan: on Douyin cyan goes to problem, blue has no free fallback.
    const legend = relabel({ problem: { colour: 'cyan' } });
    const douyin = resolveFlagMapping('douyin', legend).byFlag;
    expect(douyin.problem.code).toBe(2);
    expect(douyin.exchange.code).toBeNull();
    expect(douyin.exchange.note).toContain('无法插旗');
  });

  it('validates: every flag has a palette colour, colours are distinct, labels are present', () => {
    const base = structuredClone(DEFAULT_FLAG_LEGEND);
    const duplicate = structuredClone(base);
    duplicate.flags['follow-up'].colour = 'yellow';
    expect(parseFlagLegend(duplicate)).toEqual({
      ok: false,
      errors: [
        { path: 'flags.follow-up.colour', message: '颜色「黄」已经用于「问题件」，「待跟进」请换一种颜色' },
      ],
    });

    const offPalette = structuredClone(base) as unknown as { flags: Record<string, { colour: string }> };
    offPalette.flags.return!.colour = 'pink';
    const r1 = parseFlagLegend(offPalette);
    expect(r1.ok).toBe(false);
    if (!r1.ok) {
      expect(r1.errors[0]?.path).toBe('flags.return.colour');
      expect(r1.errors[0]?.message).toContain('「退货」的颜色「pink」不在调色板里');
    }

    const missing = structuredClone(base) as unknown as { flags: Record<string, unknown> };
    delete missing.flags.exchange;
    const noColour = structuredClone(base) as unknown as { flags: Record<string, Record<string, unknown>> };
    delete noColour.flags.normal!.colour;
    noColour.flags.return!.label = { zh: '  ' };
    expect(parseFlagLegend(missing)).toEqual({
      ok: false,
      errors: [{ path: 'flags.exchange', message: '缺少「换货」的设置' }],
    });
    expect(parseFlagLegend(noColour)).toEqual({
      ok: false,
      errors: [
        { path: 'flags.normal.colour', message: '「正常」没有设置颜色' },
        { path: 'flags.return.label.zh', message: '「退货」的中文名称不能为空' },
      ],
    });
    expect(parseFlagLegend('灰 正常')).toEqual({
      ok: false,
      errors: [{ path: '', message: '旗帜说明必须是一个对象' }],
    });
  });

  it('accepts every palette colour', () => {
    const colours = [...FLAG_COLOURS].slice(2); // yellow … orange: six distinct colours
    const flags = structuredClone(DEFAULT_FLAG_LEGEND.flags);
    SEMANTIC_FLAGS.forEach((flag, i) => (flags[flag].colour = colours[i]!));
    expect(parseFlagLegend({ flags }).ok).toBe(true);
  });
});
