import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openKefuDB } from '../../../lib/store/db';
import { importPhrases, savePhrase } from '../../../lib/store/phrases-repo';

let n = 0;
const freshDb = () => openKefuDB(`kefu-import-test-${Date.now()}-${n++}`);
const phrase = (id: string, title: string, shortcut?: string) => ({
  id,
  title,
  variants: [`${title}，亲`],
  source: { kind: 'mine' as const },
  ...(shortcut ? { shortcut } : {}),
});

describe('importPhrases: shortcuts', () => {
  it('refuses a file that gives one shortcut twice, names both rows, and writes nothing', async () => {
    const db = await freshDb();
    const r = await importPhrases(db, [
      phrase('a', '催发货', 'cfh'),
      phrase('b', '物流', 'wl'),
      phrase('c', '催单', 'cfh'),
    ]);
    expect(r).toEqual({
      ok: false,
      errors: [{ field: '[2].shortcut', message: '快捷码「cfh」和第 1 条重复' }],
    });
    expect(await db.count('phrases')).toBe(0);
  });

  it("refuses a shortcut one of the agent's phrases already has; the stored one is untouched", async () => {
    const db = await freshDb();
    expect((await savePhrase(db, phrase('mine', '催发货', 'cfh'))).ok).toBe(true);
    const r = await importPhrases(db, [phrase('x', '别的', 'cfh')]);
    expect(r).toEqual({
      ok: false,
      errors: [{ field: '[0].shortcut', message: '快捷码「cfh」已被「催发货」使用' }],
    });
    expect((await db.get('phrases', 'mine'))?.title).toBe('催发货');
    expect(await db.get('phrases', 'x')).toBeUndefined();
  });

  it('lets a phrase keep its shortcut when the import replaces it, or when the holder is in the trash', async () => {
    const db = await freshDb();
    await savePhrase(db, phrase('mine', '催发货', 'cfh'));
    await savePhrase(db, phrase('old', '旧的', 'old'));
    await db.put('phrases', { ...(await db.get('phrases', 'old'))!, deletedAt: 1 });
    const r = await importPhrases(db, [phrase('mine', '催发货（新）', 'cfh'), phrase('new', '新的', 'old')]);
    expect(r).toEqual({ ok: true, added: 1, replaced: 1 });
    expect((await db.get('phrases', 'mine'))?.title).toBe('催发货（新）');
  });
});
