import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { STARTER_PHRASES } from '../../../lib/phrases/starter';
import { openKefuDB } from '../../../lib/store/db';
import { purgePhrases, savePhrase, trashPhrases } from '../../../lib/store/phrases-repo';
import { STARTER_SEEDED_KEY, seedStarterOnce } from '../../../lib/store/seed';

let n = 0;
const freshDb = () => openKefuDB(`kefu-seed-test-${Date.now()}-${n++}`);

describe('seeding the starter phrases on first install', () => {
  it('adds the starter set once, with pinyin, and remembers it in kv', async () => {
    const db = await freshDb();
    const first = await seedStarterOnce(db, STARTER_PHRASES, 1000);
    expect(first).toEqual({ seeded: true, added: STARTER_PHRASES.length });
    expect(STARTER_PHRASES.length).toBeGreaterThanOrEqual(60);
    const stored = await db.getAll('phrases');
    expect(stored).toHaveLength(STARTER_PHRASES.length);
    expect(stored.every((p) => p.source.kind === 'starter' && p.py?.v === 1 && p.createdAt === 1000)).toBe(
      true,
    );
    expect(await db.get('kv', STARTER_SEEDED_KEY)).toEqual({ at: 1000, count: STARTER_PHRASES.length });

    expect(await seedStarterOnce(db)).toEqual({ seeded: false, added: 0 });
    expect(await db.count('phrases')).toBe(STARTER_PHRASES.length);
  });

  it('never brings back starter phrases the agent trashed or deleted', async () => {
    const db = await freshDb();
    await seedStarterOnce(db);
    const ids = STARTER_PHRASES.map((p) => p.id);
    await trashPhrases(db, ids);
    await purgePhrases(db, ids.slice(0, 10));
    expect(await seedStarterOnce(db)).toEqual({ seeded: false, added: 0 });
    const left = await db.getAll('phrases');
    expect(left).toHaveLength(ids.length - 10);
    expect(left.every((p) => p.deletedAt !== undefined)).toBe(true);
  });

  it('leaves a phrase the agent already has under a starter id untouched', async () => {
    const db = await freshDb();
    const id = STARTER_PHRASES[0]!.id;
    await savePhrase(db, { id, title: '我自己的欢迎语', variants: ['您好～'] });
    const r = await seedStarterOnce(db);
    expect(r.added).toBe(STARTER_PHRASES.length - 1);
    expect((await db.get('phrases', id))?.title).toBe('我自己的欢迎语');
  });
});
