import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PackInput } from '../../../lib/packs';
import { storedPhraseId } from '../../../lib/packs/installed';
import { openKefuDB, type PhraseRecord } from '../../../lib/store/db';
import { CHUNK_SIZE, PackPhraseChunks, chunksOf } from '../../../lib/store/pack-phrase-store';
import { listPhrasePage } from '../../../lib/store/phrase-pages';
import { installPack, uninstallPack } from '../../../lib/store/packs-repo';
import {
  importPhrases,
  listPhrases,
  recordPhraseUse,
  savePhrase,
  trashPhrases,
} from '../../../lib/store/phrases-repo';
import { freshDb, packPhraseRecords, storedPhrase, teamPack } from './packs-helpers';

const ID = 'team-after-sales';
const sid = (phraseId: string) => storedPhraseId(ID, phraseId);

/** A pack of `n` phrases with ids p0000…, the first two with shortcuts. */
function bigPack(id: string, n: number, version = 1): PackInput {
  return {
    ...teamPack(version),
    id,
    phrases: Array.from({ length: n }, (_, i) => ({
      id: `p${String(i).padStart(4, '0')}`,
      title: `话术 ${i}`,
      ...(i < 2 ? { shortcut: `${id.slice(0, 2)}${i}` } : {}),
      variants: [`亲，这是第 ${i} 条回复`],
    })),
  };
}

describe('pack phrases are stored in chunks', () => {
  it('a 250-phrase pack is three chunks keyed by their first phrase, in stored-id order', async () => {
    const db = await freshDb();
    expect((await installPack(db, bigPack(ID, 250))).ok).toBe(true);
    const chunks = await db.getAll('packPhrases');
    expect(chunks.map((c) => c.phrases.length)).toEqual([CHUNK_SIZE, CHUNK_SIZE, 50]);
    expect(chunks.map((c) => c.id)).toEqual([sid('p0000'), sid('p0100'), sid('p0200')]);
    for (const c of chunks) expect(c.id).toBe(c.phrases[0]!.id);
    const ids = (await packPhraseRecords(db, ID)).map((p) => p.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(250);
    expect(await db.count('phrases')).toBe(0);
  });

  it('chunksOf sorts a copy and leaves its input alone', () => {
    const rec = (id: string): PhraseRecord => ({
      id,
      title: id,
      variants: ['x'],
      source: { kind: 'pack', packId: 'a', version: 1 },
    });
    const input = [rec('pk~a~c'), rec('pk~a~a'), rec('pk~a~b')];
    const [chunk] = chunksOf('a', input);
    expect(chunk?.phrases.map((p) => p.id)).toEqual(['pk~a~a', 'pk~a~b', 'pk~a~c']);
    expect(input.map((p) => p.id)).toEqual(['pk~a~c', 'pk~a~a', 'pk~a~b']);
  });

  it('a point change rewrites one chunk; a later whole-pack read sees it', async () => {
    const db = await freshDb();
    await installPack(db, bigPack(ID, 250));
    const before = await db.getAll('packPhrases');
    const tx = db.transaction('packPhrases', 'readwrite');
    const chunks = new PackPhraseChunks(tx.store);
    const phrase = await chunks.get(sid('p0150'));
    expect(phrase?.title).toBe('话术 150');
    chunks.put({ ...phrase!, usageCount: 9 });
    // Read as a whole pack in the same transaction: the change made above is part of it.
    expect((await chunks.loadPack(ID)).get(sid('p0150'))?.usageCount).toBe(9);
    chunks.flush();
    await tx.done;
    expect((await storedPhrase(db, sid('p0150')))?.usageCount).toBe(9);
    const after = await db.getAll('packPhrases');
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
    // Only the middle chunk changed.
    expect(after[0]).toEqual(before[0]);
    expect(after[2]).toEqual(before[2]);
  });

  it('get of an id that is not stored is undefined, also between two chunks and in another pack', async () => {
    const db = await freshDb();
    await installPack(db, bigPack(ID, 150));
    await installPack(db, bigPack('team-after', 3));
    const chunks = new PackPhraseChunks(db.transaction('packPhrases').store);
    expect(await chunks.get(sid('p0099x'))).toBeUndefined();
    expect(await chunks.get(sid('zzz'))).toBeUndefined();
    expect(await chunks.get(storedPhraseId('team-after', 'p0100'))).toBeUndefined();
    expect((await chunks.get(storedPhraseId('team-after', 'p0002')))?.title).toBe('话术 2');
    expect(() => chunks.put({ ...teamRecord(), id: sid('never-read') })).toThrow();
  });

  it('uninstalling removes the pack’s chunks and no neighbour’s', async () => {
    const db = await freshDb();
    await installPack(db, bigPack(ID, 120));
    // `team-after` sorts right next to `team-after-sales`.
    await installPack(db, bigPack('team-after', 5));
    expect(await uninstallPack(db, ID)).toEqual({ ok: true, removed: 120 });
    expect(await packPhraseRecords(db, ID)).toEqual([]);
    expect(await packPhraseRecords(db, 'team-after')).toHaveLength(5);
  });
});

function teamRecord(): PhraseRecord {
  return { id: sid('x'), title: 'x', variants: ['x'], source: { kind: 'pack', packId: ID, version: 1 } };
}

describe('phrase pages walk the agent’s phrases, then the packs’ chunks', () => {
  it('every active phrase exactly once, pages near the limit, trash only the agent’s', async () => {
    const db = await freshDb();
    for (let i = 0; i < 30; i++) {
      await savePhrase(db, { id: `m${String(i).padStart(2, '0')}`, title: `我的${i}`, variants: ['话术'] });
    }
    await trashPhrases(db, ['m03']);
    await installPack(db, bigPack(ID, 420));
    await installPack(db, bigPack('team-after', 7));
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | undefined;
    do {
      const page = await listPhrasePage(db, { after, limit: 200 });
      seen.push(...page.phrases.map((p) => p.id));
      sizes.push(page.phrases.length);
      after = page.next;
    } while (after !== undefined);
    const all = (await listPhrases(db)).map((p) => p.id);
    expect(all).toHaveLength(29 + 427);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    for (const n of sizes) expect(n).toBeLessThan(200 + CHUNK_SIZE);
    const trash = await listPhrasePage(db, { trash: true, limit: 200 });
    expect(trash).toEqual({ phrases: [expect.objectContaining({ id: 'm03' })] });
  });

  it('no packs installed: the agent’s pages end as before', async () => {
    const db = await freshDb();
    await savePhrase(db, { id: 'a', title: '一', variants: ['x'] });
    expect(await listPhrasePage(db, { limit: 10 })).toEqual({
      phrases: [expect.objectContaining({ id: 'a' })],
    });
  });
});

describe('the agent’s own phrases next to chunked pack phrases', () => {
  it('a shortcut a pack phrase has is refused for a personal phrase, whatever its case', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    const r = await savePhrase(db, { id: 'mine', title: '我的', shortcut: 'CFH', variants: ['x'] });
    expect(r).toEqual({
      ok: false,
      errors: [{ field: 'shortcut', message: '快捷码「CFH」已被「催发货」使用' }],
    });
    expect(await db.get('phrases', 'mine')).toBeUndefined();
  });

  it('a pack phrase cannot be saved or imported as the agent’s own', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    const ship = (await storedPhrase(db, sid('ship')))!;
    const saved = await savePhrase(db, { ...ship, title: '改了' });
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.errors[0]?.message).toContain('只读');
    const imported = await importPhrases(db, [
      { id: sid('gone'), title: '旧包', variants: ['x'], source: { kind: 'mine' } },
    ]);
    expect(imported).toEqual({
      ok: false,
      errors: [{ field: '[0].id', message: `编号「${sid('gone')}」是短语包短语的编号，不能用作自己的短语` }],
    });
    expect((await storedPhrase(db, sid('ship')))?.title).toBe('催发货');
    expect(await db.count('phrases')).toBe(0);
  });

  it('using a pack phrase counts, in its chunk', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    expect(await recordPhraseUse(db, sid('ship'), 77)).toBe(1);
    expect(await recordPhraseUse(db, sid('ship'), 78)).toBe(1);
    expect(await storedPhrase(db, sid('ship'))).toMatchObject({ usageCount: 2, lastUsedAt: 78 });
    expect(await recordPhraseUse(db, sid('nope'))).toBe(0);
  });

  it('an import of the agent’s phrases refuses a shortcut a pack phrase has', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    const r = await importPhrases(db, [
      { id: 'n1', title: '新', shortcut: 'cm', variants: ['x'], source: { kind: 'mine' } },
    ]);
    expect(r).toEqual({
      ok: false,
      errors: [{ field: '[0].shortcut', message: '快捷码「cm」已被「尺码推荐」使用' }],
    });
  });
});

describe('migration v1 → v2', () => {
  it('moves pack phrases into chunks and leaves the agent’s phrases where they are', async () => {
    const name = `kefu-v1-${Date.now()}`;
    const v1 = await openKefuDB(name, 1);
    const pack = (i: number): PhraseRecord => ({
      id: storedPhraseId(i < 130 ? ID : 'other', `p${String(i).padStart(3, '0')}`),
      title: `包${i}`,
      variants: ['x'],
      source: { kind: 'pack', packId: i < 130 ? ID : 'other', version: 1 },
      usageCount: i,
    });
    for (let i = 0; i < 135; i++) await v1.put('phrases', pack(i));
    await v1.put('phrases', { id: 'mine', title: '我的', variants: ['y'], source: { kind: 'mine' } });
    await v1.put('phrases', { id: 'starter-1', title: '初始', variants: ['z'], source: { kind: 'starter' } });
    v1.close();

    const v2 = await openKefuDB(name);
    expect((await v2.getAllKeys('phrases')).sort()).toEqual(['mine', 'starter-1']);
    expect(await packPhraseRecords(v2, ID)).toEqual(Array.from({ length: 130 }, (_, i) => pack(i)));
    expect(await packPhraseRecords(v2, 'other')).toEqual([130, 131, 132, 133, 134].map(pack));
    // 'other' sorts before 'team-…'.
    expect((await v2.getAll('packPhrases')).map((c) => c.phrases.length)).toEqual([5, 100, 30]);
    v2.close();
  });
});
