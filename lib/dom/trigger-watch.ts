import { isEditable, type EditableField } from './editable';
import type { KeyGuard } from './key-guard';
import { hasCaret, textBeforeCaretWindow } from './text-range';
import { findTrigger, TRIGGER_WINDOW, type TriggerMatch } from './trigger';

/**
 * Watches every editable field of the frame for "trigger + query before the caret", IME-aware:
 * - nothing is looked at during a composition (the field then holds raw pinyin like `、cuifa`);
 *   the check runs once the composition ends, on the committed text (`、催发`);
 * - Chrome fires its last `input` of a composition BEFORE compositionend, so compositionend
 *   schedules a check of its own.
 * Per keystroke this reads a few dozen characters before the caret, nothing more.
 */

export interface TriggerWatchOptions {
  signal: AbortSignal;
  guard: KeyGuard;
  triggers(): readonly string[];
  /** Events from our own UI (the picker's form) are not the agent typing in the page. */
  isOurs(event: Event): boolean;
  /** A trigger and query end right before the caret in `field`. */
  onMatch(field: EditableField, match: TriggerMatch): void;
  /** The field changed and no trigger is before the caret any more. */
  onNoMatch(field: EditableField): void;
  /** Whether a picker is open (selection moves are only checked then: idle pages pay nothing). */
  active(): boolean;
}

/** The editing host of a node inside a contenteditable (or the text control itself). */
export function editableFrom(target: EventTarget | null | undefined): EditableField | null {
  if (!(target instanceof Element)) return null;
  if (isEditable(target) && !(target instanceof HTMLElement && target.isContentEditable)) return target;
  if (!(target instanceof HTMLElement) || !target.isContentEditable) return null;
  let host: HTMLElement = target;
  while (host.parentElement?.isContentEditable) host = host.parentElement;
  return host;
}

export function checkField(field: EditableField, triggers: readonly string[]): TriggerMatch | null {
  if (!hasCaret(field)) return null;
  const { text, fromStart } = textBeforeCaretWindow(field, TRIGGER_WINDOW);
  return findTrigger(text, triggers, fromStart);
}

export function watchTriggers(o: TriggerWatchOptions): void {
  const check = (field: EditableField) => {
    if (o.guard.composing()) return;
    const match = checkField(field, o.triggers());
    if (match) o.onMatch(field, match);
    else o.onNoMatch(field);
  };
  const fieldOf = (event: Event) => (o.isOurs(event) ? null : editableFrom(event.composedPath()[0]));
  const listen = { capture: true, signal: o.signal } as const;

  window.addEventListener(
    'input',
    (event) => {
      if ((event as InputEvent).isComposing || o.guard.composing()) return;
      const field = fieldOf(event);
      if (field) check(field);
    },
    listen,
  );
  window.addEventListener(
    'compositionend',
    (event) => {
      const field = fieldOf(event);
      // After the framework (Vue's v-model waits for compositionend too) has seen the text.
      if (field) setTimeout(() => !o.signal.aborted && check(field), 0);
    },
    listen,
  );
  document.addEventListener(
    'selectionchange',
    () => {
      if (!o.active()) return;
      const field = editableFrom(deepActive());
      if (field) check(field);
    },
    { signal: o.signal },
  );
}

/** The focused element, looking into open shadow roots. */
export function deepActive(doc: Document = document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
