import { describe, expect, it } from 'vitest';
import { deriveReadings, derivePhrasePinyin, withPinyin } from '../../../lib/phrases/pinyin';
import {
  PINYIN_VARIANT_CHARS,
  phrasePinyinSchema,
  pinyinFingerprint,
} from '../../../lib/phrases/search-core';

const primary = (readings: string) => readings.split(' ').map((t) => t.split('|')[0]);

describe('deriveReadings', () => {
  it('gives one token per UTF-16 code unit, empty for characters without a reading', () => {
    const r = deriveReadings('M码 ok');
    expect(r.split(' ')).toHaveLength('M码 ok'.length);
    expect(primary(r)).toEqual(['', 'ma', '', '', '']);
  });

  it('reads polyphones from their context', () => {
    expect(primary(deriveReadings('重新发货'))).toEqual(['chong', 'xin', 'fa', 'huo']);
    expect(primary(deriveReadings('银行卡'))[1]).toBe('hang');
    expect(primary(deriveReadings('行李箱'))[0]).toBe('xing');
    expect(primary(deriveReadings('好了'))[1]).toBe('le');
    expect(primary(deriveReadings('了解'))[0]).toBe('liao');
  });

  it('keeps the other reading of a polyphone as an alternate', () => {
    const [hai] = deriveReadings('还款').split(' ');
    expect(hai).toBe('hai|huan');
    expect(deriveReadings('重新').split(' ')[0]).toBe('chong|zhong');
  });

  it('writes ü as v, as people type it', () => {
    expect(primary(deriveReadings('绿色女装'))).toEqual(['lv', 'se', 'nv', 'zhuang']);
  });

  it('stays aligned across characters outside the BMP', () => {
    const text = '𠮷祥a重';
    const tokens = deriveReadings(text).split(' ');
    expect(tokens).toHaveLength(text.length);
    expect(tokens[2]).toBe('xiang');
    expect(primary(tokens.join(' '))[4]).toMatch(/^(zhong|chong)$/);
  });

  it('is empty for text without Chinese', () => {
    expect(deriveReadings('XL size 42')).toBe('');
  });
});

describe('derivePhrasePinyin', () => {
  const phrase = {
    title: '催发货',
    shortcut: 'cfh',
    category: '售中/发货时间',
    tags: ['发货', 'VIP'],
    variants: ['亲，仓库正在打包'.padEnd(PINYIN_VARIANT_CHARS + 20, '哦'), '第二条'],
  };

  it('caches title, category, tags and the head of the first variant, in the schema', () => {
    const py = derivePhrasePinyin(phrase);
    expect(phrasePinyinSchema.parse(py)).toEqual(py);
    expect(py.title).toBe('cui fa huo');
    expect(py.shortcut).toBeUndefined(); // latin shortcut: nothing to read
    expect(py.category?.split(' ')).toHaveLength(phrase.category.length);
    expect(py.tags).toEqual(['fa huo', '']);
    expect(py.variant?.split(' ')).toHaveLength(PINYIN_VARIANT_CHARS);
    expect(py.fp).toBe(pinyinFingerprint(phrase));
  });

  it('fingerprints the texts, so an edit makes the cache stale', () => {
    const before = pinyinFingerprint(phrase);
    expect(pinyinFingerprint({ ...phrase, title: '催发货！' })).not.toBe(before);
    expect(pinyinFingerprint({ ...phrase, tags: ['发货'] })).not.toBe(before);
    // only the head of the first variant is read: later text does not matter
    expect(pinyinFingerprint({ ...phrase, variants: [phrase.variants[0]!, '改了第二条'] })).toBe(before);
  });

  it('withPinyin reuses fresh readings and recomputes stale ones', () => {
    const cached = withPinyin(phrase);
    expect(withPinyin(cached)).toBe(cached);
    const edited = withPinyin({ ...cached, title: '退货' });
    expect(edited.py.title).toBe('tui huo');
  });
});
