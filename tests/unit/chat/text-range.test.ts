// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  caretOffset,
  plainText,
  rangeAt,
  selectSpan,
  textBeforeCaretWindow,
} from '../../../lib/dom/text-range';

function editor(html: string): HTMLElement {
  document.body.textContent = '';
  const el = document.createElement('div');
  el.contentEditable = 'true';
  // Test markup only (no page or pack text): the structure a rich editor leaves behind.
  el.append(document.createRange().createContextualFragment(html));
  document.body.append(el);
  return el;
}

describe('text-range offsets in a contenteditable', () => {
  it('reads the text as its text nodes in order, and maps offsets back to a range', () => {
    const el = editor('<p>你好 <b>亲</b></p><p>/cfh</p>');
    expect(plainText(el)).toBe('你好 亲/cfh');
    const r = rangeAt(el, 4, 8)!;
    expect(r.toString()).toBe('/cfh');
    expect(rangeAt(el, 2, 4)!.toString()).toBe(' 亲');
    expect(rangeAt(el, 0, 99)).toBeNull();
  });

  it('puts the caret at an offset and reads the text before it, walking back only as needed', () => {
    const el = editor('<p>你好 <b>亲</b></p><p>/cfh</p>');
    expect(selectSpan(el, 8, 8)).toBe(true);
    expect(caretOffset(el)).toBe(8);
    expect(textBeforeCaretWindow(el, 4)).toEqual({ text: '/cfh', fromStart: false });
    expect(textBeforeCaretWindow(el, 32)).toEqual({ text: '你好 亲/cfh', fromStart: true });
  });

  it('an empty editor has offset 0 at its end', () => {
    const el = editor('');
    expect(rangeAt(el, 0, 0)).not.toBeNull();
    expect(plainText(el)).toBe('');
  });
});

describe('text-range offsets in a textarea', () => {
  it('uses the value and the selection', () => {
    document.body.textContent = '';
    const ta = document.createElement('textarea');
    document.body.append(ta);
    ta.value = '亲，第一行\n/cfh';
    expect(selectSpan(ta, ta.value.length, ta.value.length)).toBe(true);
    expect(caretOffset(ta)).toBe(ta.value.length);
    expect(textBeforeCaretWindow(ta, 4)).toEqual({ text: '/cfh', fromStart: false });
    expect(selectSpan(ta, 0, 99)).toBe(false);
  });
});
