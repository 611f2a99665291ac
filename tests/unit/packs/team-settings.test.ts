import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEAM_SETTINGS,
  cleanShopPolicy,
  computeTeamSettings,
  rankPacks,
  teamSettingsSchema,
  type TeamPackRecord,
} from '../../../lib/packs/team-settings';
import { DEFAULT_FLAG_LEGEND, resolveFlagMapping, type FlagLegend } from '../../../lib/remarks';
import { DEFAULT_REMARK_TEMPLATES } from '../../../lib/remarks/templates';
import { DEFAULT_WORDING_RULES, findWordingIssues } from '../../../lib/phrases/wording';
import { DEFAULT_REASONS } from '../../../lib/registers/reasons';
import { checkReturn } from '../../../lib/returns';
import { parsePack } from '../../../lib/packs';
import { samplePack } from './fixtures';

/** The default legend with 退货 and 换货 swapping colours (紫 ↔ 蓝). */
function swappedLegend(name = '本店旗帜'): FlagLegend {
  const flags = structuredClone(DEFAULT_FLAG_LEGEND.flags);
  flags.return = { ...flags.return, colour: 'blue', label: { zh: '退货退款' } };
  flags.exchange = { ...flags.exchange, colour: 'purple' };
  return { version: 1, name, flags };
}

function record(id: string, installedAt: number, pack: Partial<TeamPackRecord['pack']> = {}): TeamPackRecord {
  return { id, installedAt, pack: { name: `包${id}`, version: 1, ...pack } };
}

const fromPack = (id: string, version = 1) => ({ kind: 'pack', packId: id, name: `包${id}`, version });

describe('computeTeamSettings', () => {
  it('without packs gives the built-in defaults, each marked as default', () => {
    const s = computeTeamSettings([]);
    expect(s.legend).toEqual({ value: DEFAULT_FLAG_LEGEND, from: { kind: 'default' } });
    expect(s.shopPolicy).toEqual({ value: {}, from: { kind: 'default' } });
    expect(s.remarkTemplates.map((t) => t.template.id)).toEqual(DEFAULT_REMARK_TEMPLATES.map((t) => t.id));
    expect(s.wordingRules).toHaveLength(DEFAULT_WORDING_RULES.rules.length);
    expect(s.builtinWordingRules).toBe(true);
    expect(s.registerReasons.value).toEqual(DEFAULT_REASONS);
    expect(s.notes).toEqual([]);
    expect(s.packs).toEqual([]);
    expect(DEFAULT_TEAM_SETTINGS).toEqual(s);
  });

  it("a pack's legend, policy, templates, rules and reasons are used, with the pack as their source", () => {
    const parsed = parsePack(samplePack());
    if (!parsed.ok) throw new Error('fixture');
    const pack = parsed.pack;
    const s = computeTeamSettings([{ id: pack.id, installedAt: 1, pack }]);
    const from = { kind: 'pack', packId: pack.id, name: pack.name, version: pack.version };
    expect(s.legend).toEqual({ value: pack.flagLegend, from });
    expect(s.shopPolicy).toEqual({ value: pack.returnPolicy, from });
    for (const t of pack.remarkTemplates ?? []) {
      expect(s.remarkTemplates.find((x) => x.template.id === t.id)).toEqual({ template: t, from });
    }
    expect(s.registerReasons.returnFrom.filter((r) => r.from.kind === 'pack').map((r) => r.label)).toEqual(
      pack.registerReasons,
    );
    expect(s.packs).toEqual([{ id: pack.id, name: pack.name, version: pack.version }]);
    // What the protocol sends passes its own schema.
    expect(teamSettingsSchema.safeParse(s).success).toBe(true);
  });

  it('the most recently installed pack wins a whole part; ties go to the pack id A→Z', () => {
    const older = record('a', 100, { flagLegend: swappedLegend('A'), returnPolicy: { graceDays: 2 } });
    const newer = record('b', 200, { flagLegend: swappedLegend('B'), returnPolicy: { noReasonDays: 15 } });
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const s = computeTeamSettings(order);
      expect(s.legend.value.name).toBe('B');
      expect(s.legend.from).toEqual(fromPack('b'));
      // One policy, not a mix of two shops' promises.
      expect(s.shopPolicy.value).toEqual({ noReasonDays: 15 });
      expect(s.packs.map((p) => p.id)).toEqual(['b', 'a']);
    }
    const tie = computeTeamSettings([
      record('z', 5, { flagLegend: swappedLegend('Z') }),
      record('m', 5, { flagLegend: swappedLegend('M') }),
    ]);
    expect(tie.legend.value.name).toBe('M');
    expect(rankPacks([record('z', 5), record('m', 5), record('q', 9)]).map((r) => r.id)).toEqual([
      'q',
      'm',
      'z',
    ]);
  });

  it('a pack without the part, or with a broken one, leaves it to the next pack or the default', () => {
    const broken = { version: 1, flags: { normal: { colour: 'pink', label: { zh: '正常' } } } };
    const s = computeTeamSettings([
      record('new', 300, { flagLegend: broken }),
      record('mid', 200, {}),
      record('old', 100, { flagLegend: swappedLegend('old') }),
    ]);
    expect(s.legend.value.name).toBe('old');
    expect(s.legend.from).toEqual(fromPack('old'));
    expect(s.notes).toHaveLength(1);
    expect(s.notes[0]).toMatchObject({ part: 'legend', kind: 'invalid', from: fromPack('new') });
    const alone = computeTeamSettings([record('new', 300, { flagLegend: broken })]);
    expect(alone.legend).toEqual({ value: DEFAULT_FLAG_LEGEND, from: { kind: 'default' } });
  });

  it('templates and wording rules merge by id: the higher pack replaces in place, new ids are appended', () => {
    const gift = DEFAULT_REMARK_TEMPLATES.find((t) => t.id === 'gift')!;
    const lowGift = { ...gift, title: '低赠品' };
    const highGift = { ...gift, title: '高赠品' };
    const extra = { id: 'vip', title: '老客户', fields: [], body: '老客户，优先发货' };
    const s = computeTeamSettings([
      record('high', 20, { remarkTemplates: [highGift] }),
      record('low', 10, { remarkTemplates: [lowGift, extra] }),
    ]);
    const ids = s.remarkTemplates.map((t) => t.template.id);
    expect(ids.indexOf('gift')).toBe(0);
    expect(s.remarkTemplates[0]).toEqual({ template: highGift, from: fromPack('high') });
    expect(ids.at(-1)).toBe('vip');
    expect(s.remarkTemplates.at(-1)!.from).toEqual(fromPack('low'));
    expect(ids.filter((id) => id === 'gift')).toHaveLength(1);

    const rule = {
      id: 'shop-refund-word',
      kind: 'promise',
      pattern: '秒退款',
      message: '退款时间由平台决定',
    } as const;
    const override = { id: 'cold-you', kind: 'cold', pattern: '你', message: '本店要求称“您”' } as const;
    const r = computeTeamSettings([record('p', 1, { wordingRules: [rule, override] })]);
    expect(r.builtinWordingRules).toBe(true);
    expect(r.wordingRules).toHaveLength(DEFAULT_WORDING_RULES.rules.length + 1);
    expect(r.wordingRules.find((x) => x.rule.id === 'cold-you')).toEqual({
      rule: override,
      from: fromPack('p'),
    });
    const issues = findWordingIssues(
      '可以秒退款的',
      r.wordingRules.map((x) => x.rule),
    );
    expect(issues.map((i) => i.ruleId)).toEqual(['shop-refund-word']);
  });

  it('wordingRulesMode "replace" on the top pack with rules leaves the built-in rules out', () => {
    const rule = { id: 'x', kind: 'cold', pattern: '亲爱的', message: '本店不用“亲爱的”' } as const;
    const s = computeTeamSettings([
      record('top', 2, { wordingRules: [rule], wordingRulesMode: 'replace' }),
      record('other', 1, { wordingRules: [{ ...rule, id: 'y', pattern: '宝宝' }] }),
    ]);
    expect(s.builtinWordingRules).toBe(false);
    expect(s.wordingRules.map((r) => r.rule.id).sort()).toEqual(['x', 'y']);
    // A lower pack's "replace" is not the top pack's call.
    const t = computeTeamSettings([
      record('top', 2, { wordingRules: [rule] }),
      record('other', 1, { wordingRules: [{ ...rule, id: 'y' }], wordingRulesMode: 'replace' }),
    ]);
    expect(t.builtinWordingRules).toBe(true);
  });

  it('a bad template or rule is skipped with a note; the rest of the part is used', () => {
    const s = computeTeamSettings([
      record('p', 1, {
        remarkTemplates: [{ id: 'bad', title: '坏模板', fields: [], body: '送{gift}' }],
        wordingRules: [
          { id: 'r', kind: 'nonsense', pattern: 'x', message: 'y' },
          { id: 'ok', kind: 'cold', pattern: '嗯哼', message: '冷淡' },
        ],
        registerReasons: ['偏小一码', '', 42],
      }),
    ]);
    expect(s.remarkTemplates.some((t) => t.template.id === 'bad')).toBe(false);
    expect(s.wordingRules.some((r) => r.rule.id === 'ok')).toBe(true);
    expect(s.notes.map((n) => n.part).sort()).toEqual([
      'registerReasons',
      'registerReasons',
      'remarkTemplates',
      'wordingRules',
    ]);
    expect(s.notes.every((n) => /[\u4e00-\u9fff]/.test(n.message))).toBe(true);
  });

  it('return reasons: the team labels first, then the built-in ones, 其他 last, no duplicates', () => {
    const s = computeTeamSettings([
      record('new', 2, { registerReasons: ['偏小一码', '质量问题'] }),
      record('old', 1, { registerReasons: ['色差', '偏小一码', '其他'] }),
    ]);
    const labels = s.registerReasons.value.return;
    expect(labels.slice(0, 3)).toEqual(['偏小一码', '质量问题', '色差']);
    expect(labels.at(-1)).toBe('其他');
    expect(new Set(labels).size).toBe(labels.length);
    for (const d of DEFAULT_REASONS.return) expect(labels).toContain(d);
    expect(s.registerReasons.returnFrom.find((r) => r.label === '质量问题')!.from).toEqual(fromPack('new'));
    expect(s.registerReasons.returnFrom.find((r) => r.label === '色差')!.from).toEqual(fromPack('old'));
    expect(s.registerReasons.value.inquiry).toEqual(DEFAULT_REASONS.inquiry);
  });

  it('this computer’s own settings come below every pack and above the defaults', () => {
    const local = { shopPolicy: { returnShippingFree: true }, flagLegend: swappedLegend('本机') };
    const none = computeTeamSettings([], local);
    expect(none.shopPolicy).toEqual({ value: { returnShippingFree: true }, from: { kind: 'local' } });
    expect(none.legend.from).toEqual({ kind: 'local' });
    const withPack = computeTeamSettings([record('p', 1, { returnPolicy: { graceDays: 3 } })], local);
    expect(withPack.shopPolicy).toEqual({ value: { graceDays: 3 }, from: fromPack('p') });
    expect(withPack.legend.from).toEqual({ kind: 'local' });
  });
});

describe('shop policy: only more generous than the platform', () => {
  it('a stored pack asking for fewer than the legal 7 days is named as stricter and ignored', () => {
    const s = computeTeamSettings([
      record('strict', 1, { returnPolicy: { noReasonDays: 5, returnShippingFree: true } }),
    ]);
    // The generous part stays, the stricter part does not.
    expect(s.shopPolicy.value).toEqual({ returnShippingFree: true });
    expect(s.notes).toEqual([
      expect.objectContaining({ part: 'shopPolicy', kind: 'stricter', from: fromPack('strict') }),
    ]);
    expect(s.notes[0]!.message).toContain('7 天');
    // The engine then applies the platform's 7 days: signed 03-01, day 8 is still inside.
    const verdict = checkReturn(
      {
        platform: 'taobao',
        kind: 'return',
        reason: 'no_reason',
        signedAt: '2025-03-01T15:20:00+08:00',
        now: '2025-03-08T12:00:00+08:00',
        intact: true,
      },
      s.shopPolicy.value,
    );
    expect(verdict.eligible).toBe('yes');
  });

  it('a policy with only stricter or broken fields falls back to the next source', () => {
    const s = computeTeamSettings([
      record('strict', 2, { returnPolicy: { noReasonDays: 3 } }),
      record('fine', 1, { returnPolicy: { noReasonDays: 15 } }),
    ]);
    expect(s.shopPolicy).toEqual({ value: { noReasonDays: 15 }, from: fromPack('fine') });
    expect(cleanShopPolicy('nonsense').problems[0]!.kind).toBe('invalid');
    expect(cleanShopPolicy({ graceDays: -1 }).problems[0]).toMatchObject({
      field: 'graceDays',
      kind: 'invalid',
    });
  });

  it("a pack's legend decides the flag colour the platform code is taken from", () => {
    const s = computeTeamSettings([record('p', 1, { flagLegend: swappedLegend() })]);
    // Taobao: blue is code 4, purple 5.
    expect(resolveFlagMapping('taobao', s.legend.value).byFlag.return.code).toBe(4);
    expect(resolveFlagMapping('taobao').byFlag.return.code).toBe(5);
  });
});
