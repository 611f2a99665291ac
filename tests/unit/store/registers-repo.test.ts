import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openKefuDB } from '../../../lib/store/db';
import {
  addEntry,
  addFollowup,
  clearRegisters,
  importEntries,
  listEntries,
  listFollowups,
  nextDueAt,
  purgeOlderThan,
  retentionCutoff,
  takeDueFollowups,
  updateEntry,
  updateFollowup,
} from '../../../lib/store/registers-repo';

let n = 0;
const fresh = () => openKefuDB(`kefu-reg-${Date.now()}-${n++}`);
const DAY = 86_400_000;

describe('registers repository', () => {
  it('adds with id and times, validates in Chinese', async () => {
    const db = await fresh();
    const ok = await addEntry(db, { kind: 'inquiry', buyerNick: 'tb_小鹿', reason: '价格原因' }, 1000);
    expect(ok).toMatchObject({
      ok: true,
      entry: { kind: 'inquiry', createdAt: 1000, at: 1000, updatedAt: 1000 },
    });
    const bad = await addEntry(db, { kind: 'unpaid', amountFen: 12.5 });
    expect(bad).toEqual({
      ok: false,
      errors: [{ field: 'amountFen', message: '金额：金额必须是整数（分）' }],
    });
    const badKind = await addEntry(db, { kind: 'refund' });
    expect(badKind.ok).toBe(false);
    expect(await listEntries(db)).toHaveLength(1);
  });

  it('updates fields, null clears one', async () => {
    const db = await fresh();
    const r = await addEntry(db, { kind: 'unpaid', amountFen: 100 }, 1000);
    const id = r.ok ? r.entry.id : '';
    expect(await updateEntry(db, id, { paidAt: 5000 }, 2000)).toMatchObject({
      ok: true,
      entry: { paidAt: 5000, updatedAt: 2000 },
    });
    expect(await updateEntry(db, id, { paidAt: null }, 3000)).toMatchObject({
      ok: true,
      entry: { remindersSent: 0 },
    });
    expect((await listEntries(db))[0]).not.toHaveProperty('paidAt');
  });

  it('import is all-or-nothing and keeps the newer version of an id', async () => {
    const db = await fresh();
    const e = { id: 'x1', kind: 'return', createdAt: 1, updatedAt: 5, quality: false, reason: '尺码不合适' };
    expect(await importEntries(db, [e])).toEqual({ ok: true, added: 1, updated: 0, unchanged: 0 });
    expect(await importEntries(db, [{ ...e, updatedAt: 3, reason: 'old' }])).toMatchObject({ unchanged: 1 });
    expect(await importEntries(db, [{ ...e, updatedAt: 9, reason: '质量问题' }])).toMatchObject({
      updated: 1,
    });
    const bad = await importEntries(db, [
      { ...e, id: 'x2' },
      { id: 'x3', kind: 'return' },
    ]);
    expect(bad.ok).toBe(false);
    expect((await listEntries(db)).map((x) => [x.id, x.reason])).toEqual([['x1', '质量问题']]);
  });

  it('retention purge deletes entries older than N days, keeps the rest', async () => {
    const db = await fresh();
    const now = 200 * DAY;
    await addEntry(db, { kind: 'inquiry', id: 'old', createdAt: now - 91 * DAY }, now);
    await addEntry(db, { kind: 'inquiry', id: 'edge', createdAt: now - 90 * DAY }, now);
    await addEntry(db, { kind: 'inquiry', id: 'new', createdAt: now - DAY }, now);
    await addFollowup(db, { id: 'f-old', title: '回访', dueAt: now - 100 * DAY }, now);
    await addFollowup(db, { id: 'f-new', title: '回访', dueAt: now + DAY }, now);
    expect(await purgeOlderThan(db, retentionCutoff(now, 90))).toEqual({ registers: 1, followups: 1 });
    expect((await listEntries(db)).map((e) => e.id).sort()).toEqual(['edge', 'new']);
    expect((await listFollowups(db)).map((f) => f.id)).toEqual(['f-new']);
    await clearRegisters(db);
    expect(await listEntries(db)).toEqual([]);
    expect(await listFollowups(db)).toEqual([]);
  });

  it('follow-ups: due ones are taken once, snooze re-arms, done stays quiet', async () => {
    const db = await fresh();
    expect((await addFollowup(db, { title: '' })).ok).toBe(false);
    await addFollowup(db, { id: 'a', title: '签收回访', dueAt: 1000 });
    await addFollowup(db, { id: 'b', title: '催付', dueAt: 5000 });
    expect(await nextDueAt(db)).toBe(1000);
    expect((await takeDueFollowups(db, 2000)).map((f) => f.id)).toEqual(['a']);
    expect(await takeDueFollowups(db, 2000)).toEqual([]);
    expect(await nextDueAt(db)).toBe(5000);
    await updateFollowup(db, 'a', { snoozeUntil: 9000 });
    expect((await takeDueFollowups(db, 9000)).map((f) => f.id)).toEqual(['b', 'a']);
    await updateFollowup(db, 'b', { done: true }, 9500);
    expect((await listFollowups(db)).find((f) => f.id === 'b')).toMatchObject({
      status: 'done',
      doneAt: 9500,
    });
  });
});
