import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS, openKefuDB } from '../../../lib/store/db';

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
});
