import { browser } from 'wxt/browser';
import { isEditable, replaceBeforeCaret, type EditableField } from '../dom/editable';
import { tabProtocol, tabRequestSchema, type TabResponse } from '../messaging/tab-messages';
import type { SiteAdapter } from '../sites/types';
import { defineFeature } from './types';

/**
 * Lets the popup insert a phrase into the page. Opening the popup takes the focus away from the
 * page, so each frame remembers the last editable field focused in it (and when); the popup asks
 * every frame, picks the most recent one and inserts there, at the caret, like typing.
 *
 * Module-level on purpose: an SPA navigation re-runs the feature, but the field the agent clicked
 * into before it is still the one they mean.
 */
let last: { el: EditableField; at: number } | undefined;

/** The element that really got the focus, looking into open shadow roots. */
function focusTarget(event: Event): Element | null {
  const first = event.composedPath()[0];
  return first instanceof Element ? first : null;
}

function describe(el: Element): string {
  const id = el.id ? `#${el.id}` : '';
  return `${el.tagName.toLowerCase()}${id}`;
}

/** Values for template variables that this page shows (names as in lib/phrases/template.ts). */
function pageContext(site: SiteAdapter): Record<string, string> {
  const out: Record<string, string> = {};
  const chat = site.chat;
  if (!chat) return out;
  try {
    const buyer = chat.buyerNick(document);
    const order = chat.orderId?.(document);
    const item = chat.itemTitle?.(document);
    if (buyer) out['买家'] = buyer;
    if (order) out['订单号'] = order;
    if (item) out['商品'] = item;
  } catch {
    // A changed page layout must not break the insert itself.
  }
  return out;
}

export default defineFeature({
  id: 'popup-insert',
  include: () => true,
  init({ signal, site }) {
    const remember = (el: Element | null) => {
      if (el && isEditable(el)) last = { el, at: Date.now() };
    };
    remember(document.activeElement);
    document.addEventListener('focusin', (e) => remember(focusTarget(e)), { capture: true, signal });

    const handle = (message: unknown): Promise<unknown> | undefined => {
      const request = tabRequestSchema.safeParse(message);
      if (!request.success) return undefined; // not ours: let other listeners answer
      const field = last?.el.isConnected ? last : undefined;
      if (request.data.type === 'popup-insert:probe') {
        const reply: TabResponse<'popup-insert:probe'> = {
          hasField: !!field,
          focusedAt: field?.at ?? 0,
          field: field ? describe(field.el) : undefined,
          context: pageContext(site),
        };
        return Promise.resolve(tabProtocol['popup-insert:probe'].response.parse(reply));
      }
      let reply: TabResponse<'popup-insert:insert'>;
      if (!last) reply = { ok: false, reason: 'no-field' };
      else if (!field || !isEditable(field.el)) reply = { ok: false, reason: 'gone' };
      else {
        try {
          reply = { ok: true, how: replaceBeforeCaret(field.el, 0, request.data.text) };
        } catch (error) {
          console.error('[kefu] popup insert failed', error);
          reply = { ok: false, reason: 'failed' };
        }
      }
      return Promise.resolve(reply);
    };
    browser.runtime.onMessage.addListener(handle);
    signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(handle), { once: true });
  },
});
