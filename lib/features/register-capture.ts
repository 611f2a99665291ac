import { h, render } from 'preact';
import { CaptureWidget, type CapturePrefill } from '../../components/registers/capture';
import css from '../../components/registers/capture.css?inline';
import { mountShadowUi } from '../dom/shadow-ui';
import { observeOrders } from '../orders/dom/rows';
import type { OrderOnPage } from '../sites/types';
import { defineFeature, type FeatureContext } from './types';

/** Reads a page value; a site change that breaks one extractor leaves the field empty, no more. */
const read = <T>(get: () => T | undefined): T | undefined => {
  try {
    return get();
  } catch {
    return undefined;
  }
};

const isoMs = (iso?: string) => (iso ? Date.parse(iso) || undefined : undefined);

/**
 * 登记: one compact button to register what the agent sees — an inquiry or unpaid order from a
 * chat page, a return/exchange/unpaid order from each order on order pages — prefilled from the page.
 */
export default defineFeature({
  id: 'register-capture',
  include: ({ site, pageKind, isTopFrame }) =>
    (pageKind === 'chat' && Boolean(site.chat) && isTopFrame) ||
    ((pageKind === 'order-list' || pageKind === 'order-detail') && Boolean(site.orders)),
  async init(fc) {
    const common = { platform: fc.site.platform, agent: fc.settings.agentName };
    if (fc.pageKind === 'chat') {
      const chat = fc.site.chat!;
      const prefill = (): CapturePrefill => ({
        ...common,
        buyerNick: read(() => chat.buyerNick(document)),
        orderId: read(() => chat.orderId?.(document)),
        itemTitle: read(() => chat.itemTitle?.(document)),
      });
      await mountWidget(fc, document.body, { kinds: ['inquiry', 'unpaid'], prefill, floating: true });
      return;
    }
    const orders = fc.site.orders!;
    observeOrders(
      orders,
      async (row, first) => {
        const anchor = orders.buttonAnchor(row);
        if (!anchor) return;
        const prefill = (): CapturePrefill => {
          const order: OrderOnPage = read(() => orders.readOrder(row, document)) ?? first;
          return {
            ...common,
            orderId: order.orderId,
            buyerNick: order.buyerNick,
            itemTitle: order.itemTitle,
            amountFen: order.paidFen,
            signedAt: isoMs(order.signedAt),
          };
        };
        await mountWidget(fc, anchor, { kinds: ['return', 'exchange', 'unpaid'], prefill });
      },
      { signal: fc.signal },
    );
  },
});

function mountWidget(fc: FeatureContext, anchor: Element, props: Parameters<typeof CaptureWidget>[0]) {
  return mountShadowUi(fc, {
    name: 'register-capture',
    css,
    anchor,
    append: 'last',
    render(container) {
      render(h(CaptureWidget, props), container);
      return () => render(null, container);
    },
  });
}
