import { i18n } from '#i18n';
import { mountRemarkButton, openComposer } from '../../components/order/mount';
import { observeOrders } from '../orders/dom/rows';
import { clearPendingRemark, getPendingRemark } from '../orders/pending';
import type { PageKind } from '../sites/types';
import { defineFeature } from './types';

const ORDER_PAGES: ReadonlySet<PageKind> = new Set(['order-list', 'order-detail', 'memo-edit']);

/** A waiting remark is offered once per page load, not again after every settings change. */
const offered = new Set<string>();

/**
 * The order helper's remark composer: a 写备注 button on every order, the composer dialog, and
 * filling the site's own remark field (append, select the flag, never save). On Taobao's memo
 * page it offers the remark the agent wrote on the order list.
 */
export default defineFeature({
  id: 'order-remarks',
  include: ({ site, pageKind }) => Boolean(site.orders) && ORDER_PAGES.has(pageKind),
  init(fc) {
    const orders = fc.site.orders!;
    observeOrders(
      orders,
      async (row, order) => {
        await mountRemarkButton(fc, row);
        if (fc.pageKind !== 'memo-edit' || offered.has(order.orderId)) return;
        const pending = await getPendingRemark(order.orderId);
        if (!pending || fc.signal.aborted) return;
        offered.add(order.orderId);
        await openComposer(fc, row, {
          initial: {
            content: { kind: 'free', text: pending.content },
            flagChoice: pending.flag ?? 'keep',
            notice: i18n.t('orderHelper.pendingOffer'),
            onDiscard: () => void clearPendingRemark(order.orderId),
          },
          onFilled: () => void clearPendingRemark(order.orderId),
        });
      },
      { signal: fc.signal },
    );
  },
});
