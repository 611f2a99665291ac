import { describe, expect, it } from 'vitest';
import { fillFields, fillText, knownValues, todayZh } from '../../../lib/popup/fill';
import { topOf } from '../../../lib/popup/phrase-cache-write';
import type { PhraseRecord } from '../../../lib/store/db';

describe('the popup fills template variables before copying or inserting', () => {
  const known = knownValues(
    { agentName: '蔡蔡', shopName: '' },
    { 买家: 'm***o' },
    Date.UTC(2025, 7, 19, 17),
  ); // 20 Aug in Shanghai

  it('prefills from the page, the settings and today; defaults and required ones are told apart', () => {
    expect(todayZh(Date.UTC(2025, 7, 19, 17))).toBe('8月20日');
    const fields = fillFields('{买家|亲}您好，我是{客服}，{快递|中通}单号{单号}，{买家}', known);
    expect(fields).toEqual([
      { name: '买家', value: 'm***o', from: 'page', fallback: '亲' },
      { name: '客服', value: '蔡蔡', from: 'settings' },
      { name: '快递', value: '', from: 'none', fallback: '中通' },
      { name: '单号', value: '', from: 'none' },
    ]);
  });

  it('never leaves a literal {变量}: blanks become defaults, missing ones are reported', () => {
    expect(fillText('{买家|亲}，{快递|中通}单号{单号}', {})).toEqual({
      text: '亲，中通单号',
      missing: ['单号'],
    });
    expect(fillText('{买家|亲}，{快递|中通}单号{单号}', { 单号: 'SF1', 快递: '顺丰' })).toEqual({
      text: '亲，顺丰单号SF1',
      missing: [],
    });
  });
});

describe('the popup’s empty-query lists', () => {
  const p = (id: string, extra: Partial<PhraseRecord>): PhraseRecord => ({
    id,
    title: id,
    variants: ['x'],
    source: { kind: 'starter' },
    ...extra,
  });

  it('recent first, then the most used; before any use, in the order of the work, own phrases first', () => {
    const used = topOf([
      p('a', { usageCount: 9, lastUsedAt: 1 }),
      p('b', { usageCount: 1, lastUsedAt: 9 }),
      p('c', { usageCount: 5 }),
      p('gone', { usageCount: 99, lastUsedAt: 99, deletedAt: 1 }),
    ]);
    expect(used.recent.map((x) => x.id)).toEqual(['b', 'a']);
    expect(used.frequent.map((x) => x.id)).toEqual(['c']);

    const fresh = topOf([
      p('refund', { category: '售后/退货' }),
      p('hello', { category: '售前/欢迎' }),
      p('mine', { category: '售后/退货', source: { kind: 'mine' } }),
      p('ship', { category: '售中/发货时间' }),
    ]);
    expect(fresh.recent).toEqual([]);
    expect(fresh.frequent.map((x) => x.id)).toEqual(['mine', 'hello', 'ship', 'refund']);
  });
});
