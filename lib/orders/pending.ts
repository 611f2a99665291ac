import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { SEMANTIC_FLAGS } from '../remarks';
import { PLATFORMS } from '../sites/platforms';

/**
 * A remark composed where the site cannot take it (Taobao's old sold list and order detail: the
 * remark lives on a separate memo page the list opens in a new tab). It waits in extension
 * storage, keyed by order id, until the memo page of that order offers it in the composer.
 *
 * It may hold buyer details the agent typed, so it stays on this computer, is removed as soon as
 * it is filled, and expires after a day.
 */
export const PENDING_TTL_MS = 24 * 3600 * 1000;

export const pendingRemarkSchema = z.object({
  orderId: z.string().min(1).max(40),
  platform: z.enum(PLATFORMS),
  /** The promise part; the memo page's composer adds the agent and the date again. */
  content: z.string().min(1).max(2000),
  /** The flag to select; null leaves the order's flag alone. */
  flag: z.enum(SEMANTIC_FLAGS).nullable(),
  createdAt: z.number().int(),
});
export type PendingRemark = z.infer<typeof pendingRemarkSchema>;

const pendingMapSchema = z.record(z.string(), z.unknown());

const pendingItem = storage.defineItem<Record<string, unknown>>('local:orderHelper.pendingRemarks', {
  fallback: {},
});

/** Valid, unexpired entries only; anything else in storage is dropped on the next write. */
async function readAll(now: number): Promise<Record<string, PendingRemark>> {
  const raw = pendingMapSchema.safeParse(await pendingItem.getValue());
  const out: Record<string, PendingRemark> = {};
  if (!raw.success) return out;
  for (const [id, value] of Object.entries(raw.data)) {
    const parsed = pendingRemarkSchema.safeParse(value);
    if (parsed.success && parsed.data.orderId === id && now - parsed.data.createdAt < PENDING_TTL_MS) {
      out[id] = parsed.data;
    }
  }
  return out;
}

export async function savePendingRemark(remark: PendingRemark): Promise<void> {
  const valid = pendingRemarkSchema.parse(remark);
  const all = await readAll(valid.createdAt);
  all[valid.orderId] = valid;
  await pendingItem.setValue(all);
}

export async function getPendingRemark(
  orderId: string,
  now = Date.now(),
): Promise<PendingRemark | undefined> {
  return (await readAll(now))[orderId];
}

export async function clearPendingRemark(orderId: string, now = Date.now()): Promise<void> {
  const all = await readAll(now);
  delete all[orderId];
  await pendingItem.setValue(all);
}
