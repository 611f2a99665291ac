/**
 * Writing into the page's fields so that the page's framework sees it and the agent can undo it.
 *
 * The way that satisfies both is the browser's own editing command: `execCommand('insertText')`
 * replaces the selection like typing does, lands on the field's undo stack (Ctrl+Z) and fires
 * real `beforeinput`/`input` events that React, Vue and rich editors listen to. Where it is
 * refused (an unfocusable field, an old engine) we fall back to the native value setter plus a
 * bubbling `input` event — React's value tracker and Vue's v-model both notice that — at the
 * cost of undo.
 */

export type EditableField = HTMLTextAreaElement | HTMLInputElement | HTMLElement;

const TEXT_INPUT_TYPES = new Set(['text', 'search', '']);

export function isTextControl(el: Element): el is HTMLTextAreaElement | HTMLInputElement {
  if (el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type);
}

export function isEditable(el: Element | null): el is EditableField {
  if (!el) return false;
  if (isTextControl(el)) return !el.readOnly && !el.disabled;
  return el instanceof HTMLElement && el.isContentEditable;
}

/** The editable element that owns the focus, looking through open shadow roots. */
export function focusedEditable(doc: Document = document): EditableField | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active) return null;
  if (isEditable(active)) return active;
  // A contenteditable child (e.g. a <p> inside the editor) is never the activeElement itself,
  // but the editor root is; nothing more to do here.
  return null;
}

export function fieldText(el: EditableField): string {
  return isTextControl(el) ? el.value : (el.innerText ?? el.textContent ?? '');
}

/** Sets a text control's value through the native setter and tells the framework. */
export function setControlValue(el: HTMLTextAreaElement | HTMLInputElement, value: string): void {
  const proto =
    el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Characters before the caret in a text control or contenteditable (for trigger detection). */
export function textBeforeCaret(el: EditableField, max = 64): string {
  if (isTextControl(el)) {
    const end = el.selectionStart ?? el.value.length;
    return el.value.slice(Math.max(0, end - max), end);
  }
  const selection = el.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0) return '';
  const range = selection.getRangeAt(0);
  if (!el.contains(range.endContainer)) return '';
  const before = el.ownerDocument.createRange();
  before.selectNodeContents(el);
  before.setEnd(range.endContainer, range.endOffset);
  const text = before.toString();
  return text.slice(Math.max(0, text.length - max));
}

/**
 * Replaces the `replaceCount` characters before the caret (the typed trigger and query) with
 * `text`, leaving everything else the agent typed, and the caret after the insertion.
 * Returns how it was done, so callers can tell the agent when undo is not available.
 */
export function replaceBeforeCaret(
  el: EditableField,
  replaceCount: number,
  text: string,
): 'command' | 'setter' {
  el.focus();
  if (isTextControl(el)) {
    const end = el.selectionEnd ?? el.value.length;
    const start = Math.max(0, (el.selectionStart ?? end) - replaceCount);
    el.setSelectionRange(start, end);
    if (runInsertText(el.ownerDocument, text) && el.value.slice(start, start + text.length) === text) {
      return 'command';
    }
    const value = el.value.slice(0, start) + text + el.value.slice(end);
    setControlValue(el, value);
    el.setSelectionRange(start + text.length, start + text.length);
    return 'setter';
  }
  const doc = el.ownerDocument;
  const selection = doc.getSelection();
  if (selection && selection.rangeCount > 0 && replaceCount > 0) {
    for (let i = 0; i < replaceCount; i++) selection.modify('extend', 'backward', 'character');
  }
  if (runInsertText(doc, text)) return 'command';
  // Last resort for editors that refuse the command: plain text node at the caret.
  const range = selection?.rangeCount ? selection.getRangeAt(0) : null;
  if (range) {
    range.deleteContents();
    range.insertNode(doc.createTextNode(text));
    range.collapse(false);
  } else {
    el.append(doc.createTextNode(text));
  }
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  return 'setter';
}

/**
 * Appends `text` at the very end of a field, keeping every character already there (remarks are
 * never overwritten). The caret ends after the appended text.
 */
export function appendToField(el: EditableField, text: string): 'command' | 'setter' {
  el.focus();
  if (isTextControl(el)) {
    const before = el.value;
    const end = before.length;
    el.setSelectionRange(end, end);
    if (runInsertText(el.ownerDocument, text) && el.value === before + text) return 'command';
    setControlValue(el, before + text);
    return 'setter';
  }
  const selection = el.ownerDocument.getSelection();
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  range.collapse(false);
  selection?.removeAllRanges();
  selection?.addRange(range);
  return replaceBeforeCaret(el, 0, text);
}

/**
 * Replaces the field's current selection (select first, e.g. text-range.ts selectSpan) with
 * `text` like typing: one undo step, real input events. A single-line input gets its line breaks
 * as spaces (its value sanitizer would drop them and glue the lines). Falls back like above.
 */
export function insertOverSelection(el: EditableField, text: string): 'command' | 'setter' {
  const doc = el.ownerDocument;
  if (isTextControl(el)) {
    const value = el instanceof HTMLInputElement ? text.replace(/[ \t]*\r?\n[ \t]*/g, ' ') : text;
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    const before = el.value;
    if (runInsertText(doc, value) && el.value === before.slice(0, start) + value + before.slice(end)) {
      return 'command';
    }
    setControlValue(el, before.slice(0, start) + value + before.slice(end));
    el.setSelectionRange(start + value.length, start + value.length);
    return 'setter';
  }
  return replaceBeforeCaret(el, 0, text);
}

function runInsertText(doc: Document, text: string): boolean {
  try {
    // Deprecated on paper, but still the only way to edit like a user: undo stack + real events.
    return doc.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}
