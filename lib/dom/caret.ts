import { isTextControl, type EditableField } from './editable';
import { rangeAt } from './text-range';

/** Where a character of a field is on screen (viewport coordinates of the field's document). */
export interface TextPoint {
  left: number;
  top: number;
  bottom: number;
}

/** The computed styles that decide where text wraps and how tall a line is. */
const MIRRORED = [
  'boxSizing',
  'width',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'borderStyle',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'fontVariant',
  'fontStretch',
  'fontFeatureSettings',
  'lineHeight',
  'letterSpacing',
  'wordSpacing',
  'textIndent',
  'textTransform',
  'tabSize',
  'wordBreak',
  'overflowWrap',
  'direction',
] as const;

/**
 * Position of the character at `offset` in a textarea/input: a textarea cannot tell where its
 * text is drawn, so we lay the same text out in an invisible copy with the same box and font (a
 * "mirror div") and measure a marker there. The mirror lives in `scratch` — our own shadow root —
 * so the page's DOM and its mutation observers never see it.
 */
function controlPoint(
  el: HTMLTextAreaElement | HTMLInputElement,
  offset: number,
  scratch: Element,
): TextPoint {
  const doc = el.ownerDocument;
  const style = doc.defaultView!.getComputedStyle(el);
  const mirror = doc.createElement('div');
  const ms = mirror.style;
  for (const prop of MIRRORED) ms[prop] = style[prop];
  ms.position = 'fixed';
  ms.left = '-10000px';
  ms.top = '0';
  ms.visibility = 'hidden';
  ms.overflow = 'hidden';
  ms.borderColor = 'transparent';
  const textarea = el instanceof HTMLTextAreaElement;
  ms.whiteSpace = textarea ? 'pre-wrap' : 'pre';
  if (textarea) ms.height = 'auto';
  mirror.textContent = el.value.slice(0, offset);
  const marker = doc.createElement('span');
  // The rest of the text, so wrapping at the marker matches (at least one character to measure).
  marker.textContent = el.value.slice(offset) || '\u200b';
  mirror.append(marker);
  scratch.append(mirror);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4 || 18;
  const rect = el.getBoundingClientRect();
  const left = rect.left + marker.offsetLeft - el.scrollLeft;
  const top = rect.top + marker.offsetTop - el.scrollTop;
  mirror.remove();
  const clampedTop = Math.min(Math.max(top, rect.top), rect.bottom - lineHeight);
  return {
    left: Math.min(Math.max(left, rect.left), rect.right),
    top: clampedTop,
    bottom: clampedTop + lineHeight,
  };
}

/** Position of the character at `offset` in a contenteditable: the text's own layout. */
function editablePoint(el: HTMLElement, offset: number): TextPoint {
  const fallback = el.getBoundingClientRect();
  const range = rangeAt(el, offset, offset);
  if (range) {
    // A collapsed range has an empty rect at some positions (after a <br>): ask the next character.
    const wide = rangeAt(el, offset, offset + 1);
    const rects = [range, wide].flatMap((r) => (r ? Array.from(r.getClientRects()) : []));
    const r = rects.find((x) => x.height > 0);
    if (r) return { left: r.left, top: r.top, bottom: r.bottom };
    const node = range.startContainer;
    const holder = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    if (holder && holder !== el) {
      const h = holder.getBoundingClientRect();
      return { left: h.left, top: h.top, bottom: Math.min(h.bottom, h.top + 24) };
    }
  }
  const style = el.ownerDocument.defaultView!.getComputedStyle(el);
  const top = fallback.top + (parseFloat(style.paddingTop) || 0);
  return {
    left: fallback.left + (parseFloat(style.paddingLeft) || 0),
    top,
    bottom: top + (parseFloat(style.lineHeight) || 20),
  };
}

/** Screen position of the character at `offset` of the field's text (text-range.ts offsets). */
export function textPoint(el: EditableField, offset: number, scratch: Element): TextPoint {
  return isTextControl(el) ? controlPoint(el, offset, scratch) : editablePoint(el, offset);
}

export interface PopupPlacement {
  left: number;
  /** CSS `top` when below the line, else null. */
  top: number | null;
  /** CSS `bottom` (from the viewport's bottom edge) when above the line, so it grows upward. */
  bottom: number | null;
  /** Opened above the line (not enough room below). */
  above: boolean;
  maxHeight: number;
}

/**
 * Where a popup of `width` × up to `height` px goes for a caret at `point`: below the line, or
 * above it when there is more room there (chat boxes sit at the bottom of the window), kept
 * inside the viewport.
 */
export function placePopup(
  point: TextPoint,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 6,
): PopupPlacement {
  const margin = 8;
  const below = viewport.height - point.bottom - gap - margin;
  const aboveRoom = point.top - gap - margin;
  const above = below < Math.min(size.height, 240) && aboveRoom > below;
  const room = Math.max(120, above ? aboveRoom : below);
  const maxHeight = Math.min(size.height, room);
  const left = Math.max(margin, Math.min(point.left - 12, viewport.width - size.width - margin));
  return above
    ? { left, top: null, bottom: viewport.height - (point.top - gap), above, maxHeight }
    : { left, top: point.bottom + gap, bottom: null, above, maxHeight };
}
