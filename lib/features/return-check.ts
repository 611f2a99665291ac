import { mountReturnPanel } from '../../components/order/mount';
import { observeOrders } from '../orders/dom/rows';
import { defineFeature } from './types';

/**
 * The return/exchange check on order detail pages: a panel at the top of the order, for any order
 * whose page shows a 签收时间 (the composer carries the same panel on list pages).
 */
export default defineFeature({
  id: 'return-check',
  include: ({ site, pageKind }) => Boolean(site.orders) && pageKind === 'order-detail',
  init(fc) {
    observeOrders(
      fc.site.orders!,
      async (row, order) => {
        if (order.signedAt) await mountReturnPanel(fc, row, order);
      },
      { signal: fc.signal },
    );
  },
});
