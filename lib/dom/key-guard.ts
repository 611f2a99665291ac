import { isImeKeyEvent } from './trigger';

/**
 * Keeps keys away from the page while our picker has them. Chat boxes send on Enter, so while
 * the picker is open an Enter or an arrow must never reach the page's listeners: we listen on
 * `window` in the capture phase — the very first stop of every key event — and stop the event
 * there (stopImmediatePropagation + preventDefault).
 *
 * "First" also needs "registered before the page's": a page may itself listen on window in the
 * capture phase, and listeners on one target run in the order they were added. So a tiny
 * content script (entrypoints/key-guard.content.ts) installs this guard at document_start,
 * before any page script runs, and the features (document_idle) claim it later. Both content
 * scripts run in the extension's one isolated world per frame and find the same guard on a
 * global; if the early script did not run, the first claim installs it late, as a fallback.
 *
 * Nothing is taken during an IME composition (isComposing, keyCode 229, between
 * compositionstart and compositionend): the Enter that confirms a candidate belongs to the IME.
 */

export interface KeyOwner {
  /** A keydown while claimed (never during composition). Return true to take it from the page. */
  onKeyDown(event: KeyboardEvent): boolean;
  /** Events from inside our own UI: kept from the page, default actions (typing) still happen. */
  ownsTarget?(event: Event): boolean;
}

export interface KeyGuard {
  readonly version: number;
  /** Makes `owner` the one that sees keys first; returns the release function. */
  claim(owner: KeyOwner): () => void;
  /** Whether an IME composition is in progress in this frame. */
  composing(): boolean;
  /** Epoch ms (performance.now) of the last compositionend. */
  lastCompositionEnd(): number;
}

const GUARD_KEY = Symbol.for('kefu-kit.key-guard');
const VERSION = 1;

type GuardHolder = { [GUARD_KEY]?: KeyGuard };

function createKeyGuard(win: Window): KeyGuard {
  let owner: KeyOwner | null = null;
  let composing = false;
  let compositionEndedAt = -Infinity;
  /** Keys whose keydown we took: their keypress/keyup are taken too (some pages send on keyup). */
  const taken = new Set<string>();
  const keyId = (e: KeyboardEvent) => e.code || e.key;
  const stop = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };

  const opts = { capture: true } as const;
  win.addEventListener('compositionstart', () => (composing = true), opts);
  win.addEventListener(
    'compositionend',
    () => {
      composing = false;
      compositionEndedAt = performance.now();
    },
    opts,
  );
  // A field losing focus mid-composition may never tell us the composition ended.
  win.addEventListener('blur', () => (composing = false), opts);

  win.addEventListener(
    'keydown',
    (e) => {
      if (!owner) return;
      if (isImeKeyEvent(e, composing)) return;
      let mine = false;
      try {
        mine = owner.onKeyDown(e);
      } catch (error) {
        console.error('[kefu] key handler failed', error);
      }
      if (mine) {
        stop(e);
        taken.add(keyId(e));
      } else if (owner.ownsTarget?.(e)) {
        e.stopImmediatePropagation();
      }
    },
    opts,
  );
  const follow = (e: KeyboardEvent) => {
    if (taken.has(keyId(e))) {
      stop(e);
      if (e.type === 'keyup') taken.delete(keyId(e));
    } else if (owner?.ownsTarget?.(e)) {
      e.stopImmediatePropagation();
    }
  };
  win.addEventListener('keypress', follow, opts);
  win.addEventListener('keyup', follow, opts);

  return {
    version: VERSION,
    claim(next) {
      owner = next;
      return () => {
        if (owner === next) owner = null;
      };
    },
    composing: () => composing,
    lastCompositionEnd: () => compositionEndedAt,
  };
}

/** The frame's guard, installing it if the document_start script did not. */
export function installKeyGuard(win: Window = window): KeyGuard {
  const holder = globalThis as GuardHolder;
  const existing = holder[GUARD_KEY];
  if (existing && existing.version >= VERSION) return existing;
  const guard = createKeyGuard(win);
  holder[GUARD_KEY] = guard;
  return guard;
}
