/**
 * DOM: finding the orders on a page. Rows often exist before their content does (a detail page
 * shows "正在加载…" in the very node that later holds the order), so a row whose order cannot be
 * read yet is watched until it can. Each row is handled once, isolated: one bad row never stops
 * the others.
 */
import { observe } from '../../dom/observe';
import { queryAll } from '../../sites/selector';
import type { OrderOnPage, OrdersAdapter } from '../../sites/types';

export function observeOrders(
  orders: OrdersAdapter,
  onOrder: (row: Element, order: OrderOnPage) => void | Promise<void>,
  { signal, doc = document }: { signal: AbortSignal; doc?: Document },
): void {
  const handle = (row: Element): boolean => {
    const order = orders.readOrder(row, doc);
    if (!order) return false;
    Promise.resolve()
      .then(() => onOrder(row, order))
      .catch((error: unknown) => console.error('[kefu] order row failed', order.orderId, error));
    return true;
  };

  // observe() wakes up for any alternative; the adapter's rows are those of the first alternative
  // that matches (a structural fallback also matches inner blocks of a detail page). One query per
  // scan, shared by the rows of that scan.
  let current: ReadonlySet<Element> | undefined;
  const isRow = (el: Element): boolean => {
    if (!current) {
      current = new Set(queryAll(doc, orders.orderRow));
      queueMicrotask(() => (current = undefined));
    }
    return current.has(el);
  };

  observe(
    orders.orderRow,
    (row) => {
      if (!isRow(row)) return;
      try {
        if (handle(row)) return;
      } catch (error) {
        console.error('[kefu] reading an order row failed', error);
        return;
      }
      // Not rendered yet: try again when the row's content changes.
      const watcher = new MutationObserver(() => {
        try {
          if (handle(row)) watcher.disconnect();
        } catch (error) {
          watcher.disconnect();
          console.error('[kefu] reading an order row failed', error);
        }
      });
      watcher.observe(row, { childList: true, subtree: true, characterData: true });
      signal.addEventListener('abort', () => watcher.disconnect(), { once: true });
    },
    { signal, root: doc },
  );
}
