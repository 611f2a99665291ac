import type { IDBPDatabase } from 'idb';
import { parsePack } from '../packs/parse';
import { decideUpdate } from '../packs/update';
import {
  fetchPackFile,
  isCheckDue,
  planCheck,
  SUBSCRIPTION_LIMITS,
  type FetchPackOptions,
} from '../packs/subscription';
import type { KefuDB } from '../store/db';
import {
  applyPack,
  getPackRecord,
  listPackRecords,
  noteCheck,
  noteRefusal,
  setPendingUpdate,
} from '../store/packs-repo';

/**
 * Update checks for subscribed packs: on browser start, on an alarm, and when the agent clicks
 * 「检查更新」. One check at a time (a manual click during an alarm's check waits for it), and
 * every outcome is written on the pack so the options page can say what happened.
 */

type DB = IDBPDatabase<KefuDB>;

export type CheckStatus = 'updated' | 'unchanged' | 'pending' | 'refused' | 'error' | 'held-back' | 'skipped';

export interface CheckResult {
  id: string;
  status: CheckStatus;
  message: string;
  version?: number;
}

export interface CheckOptions {
  force?: boolean;
  now?: number;
  fetchImpl?: FetchPackOptions['fetchImpl'];
  /** Called after an automatic update changed the phrases (refresh pickers, fill pinyin). */
  onApplied?: (packId: string) => Promise<void> | void;
}

export async function checkSubscription(
  db: DB,
  id: string,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const now = options.now ?? Date.now();
  const record = await getPackRecord(db, id);
  const sub = record?.subscription;
  if (!record || !sub) return { id, status: 'skipped', message: '这个短语包没有订阅地址' };
  if (!isCheckDue(sub, now, options.force)) return { id, status: 'skipped', message: '刚刚检查过' };

  const fetched = await fetchPackFile(sub.url, {
    ...(sub.etag ? { etag: sub.etag } : {}),
    ...(sub.lastModified ? { lastModified: sub.lastModified } : {}),
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
  });
  if (fetched.status === 'error') {
    await noteCheck(db, id, { lastCheckedAt: now, lastStatus: 'error', lastMessage: fetched.message });
    return { id, status: 'error', message: fetched.message };
  }
  if (fetched.status === 'not-modified') {
    const message = `已是最新（第 ${record.pack.version} 版）`;
    await noteCheck(db, id, { lastCheckedAt: now, lastStatus: 'unchanged', lastMessage: message });
    return { id, status: 'unchanged', message };
  }
  const validators = {
    ...(fetched.etag ? { etag: fetched.etag } : {}),
    ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
  };

  const parsed = parsePack(fetched.bytes);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const message = `服务器上的短语包有错误，已拒绝：${first?.message ?? ''}${parsed.errors.length > 1 ? `（共 ${parsed.errors.length} 处）` : ''}`;
    // No validators saved: the next check downloads again and sees a fixed file.
    await noteRefusal(
      db,
      id,
      { message },
      { lastCheckedAt: now, lastStatus: 'refused', lastMessage: message },
      now,
    );
    return { id, status: 'refused', message };
  }
  const incoming = parsed.pack;
  const decision = await decideUpdate({
    installed: record.pack,
    incoming,
    ...(record.trust ? { pinnedKey: record.trust.publicJwk } : {}),
  });
  const plan = planCheck({
    decision,
    incomingVersion: incoming.version,
    autoApply: sub.autoApply,
    installedSigned: !!record.pack.signature,
    incomingSigned: !!incoming.signature,
    ...(record.heldBackVersion !== undefined ? { heldBackVersion: record.heldBackVersion } : {}),
  });

  switch (plan.action) {
    case 'refuse': {
      const message = `已拒绝第 ${incoming.version} 版：${plan.message}。仍在使用第 ${record.pack.version} 版`;
      await noteRefusal(
        db,
        id,
        { version: incoming.version, message },
        { lastCheckedAt: now, lastStatus: 'refused', lastMessage: message },
        now,
      );
      return { id, status: 'refused', message, version: incoming.version };
    }
    case 'unchanged':
    case 'held-back': {
      const message =
        plan.action === 'unchanged'
          ? `已是最新（第 ${record.pack.version} 版）`
          : `服务器上是第 ${incoming.version} 版，你已回退到第 ${record.pack.version} 版，不再自动提示这一版`;
      await noteCheck(
        db,
        id,
        { ...validators, lastCheckedAt: now, lastStatus: 'unchanged', lastMessage: message },
        true,
      );
      return { id, status: plan.action, message, version: incoming.version };
    }
    case 'review': {
      const message = `发现第 ${incoming.version} 版，${plan.reason}`;
      const signature = decision.decision === 'accept' ? decision.signature : 'unsigned';
      await setPendingUpdate(
        db,
        id,
        {
          pack: incoming,
          fetchedAt: now,
          signature,
          warnings: decision.decision === 'accept' ? decision.warnings : [],
        },
        { ...validators, lastCheckedAt: now, lastStatus: 'pending', lastMessage: message },
      );
      return { id, status: 'pending', message, version: incoming.version };
    }
    case 'apply': {
      const applied = await applyPack(db, incoming, {
        now,
        expectedRev: record.rev,
        subscription: {
          ...sub,
          ...validators,
          lastCheckedAt: now,
          lastStatus: 'updated',
          lastMessage: `已自动更新到第 ${incoming.version} 版`,
        },
      });
      if (!applied.ok) {
        const message = `第 ${incoming.version} 版没能更新：${applied.errors[0]?.message ?? ''}`;
        await noteRefusal(
          db,
          id,
          { version: incoming.version, message },
          { lastCheckedAt: now, lastStatus: 'error', lastMessage: message },
          now,
        );
        return { id, status: 'error', message, version: incoming.version };
      }
      await options.onApplied?.(id);
      return { id, status: 'updated', message: applied.message, version: incoming.version };
    }
  }
}

export async function checkSubscriptions(db: DB, options: CheckOptions = {}): Promise<CheckResult[]> {
  const records = await listPackRecords(db);
  const results: CheckResult[] = [];
  // One after another: a team rarely has more than a few packs, and hosts are often the same.
  for (const r of records) {
    if (!r.subscription) continue;
    try {
      results.push(await checkSubscription(db, r.id, options));
    } catch (e) {
      results.push({ id: r.id, status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }
  return results;
}

/** Runs checks one at a time, whoever asks. */
export function createCheckQueue() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>): Promise<T> => {
    const next = last.then(run, run);
    last = next.catch(() => undefined);
    return next;
  };
}

export const PACK_ALARM = 'kefu:packs-check';

/** The alarm's settings: the first check shortly after start, then hourly. */
export const PACK_ALARM_INFO = {
  delayInMinutes: 1,
  periodInMinutes: SUBSCRIPTION_LIMITS.alarmMinutes,
} as const;
