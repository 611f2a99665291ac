import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FLAG_LEGEND,
  DEFAULT_REMARK_TEMPLATES,
  FLAG_PRIORITY,
  legendNames,
  SEMANTIC_FLAGS,
  strongerFlag,
  suggestFlag,
  suggestFlagForReturnCheck,
  suggestFlagForTemplate,
  type ReturnCheckLike,
} from '../../../lib/remarks';

describe('suggestFlagForTemplate', () => {
  it.each([
    ['gift', 'ship-attention'],
    ['courier', 'ship-attention'],
    ['exchange', 'exchange'],
    ['return', 'return'],
    ['shipping-refund-alipay', 'follow-up'],
    ['extend-receipt', 'follow-up'],
    ['problem', 'problem'],
    ['follow-up', 'follow-up'],
  ])('%s → %s', (id, flag) => {
    expect(suggestFlagForTemplate(id)).toBe(flag);
  });

  it('looks in a lead’s own list and knows nothing of unknown ids', () => {
    expect(suggestFlagForTemplate('nope')).toBeUndefined();
    const mine = [{ ...DEFAULT_REMARK_TEMPLATES[0], id: 'mine', suggestedFlag: 'problem' as const }];
    expect(suggestFlagForTemplate('mine', mine)).toBe('problem');
    expect(suggestFlagForTemplate('gift', mine)).toBeUndefined();
  });
});

describe('suggestFlagForReturnCheck', () => {
  const cases: [ReturnCheckLike, string | null, string | undefined][] = [
    [{ kind: 'return', reason: 'no_reason', eligible: 'yes' }, 'return', undefined],
    [{ kind: 'return', reason: 'quality', eligible: 'yes' }, 'return', undefined],
    [{ kind: 'exchange', reason: 'no_reason', eligible: 'yes' }, 'exchange', undefined],
    [{ kind: 'exchange', reason: 'quality', eligible: 'yes' }, 'exchange', undefined],
    [{ kind: 'return', reason: 'no_reason', eligible: 'flexible' }, 'follow-up', 'return'],
    [{ kind: 'exchange', reason: 'quality', eligible: 'flexible' }, 'follow-up', 'exchange'],
    [{ kind: 'return', reason: 'no_reason', eligible: 'no' }, null, undefined],
    [{ kind: 'exchange', reason: 'no_reason', eligible: 'no' }, null, undefined],
    [{ kind: 'return', reason: 'quality', eligible: 'no' }, 'problem', undefined],
    [{ kind: 'exchange', reason: 'quality', eligible: 'no' }, 'problem', undefined],
  ];
  it.each(cases)('%j → %s', (check, flag, ifApproved) => {
    const suggestion = suggestFlagForReturnCheck(check);
    expect(suggestion.flag).toBe(flag);
    expect(suggestion.ifApproved).toBe(ifApproved);
    expect(suggestion.reason).toMatch(/[\u4e00-\u9fff]/u);
  });

  it('takes a return check result with extra fields as is', () => {
    const fromReturns = {
      platform: 'taobao',
      kind: 'exchange',
      reason: 'no_reason',
      signedAt: '2014-08-18T10:00:00+08:00',
      now: '2014-08-20T10:00:00+08:00',
      eligible: 'yes',
      deadline: '2014-08-26T00:00:00+08:00',
      returnShippingPayer: 'buyer',
      rules: ['T1'],
    } as const;
    expect(suggestFlagForReturnCheck(fromReturns).flag).toBe('exchange');
  });
});

describe('combining suggestions', () => {
  it('FLAG_PRIORITY ranks every semantic flag once', () => {
    expect([...FLAG_PRIORITY].sort()).toEqual([...SEMANTIC_FLAGS].sort());
  });

  it('strongerFlag', () => {
    expect(strongerFlag('follow-up', 'ship-attention')).toBe('ship-attention');
    expect(strongerFlag('return', 'problem')).toBe('return');
    expect(strongerFlag(undefined, 'normal')).toBe('normal');
    expect(strongerFlag(null, undefined)).toBeUndefined();
  });

  it('picks the strongest template flag', () => {
    expect(suggestFlag({ templateIds: ['extend-receipt', 'exchange'] })).toEqual({
      flag: 'exchange',
      reason: '模板「换货」',
    });
  });

  it('never replaces a stronger current flag with a weaker one', () => {
    const s = suggestFlag({ templateIds: ['extend-receipt'], current: 'exchange' });
    expect(s.flag).toBeNull();
    expect(s.reason).toContain('保留当前的「换货」');
    expect(suggestFlag({ templateIds: ['gift'], current: 'ship-attention' })).toEqual({
      flag: null,
      reason: '当前已是「发货需注意」',
    });
    expect(suggestFlag({ templateIds: ['problem'], current: 'follow-up' }).flag).toBe('problem');
  });

  it('carries the flag to use once a flexible case is approved', () => {
    expect(
      suggestFlag({
        returnCheck: { kind: 'exchange', reason: 'quality', eligible: 'flexible' },
        current: 'normal',
      }),
    ).toMatchObject({ flag: 'follow-up', ifApproved: 'exchange' });
  });

  it('suggests nothing when nothing applies', () => {
    expect(suggestFlag({})).toEqual({ flag: null, reason: '没有需要改的旗帜' });
    expect(suggestFlag({ returnCheck: { kind: 'return', reason: 'no_reason', eligible: 'no' } })).toEqual({
      flag: null,
      reason: '不符合退货条件：不用改旗帜',
    });
  });
});

describe("suggestion reasons in the legend's words", () => {
  it('names the flags as the team legend does', () => {
    const legend = structuredClone(DEFAULT_FLAG_LEGEND);
    legend.flags.return = { colour: 'blue', label: { zh: '退货退款' } };
    const s = suggestFlag({
      returnCheck: { kind: 'return', reason: 'no_reason', eligible: 'yes' },
      names: legendNames(legend),
    });
    expect(s).toMatchObject({ flag: 'return', reason: '可以退货：备注后标「退货退款」' });
    const kept = suggestFlag({ templateIds: ['return'], current: 'return', names: legendNames(legend) });
    expect(kept.reason).toBe('当前已是「退货退款」');
  });
});
