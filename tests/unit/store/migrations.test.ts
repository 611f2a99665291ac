import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_VERSION, MIGRATIONS, openKefuDB } from '../../../lib/store/db';
import { getHistoryPack, getPackRecord, rollbackPack } from '../../../lib/store/packs-repo';
import { mustParse, packPhraseRecords, teamPack } from './packs-helpers';

let n = 0;
const freshName = () => `kefu-test-${Date.now()}-${n++}`;

describe('database migrations', () => {
  it('has one migration per version', () => {
    expect(MIGRATIONS.length).toBe(DB_VERSION + 1);
  });

  it('v1 creates the stores and indexes the features use', async () => {
    const db = await openKefuDB(freshName(), 1);
    expect([...db.objectStoreNames].sort()).toEqual(['followups', 'kv', 'packs', 'phrases', 'registers']);
    const tx = db.transaction('phrases');
    expect([...tx.store.indexNames].sort()).toEqual(['by-pack', 'by-shortcut', 'by-updated']);
    await db.put('phrases', {
      id: 'p1',
      title: '发货时间',
      shortcut: 'fh',
      variants: ['亲，今天下单明天发'],
      source: { kind: 'pack', packId: 'team', version: 2 },
      updatedAt: 1,
    });
    expect(await db.getAllKeysFromIndex('phrases', 'by-pack', 'team')).toEqual(['p1']);
    db.close();
  });

  it('opening the current version twice keeps the data', async () => {
    const name = freshName();
    const first = await openKefuDB(name);
    await first.put('kv', { a: 1 }, 'k');
    first.close();
    const second = await openKefuDB(name);
    expect(await second.get('kv', 'k')).toEqual({ a: 1 });
    second.close();
  });

  describe('v3: a pack record no longer holds its previous version and pending update', () => {
    afterEach(() => vi.restoreAllMocks());
    const ID = 'team-after-sales';

    /** A database left at v2 with one pack that has both (as packs-repo wrote them up to v2). */
    async function v2WithHistory(name: string) {
      const [v1, v2, v3] = [1, 2, 3].map((v) =>
        mustParse(teamPack(v, [{ id: `only-v${v}`, title: `第${v}版`, variants: ['x'] }])),
      );
      const pending = { pack: v3!, fetchedAt: 30, signature: 'unsigned', warnings: ['没有签名'] };
      const base = { id: ID, pack: v2!, signature: 'unsigned', installedAt: 10, appliedAt: 20, rev: 4 };
      const db = await openKefuDB(name, 2);
      await db.put('packs', { ...base, previous: v1!, pending });
      await db.put('packs', { ...base, id: 'plain', pack: { ...v1!, id: 'plain' }, rev: 1 });
      db.close();
      return { v1: v1!, v2: v2!, v3: v3!, base };
    }

    it('moves them into packHistory; the record keeps the small facts; rollback still works', async () => {
      const name = freshName();
      const { v1, v3, base } = await v2WithHistory(name);

      const db = await openKefuDB(name);
      expect(await getPackRecord(db, ID)).toEqual({
        ...base,
        previousVersion: 1,
        pendingInfo: { version: 3, fetchedAt: 30, signature: 'unsigned', warnings: ['没有签名'] },
      });
      expect(await getHistoryPack(db, ID, 'previous')).toEqual(v1);
      expect(await getHistoryPack(db, ID, 'pending')).toEqual(v3);
      // A record without either is left as it was, and has no history.
      expect(await getPackRecord(db, 'plain')).toMatchObject({ rev: 1 });
      expect(await db.getAllKeys('packHistory')).toEqual([
        [ID, 'pending'],
        [ID, 'previous'],
      ]);

      const r = await rollbackPack(db, ID);
      expect(r).toMatchObject({ ok: true, kind: 'downgrade' });
      const record = await getPackRecord(db, ID);
      expect(record).toMatchObject({ previousVersion: 2, heldBackVersion: 2, rev: 5 });
      expect(record?.pack.version).toBe(1);
      // The pending v3 is still newer than what is installed: it keeps waiting for review.
      expect(record?.pendingInfo?.version).toBe(3);
      expect((await packPhraseRecords(db, ID)).map((p) => p.title)).toContain('第1版');
      expect((await getHistoryPack(db, ID, 'previous'))?.version).toBe(2);
      db.close();
    });

    it('a failure while moving them aborts the upgrade and leaves the v2 database as it was', async () => {
      const name = freshName();
      await v2WithHistory(name);
      const before = await openKefuDB(name, 2);
      const v2Records = await before.getAll('packs');
      before.close();

      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
        throw new DOMException('模拟写入失败', 'QuotaExceededError');
      });
      await expect(openKefuDB(name)).rejects.toThrow();
      vi.restoreAllMocks();

      const after = await openKefuDB(name, 2);
      expect(after.version).toBe(2);
      expect([...after.objectStoreNames]).not.toContain('packHistory');
      expect(await after.getAll('packs')).toEqual(v2Records);
      after.close();
    });
  });
});
