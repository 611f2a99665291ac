import { insertOverSelection, isTextControl, type EditableField } from './editable';

/**
 * Plain-text offsets in an editable field, so features can remember "characters 12–15" and find
 * them again after the focus went elsewhere (a contenteditable loses its selection when the
 * agent types into our inline form) or after the page's framework re-rendered the editor.
 *
 * Text controls: offsets into `.value`. Contenteditable: offsets into the concatenation of its
 * text nodes in document order — what Range.toString() gives; <br> and block boundaries add no
 * characters, which is fine for the short spans we look for (a trigger, a word).
 */

function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** The field's text in the same coordinates as the offsets here. */
export function plainText(el: EditableField): string {
  if (isTextControl(el)) return el.value;
  let s = '';
  for (const t of textNodes(el)) s += t.data;
  return s;
}

/** Offset of a DOM position (container, offset) inside `el`, or -1 when it is outside. */
function offsetOf(el: HTMLElement, container: Node, offset: number): number {
  if (!el.contains(container)) return -1;
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  range.setEnd(container, offset);
  return range.toString().length;
}

/** The caret (collapsed selection end) as an offset, or -1 when the selection is not in `el`. */
export function caretOffset(el: EditableField): number {
  if (isTextControl(el)) return el.selectionEnd ?? el.value.length;
  const sel = el.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0) return -1;
  const r = sel.getRangeAt(0);
  return offsetOf(el, r.endContainer, r.endOffset);
}

/** Whether the selection is collapsed (a caret, not a highlighted span) inside `el`. */
export function hasCaret(el: EditableField): boolean {
  if (isTextControl(el)) return el.selectionStart === el.selectionEnd;
  const sel = el.ownerDocument.getSelection();
  return !!sel && sel.rangeCount > 0 && sel.isCollapsed && el.contains(sel.anchorNode);
}

/**
 * Up to `max` characters before the caret and whether they reach the start of the field. In a
 * contenteditable this walks back from the caret's text node only as far as needed, so a long
 * conversation draft costs the same per keystroke as a short one.
 */
export function textBeforeCaretWindow(el: EditableField, max: number): { text: string; fromStart: boolean } {
  if (isTextControl(el)) {
    const end = el.selectionEnd ?? el.value.length;
    const from = Math.max(0, end - max);
    return { text: el.value.slice(from, end), fromStart: from === 0 };
  }
  const sel = el.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0) return { text: '', fromStart: false };
  const r = sel.getRangeAt(0);
  if (!el.contains(r.endContainer)) return { text: '', fromStart: false };
  let node: Node | null;
  let text = '';
  if (r.endContainer.nodeType === Node.TEXT_NODE) {
    text = (r.endContainer as Text).data.slice(0, r.endOffset);
    node = r.endContainer;
  } else {
    // The caret sits between children: start from the deepest last node before it.
    const child = r.endContainer.childNodes[r.endOffset - 1] ?? null;
    node = child ? deepestLast(child) : r.endContainer;
    if (node.nodeType === Node.TEXT_NODE) text = (node as Text).data;
  }
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  walker.currentNode = node;
  while (text.length < max) {
    const prev = walker.previousNode();
    if (!prev) return { text, fromStart: true };
    text = (prev as Text).data + text;
  }
  return { text: text.slice(text.length - max), fromStart: false };
}

function deepestLast(node: Node): Node {
  let n = node;
  while (n.lastChild) n = n.lastChild;
  return n;
}

/** A DOM Range for [start, end) in a contenteditable's text, or null when out of bounds. */
export function rangeAt(el: HTMLElement, start: number, end: number): Range | null {
  const doc = el.ownerDocument;
  const range = doc.createRange();
  let pos = 0;
  let startSet = false;
  const nodes = textNodes(el);
  for (const t of nodes) {
    const len = t.data.length;
    if (!startSet && start <= pos + len) {
      range.setStart(t, start - pos);
      startSet = true;
    }
    if (startSet && end <= pos + len) {
      range.setEnd(t, end - pos);
      return range;
    }
    pos += len;
  }
  if (start === pos && end === pos) {
    // Empty editor (or offsets at the very end with no text node): the end of the element.
    range.selectNodeContents(el);
    range.collapse(false);
    return range;
  }
  return null;
}

/** Selects [start, end) in the field (focusing it first). Returns false when out of bounds. */
export function selectSpan(el: EditableField, start: number, end: number): boolean {
  el.focus({ preventScroll: true });
  if (isTextControl(el)) {
    if (end > el.value.length) return false;
    el.setSelectionRange(start, end);
    return true;
  }
  const range = rangeAt(el, start, end);
  if (!range) return false;
  const sel = el.ownerDocument.getSelection();
  if (!sel) return false;
  sel.removeAllRanges();
  sel.addRange(range);
  return true;
}

/**
 * Replaces [start, end) of the field's text with `text` through the browser's editing command
 * (undo stack, the framework sees real input events), leaving the caret after it.
 * Returns null when the span is no longer there.
 */
export function replaceSpan(
  el: EditableField,
  start: number,
  end: number,
  text: string,
): 'command' | 'setter' | null {
  if (!selectSpan(el, start, end)) return null;
  return insertOverSelection(el, text);
}
