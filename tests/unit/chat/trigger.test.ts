import { describe, expect, it } from 'vitest';
import {
  findTrigger,
  flattenLineBreaks,
  isImeKeyEvent,
  MAX_QUERY_LENGTH,
  pickerKeyAction,
} from '../../../lib/dom/trigger';

const T = ['/', '、'];

describe('findTrigger', () => {
  it('finds a trigger and its query right before the caret', () => {
    expect(findTrigger('/cfh', T)).toEqual({ trigger: '/', query: 'cfh', start: 0, length: 4 });
    expect(findTrigger('你好 /催发', T)).toEqual({ trigger: '/', query: '催发', start: 3, length: 3 });
    expect(findTrigger('、催fh', T)).toMatchObject({ trigger: '、', query: '催fh' });
    expect(findTrigger('/', T)).toMatchObject({ query: '', length: 1 });
  });

  it('opens after whitespace and punctuation, including Chinese punctuation and line breaks', () => {
    for (const before of ['好的 ', '好的，', '好的。', '好的！', '(', '「', '\n', '好的\u3000']) {
      expect(findTrigger(`${before}/th`, T), before).toMatchObject({ query: 'th' });
    }
  });

  it('does not open inside URLs, paths, dates, fractions or words', () => {
    for (const text of [
      'https://a.cn/x',
      'a.cn/x',
      'a/b',
      '1/2',
      '2024/5/1',
      'x_/y',
      '//y',
      '好的/cfh',
      'abc/',
    ]) {
      expect(findTrigger(text, T), text).toBeNull();
    }
  });

  it('does not take the enumeration comma for a trigger: 苹果、香蕉, 1、2', () => {
    expect(findTrigger('苹果、香蕉', T)).toBeNull();
    expect(findTrigger('1、2', T)).toBeNull();
    expect(findTrigger('、、x', T)).toBeNull();
  });

  it('stops at spaces and punctuation in the query, and at very long queries', () => {
    expect(findTrigger('/cf h', T)).toBeNull();
    expect(findTrigger('/催发，', T)).toBeNull();
    expect(findTrigger(`/${'a'.repeat(MAX_QUERY_LENGTH)}`, T)).toMatchObject({
      query: 'a'.repeat(MAX_QUERY_LENGTH),
    });
    expect(findTrigger(`/${'a'.repeat(MAX_QUERY_LENGTH + 1)}`, T)).toBeNull();
  });

  it('counts position 0 as the start only when the text reaches the start of the field', () => {
    expect(findTrigger('/cfh', T, true)).not.toBeNull();
    expect(findTrigger('/cfh', T, false)).toBeNull();
  });

  it('uses the configured triggers only; astral Han characters count once', () => {
    expect(findTrigger('#cfh', ['#'])).toMatchObject({ trigger: '#', query: 'cfh' });
    expect(findTrigger('#cfh', T)).toBeNull();
    expect(findTrigger('/𠮷野', T)).toMatchObject({ query: '𠮷野', length: 4 });
  });

  it('keeps pinyin apostrophes, fullwidth letters, shortcuts with - and _', () => {
    expect(findTrigger("/xi'an", T)).toMatchObject({ query: "xi'an" });
    expect(findTrigger('/ｃｆｈ', T)).toMatchObject({ query: 'ｃｆｈ' });
    expect(findTrigger('/yj-12_a', T)).toMatchObject({ query: 'yj-12_a' });
  });
});

describe('keys', () => {
  it('an IME composition owns its keys', () => {
    expect(isImeKeyEvent({ isComposing: true, keyCode: 13 })).toBe(true);
    expect(isImeKeyEvent({ isComposing: false, keyCode: 229 })).toBe(true);
    expect(isImeKeyEvent({ isComposing: false, keyCode: 13 }, true)).toBe(true);
    expect(isImeKeyEvent({ isComposing: false, keyCode: 13 })).toBe(false);
  });

  it('maps the picker keys; every Enter picks, other keys go to the page', () => {
    const k = (key: string, mods: Partial<KeyboardEvent> = {}) =>
      pickerKeyAction({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...mods });
    expect(k('ArrowDown')).toBe('next');
    expect(k('ArrowUp')).toBe('prev');
    expect(k('Enter')).toBe('pick');
    expect(k('Enter', { ctrlKey: true })).toBe('pick');
    expect(k('Enter', { shiftKey: true })).toBe('pick');
    expect(k('Tab')).toBe('pick');
    expect(k('Tab', { shiftKey: true })).toBe('prev');
    expect(k('Escape')).toBe('close');
    expect(k('a')).toBeNull();
    expect(k('ArrowLeft')).toBeNull();
    expect(k('Backspace')).toBeNull();
  });
});

describe('flattenLineBreaks', () => {
  it('turns line breaks (and the spaces around them) into one space', () => {
    expect(flattenLineBreaks('亲，第一行\n第二行')).toBe('亲，第一行 第二行');
    expect(flattenLineBreaks('a  \r\n  b\nc')).toBe('a b c');
  });
});
