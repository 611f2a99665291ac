import { anyOf, type NamedSelector } from '../sites/selector';

export interface ObserveOptions {
  signal: AbortSignal;
  root?: ParentNode & Node;
}

/**
 * Calls `onElement` once for every element matching `target`, now and whenever one appears.
 * Mutations are coalesced to one query per animation frame, so a busy chat page (many messages a
 * second) costs one querySelectorAll per frame at most, and nothing when the page is idle.
 */
export function observe<T extends Element = Element>(
  target: NamedSelector | string,
  onElement: (element: T) => void,
  { signal, root = document }: ObserveOptions,
): void {
  if (signal.aborted) return;
  const css = typeof target === 'string' ? target : anyOf(target);
  const seen = new WeakSet<Element>();
  let scheduled = 0;

  const scan = () => {
    scheduled = 0;
    if (signal.aborted) return;
    for (const element of root.querySelectorAll<T>(css)) {
      if (seen.has(element)) continue;
      seen.add(element);
      try {
        onElement(element);
      } catch (error) {
        console.error('[kefu] observe callback failed', error);
      }
    }
  };

  const observer = new MutationObserver(() => {
    if (!scheduled) scheduled = requestAnimationFrame(scan);
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (scheduled) cancelAnimationFrame(scheduled);
  });
  scan();
}

/** Resolves with the first element matching `target`, or null on timeout/abort. */
export function waitForElement<T extends Element = Element>(
  target: NamedSelector | string,
  { signal, root = document, timeoutMs = 10_000 }: ObserveOptions & { timeoutMs?: number },
): Promise<T | null> {
  return new Promise((resolve) => {
    const inner = new AbortController();
    const done = (element: T | null) => {
      inner.abort();
      clearTimeout(timer);
      resolve(element);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    signal.addEventListener('abort', () => done(null), { once: true });
    observe<T>(target, (element) => done(element), { signal: inner.signal, root });
  });
}
