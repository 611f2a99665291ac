import { browser } from 'wxt/browser';
import type { IDBPDatabase } from 'idb';
import type { Handlers } from '../messaging/router';
import type { registersProtocol } from '../messaging/registers-protocol';
import { openKefuDB, type KefuDB } from '../store/db';
import {
  addEntry,
  addFollowup,
  clearRegisters,
  deleteEntries,
  importEntries,
  listEntries,
  listFollowups,
  nextDueAt,
  purgeOlderThan,
  retentionCutoff,
  takeDueFollowups,
  updateEntry,
  updateFollowup,
} from '../store/registers-repo';
import { getSettings } from '../settings/store';
import type { Followup } from '../registers/schema';
import { shanghaiDateTime } from '../registers/time';

type DB = IDBPDatabase<KefuDB>;
type RegisterHandlers = Pick<Handlers, keyof typeof registersProtocol>;

export const PURGE_ALARM = 'kefu-registers-purge';
export const FOLLOWUP_ALARM = 'kefu-followups';
const NOTIFICATION_PREFIX = 'kefu-followup:';

export function createRegisterHandlers(database: () => Promise<DB>): RegisterHandlers {
  return {
    async 'registers:add'({ entry }) {
      return addEntry(await database(), entry);
    },
    async 'registers:update'({ id, patch }) {
      return updateEntry(await database(), id, patch);
    },
    async 'registers:list'({ since }) {
      return { entries: await listEntries(await database(), since) };
    },
    async 'registers:delete'({ ids }) {
      return { changed: await deleteEntries(await database(), ids) };
    },
    async 'registers:import'({ entries }) {
      return importEntries(await database(), entries);
    },
    async 'registers:clear'() {
      await clearRegisters(await database());
      await scheduleFollowupAlarm(await database());
      return { cleared: true as const };
    },
    async 'registers:purge'() {
      return runPurge(await database());
    },
    async 'followups:add'({ followup }) {
      const db = await database();
      const result = await addFollowup(db, followup);
      await scheduleFollowupAlarm(db);
      return result;
    },
    async 'followups:list'({ until }) {
      return { followups: await listFollowups(await database(), { until }) };
    },
    async 'followups:update'(request) {
      const db = await database();
      const action = 'done' in request ? { done: true as const } : { snoozeUntil: request.snoozeUntil };
      const followup = await updateFollowup(db, request.id, action);
      if (followup) void browser.notifications.clear(NOTIFICATION_PREFIX + followup.id).catch(() => {});
      await scheduleFollowupAlarm(db);
      return followup ? { followup } : {};
    },
    async 'followups:check'() {
      return { notified: await raiseDue(await database()) };
    },
  };
}

async function runPurge(db: DB) {
  const { retentionDays } = await getSettings();
  const cutoff = retentionCutoff(Date.now(), retentionDays);
  return { ...(await purgeOlderThan(db, cutoff)), cutoff };
}

/** One alarm at the earliest due time; re-made after every change. */
async function scheduleFollowupAlarm(db: DB): Promise<void> {
  const due = await nextDueAt(db);
  if (due === undefined) await browser.alarms.clear(FOLLOWUP_ALARM);
  else await browser.alarms.create(FOLLOWUP_ALARM, { when: Math.max(due, Date.now() + 1000) });
}

let icon: Promise<string> | undefined;
/** Notifications need an icon and the extension ships no image files: draw one. */
function notificationIcon(): Promise<string> {
  return (icon ??= (async () => {
    try {
      const canvas = new OffscreenCanvas(64, 64);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#1a7f37';
      ctx.beginPath();
      ctx.roundRect(0, 0, 64, 64, 14);
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.font = 'bold 36px sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('跟', 32, 35);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      return `data:image/png;base64,${btoa(bin)}`;
    } catch {
      return '';
    }
  })());
}

function message(f: Followup): string {
  const who = [f.buyerNick && `买家 ${f.buyerNick}`, f.orderId && `订单 ${f.orderId}`]
    .filter(Boolean)
    .join(' · ');
  return [f.body, who, `到期 ${shanghaiDateTime(f.dueAt)}`].filter(Boolean).join('\n').slice(0, 250);
}

async function raiseDue(db: DB): Promise<number> {
  const due = await takeDueFollowups(db, Date.now());
  const iconUrl = await notificationIcon();
  for (const f of due) {
    try {
      const options = {
        type: 'basic' as const,
        iconUrl,
        title: `该跟进了：${f.title}`,
        message: message(f),
        priority: 2,
        requireInteraction: true,
        // Firefox has no buttons; the popup and options page offer the same actions.
        ...(import.meta.env.FIREFOX ? {} : { buttons: [{ title: '已完成' }, { title: '1 小时后再提醒' }] }),
      };
      await browser.notifications.create(NOTIFICATION_PREFIX + f.id, options);
    } catch (e) {
      console.warn('[kefu] follow-up notification failed', e);
    }
  }
  await scheduleFollowupAlarm(db);
  return due.length;
}

let alarmDb: Promise<DB> | undefined;
const alarmDatabase = () => (alarmDb ??= openKefuDB());

/** Daily retention purge and follow-up reminders (alarms survive service-worker restarts). */
export function startRegisterAlarms(): void {
  const purge = () =>
    void alarmDatabase()
      .then(runPurge)
      .catch((e) => console.warn('[kefu] purge failed', e));
  const check = () =>
    void alarmDatabase()
      .then(raiseDue)
      .catch((e) => console.warn('[kefu] follow-ups failed', e));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PURGE_ALARM) purge();
    if (alarm.name === FOLLOWUP_ALARM) check();
  });
  void browser.alarms.get(PURGE_ALARM).then((existing) => {
    if (!existing) return browser.alarms.create(PURGE_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
  });
  // Anything that fell due while the browser was closed.
  check();
  const act = async (id: string, done: boolean) => {
    const db = await alarmDatabase();
    const fid = id.slice(NOTIFICATION_PREFIX.length);
    await updateFollowup(db, fid, done ? { done: true } : { snoozeUntil: Date.now() + 3600_000 });
    await browser.notifications.clear(id);
    await scheduleFollowupAlarm(db);
  };
  browser.notifications.onButtonClicked?.addListener((id, button) => {
    if (id.startsWith(NOTIFICATION_PREFIX)) void act(id, button === 0);
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    void browser.tabs.create({ url: browser.runtime.getURL('/options.html#registers') });
    void browser.notifications.clear(id);
  });
}
