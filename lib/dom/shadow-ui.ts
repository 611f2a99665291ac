import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptAppendMode } from 'wxt/utils/content-script-ui/types';
import type { FeatureContext } from '../features/types';
import themeCss from '../../components/theme.css?inline';

export interface ShadowUiOptions {
  /** kebab-case, becomes the host element's tag: `kefu-<name>`. */
  name: string;
  /** Component CSS (imported with `?inline`: nothing of ours is injected into the page's CSS). */
  css: string;
  anchor?: Element | null;
  append?: ContentScriptAppendMode;
  /** Fixed overlay in a corner instead of inline next to the anchor. */
  overlay?: boolean;
  /** Renders into the container; returns the cleanup. */
  render(container: HTMLElement, shadow: ShadowRoot): () => void;
}

/**
 * Mounts our UI in an open shadow root (styles isolated both ways, px units, explicit z-index),
 * key events kept from reaching the page's hotkeys, removed when the feature's run ends.
 */
export async function mountShadowUi(fc: FeatureContext, options: ShadowUiOptions) {
  const ui = await createShadowRootUi<() => void>(fc.ctx, {
    name: `kefu-${options.name}`,
    css: `${themeCss}\n${options.css}`,
    position: options.overlay ? 'modal' : 'inline',
    ...(options.overlay ? { zIndex: 2147483000 } : {}),
    anchor: options.anchor ?? document.body,
    append: options.append ?? 'last',
    isolateEvents: ['keydown', 'keyup', 'keypress', 'input'],
    onMount: (container, shadow) => options.render(container, shadow),
    onRemove: (cleanup) => cleanup?.(),
  });
  if (fc.signal.aborted) return ui;
  ui.mount();
  fc.signal.addEventListener('abort', () => ui.remove(), { once: true });
  return ui;
}

/** Times one row's UI is mounted again in a feature run before we stop fighting the page. */
const REMOUNTS_MAX = 20;
const remounts = new WeakMap<Element, number>();

/**
 * Mounts again when the site re-renders the inside of `row` and takes our element with it (Vue
 * and React patch a row's cells in place: the row stays, our host is gone). A row that is itself
 * replaced is a new row, which the caller's observer finds; this watcher then never fires again.
 */
export function remountWhenDropped(
  fc: FeatureContext,
  row: Element,
  ui: { shadowHost: Element; remove(): void },
  mount: () => Promise<unknown>,
): void {
  if (fc.signal.aborted) return;
  const watcher = new MutationObserver(() => {
    if (ui.shadowHost.isConnected) return;
    watcher.disconnect();
    ui.remove();
    const count = (remounts.get(row) ?? 0) + 1;
    remounts.set(row, count);
    if (!row.isConnected || fc.signal.aborted || count > REMOUNTS_MAX) return;
    void mount().catch((error: unknown) => console.warn('[kefu] mounting again failed', error));
  });
  watcher.observe(row, { childList: true, subtree: true });
  fc.signal.addEventListener('abort', () => watcher.disconnect(), { once: true });
}
