import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  PENDING_TTL_MS,
  clearPendingRemark,
  getPendingRemark,
  savePendingRemark,
  type PendingRemark,
} from '../../../lib/orders/pending';

const NOW = Date.parse('2026-11-22T20:00:00+08:00');
const remark: PendingRemark = {
  orderId: '4014102398556771203',
  platform: 'taobao',
  content: '送杯刷一个',
  flag: 'follow-up',
  createdAt: NOW,
};

beforeEach(() => fakeBrowser.reset());

describe('a remark waiting for the Taobao memo page', () => {
  it('is kept by order id until it is filled', async () => {
    await savePendingRemark(remark);
    expect(await getPendingRemark(remark.orderId, NOW + 1000)).toEqual(remark);
    expect(await getPendingRemark('4012387765120556412', NOW)).toBeUndefined();
    await clearPendingRemark(remark.orderId, NOW);
    expect(await getPendingRemark(remark.orderId, NOW)).toBeUndefined();
  });

  it('expires after a day and drops whatever is invalid in storage', async () => {
    await savePendingRemark(remark);
    expect(await getPendingRemark(remark.orderId, NOW + PENDING_TTL_MS)).toBeUndefined();
    await fakeBrowser.storage.local.set({
      'orderHelper.pendingRemarks': { x: { orderId: 'x', content: 1 }, [remark.orderId]: remark },
    });
    expect(await getPendingRemark('x', NOW)).toBeUndefined();
    expect(await getPendingRemark(remark.orderId, NOW)).toEqual(remark);
  });

  it('refuses to store a malformed remark', async () => {
    await expect(savePendingRemark({ ...remark, content: '' })).rejects.toThrow();
  });
});
