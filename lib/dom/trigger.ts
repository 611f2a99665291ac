/**
 * The phrase picker's trigger: `/` (or `、`, which a Chinese IME types for the same key) followed
 * by a query, right before the caret. Pure functions: no DOM, unit-tested on their own.
 *
 * A trigger counts only at the start of the text or after whitespace or punctuation, so `a/b`,
 * `1/2`, `2024/5/1` and `https://…` never open the picker, and neither does the enumeration comma
 * in `苹果、香蕉` (after a Han character).
 */

/** Longest query we still treat as a search; longer means the agent is just writing text. */
export const MAX_QUERY_LENGTH = 24;
/** How much text before the caret callers should read (query + trigger + the character before). */
export const TRIGGER_WINDOW = MAX_QUERY_LENGTH + 8;

export interface TriggerMatch {
  /** The trigger character that was typed. */
  trigger: string;
  /** What follows it, up to the caret. */
  query: string;
  /** Offset of the trigger inside the given text. */
  start: number;
  /** Characters from the trigger to the caret (trigger + query), what an insertion replaces. */
  length: number;
}

/** What a query may contain: letters (Han, pinyin, fullwidth), digits, `_`, `-`, pinyin `'`. */
const QUERY_CHAR = /[\p{L}\p{N}_\-'’]/u;
/** Whitespace, or punctuation and symbols other than the URL/path ones. */
const BREAK_BEFORE = /[\s\p{P}\p{S}]/u;
const URLISH_BEFORE = new Set([':', '/', '\\', '.', '@', '#', '&', '=', '%', '~', '_', '-', '+']);

/**
 * The trigger and query that end `before` (the text up to the caret), or null.
 * `startsField`: `before` begins at the start of the field (so position 0 counts as "the start"
 * and not "we did not read further back").
 */
export function findTrigger(
  before: string,
  triggers: readonly string[],
  startsField = before.length < TRIGGER_WINDOW,
): TriggerMatch | null {
  if (!before || triggers.length === 0) return null;
  // Walk back over query characters (code points, so an astral Han character is one step).
  let i = before.length;
  let chars = 0;
  while (i > 0) {
    const cp = before.codePointAt(i - 1) ?? 0;
    // A low surrogate: step over the whole pair.
    const width = i >= 2 && cp >= 0xdc00 && cp <= 0xdfff ? 2 : 1;
    const ch = before.slice(i - width, i);
    if (triggers.includes(ch)) break;
    if (!QUERY_CHAR.test(ch)) return null;
    if (++chars > MAX_QUERY_LENGTH) return null;
    i -= width;
  }
  if (i === 0) return null;
  const trigger = before[i - 1]!;
  const start = i - 1;
  if (start === 0) {
    if (!startsField) return null;
  } else {
    const prev = before[start - 1]!;
    if (triggers.includes(prev) || URLISH_BEFORE.has(prev) || !BREAK_BEFORE.test(prev)) return null;
  }
  const query = before.slice(i);
  return { trigger, query, start, length: before.length - start };
}

/** Whether a key event belongs to an IME composition (never ours to act on). */
export function isImeKeyEvent(
  event: Pick<KeyboardEvent, 'isComposing' | 'keyCode'>,
  composing = false,
): boolean {
  // keyCode 229: Chrome/Safari report it for keys the IME takes, also right after compositionend.
  return composing || event.isComposing || event.keyCode === 229;
}

/** What the picker does with a key while it is open; null: not ours, let it through. */
export type PickerKeyAction = 'next' | 'prev' | 'page-next' | 'page-prev' | 'pick' | 'close';

export function pickerKeyAction(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>,
): PickerKeyAction | null {
  switch (event.key) {
    case 'ArrowDown':
      return 'next';
    case 'ArrowUp':
      return 'prev';
    case 'PageDown':
      return 'page-next';
    case 'PageUp':
      return 'page-prev';
    // Every Enter: plain, Shift, Ctrl, Cmd — some chat boxes send on Ctrl+Enter.
    case 'Enter':
      return 'pick';
    case 'Tab':
      return event.shiftKey ? 'prev' : 'pick';
    case 'Escape':
      return 'close';
    default:
      return null;
  }
}

/** Text for a field that cannot hold line breaks (a single-line input): breaks become spaces. */
export function flattenLineBreaks(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
}
