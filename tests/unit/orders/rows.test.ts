// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { observeOrders } from '../../../lib/orders/dom/rows';
import { selector } from '../../../lib/sites/selector';
import type { OrdersAdapter } from '../../../lib/sites/types';

const SEEN = '2026-11-22';

function adapter(readOrder: OrdersAdapter['readOrder']): OrdersAdapter {
  return {
    orderRow: selector(
      'orderRow',
      { css: '.order', seen: SEEN, why: 'test rows' },
      { css: 'section', seen: SEEN, why: 'structural fallback' },
    ),
    readOrder,
    buttonAnchor: (row) => row,
    remarkField: selector('remarkField', { css: 'textarea', seen: SEEN, why: 'test' }),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('finding orders on a page', () => {
  it('one bad row does not stop the others; only the first matching alternative counts', async () => {
    document.body.textContent = '';
    for (const id of ['1', 'boom', '3']) {
      const row = document.createElement('div');
      row.className = 'order';
      row.dataset.id = id;
      document.body.append(row);
    }
    document.body.append(document.createElement('section')); // a fallback match: not a row here
    const seen: string[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const controller = new AbortController();
    observeOrders(
      adapter((row) => {
        const id = (row as HTMLElement).dataset.id;
        if (id === 'boom') throw new Error('markup changed');
        return id ? { orderId: id } : { orderId: 'section' };
      }),
      (_row, order) => void seen.push(order.orderId),
      { signal: controller.signal },
    );
    await flush();
    expect(seen).toEqual(['1', '3']);
    expect(errors).toHaveBeenCalled();
    controller.abort();
  });

  it('waits for a row that renders its order late (a detail page shows 正在加载… first)', async () => {
    document.body.textContent = '';
    const row = document.createElement('div');
    row.className = 'order';
    row.textContent = '正在加载…';
    document.body.append(row);
    const seen: string[] = [];
    const controller = new AbortController();
    observeOrders(
      adapter((r) => (/订单号/u.test(r.textContent ?? '') ? { orderId: '42' } : undefined)),
      (_row, order) => void seen.push(order.orderId),
      { signal: controller.signal },
    );
    await flush();
    expect(seen).toEqual([]);
    row.textContent = '订单号：42';
    await flush();
    expect(seen).toEqual(['42']);
    row.append('更新');
    await flush();
    expect(seen).toEqual(['42']); // handled once
    controller.abort();
  });
});
