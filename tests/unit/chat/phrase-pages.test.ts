import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openKefuDB } from '../../../lib/store/db';
import { listPhrasePage } from '../../../lib/store/phrase-pages';

describe('listPhrasePage (phrases:list with limit)', () => {
  it('walks every active phrase once, in id order, page by page; trash on request', async () => {
    const db = await openKefuDB(`kefu-pages-${Date.now()}`);
    for (let i = 0; i < 23; i++) {
      await db.put('phrases', {
        id: `p${String(i).padStart(2, '0')}`,
        title: `短语${i}`,
        variants: ['话术'],
        source: { kind: 'mine' },
        ...(i % 5 === 0 ? { deletedAt: 1 } : {}),
      });
    }
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listPhrasePage(db, { after, limit: 10 });
      seen.push(...page.phrases.map((p) => p.id));
      after = page.next;
      pages++;
    } while (after !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(
      Array.from({ length: 23 }, (_, i) => i)
        .filter((i) => i % 5 !== 0)
        .map((i) => `p${String(i).padStart(2, '0')}`),
    );
    const trash = await listPhrasePage(db, { trash: true, limit: 100 });
    expect(trash.phrases.map((p) => p.id)).toEqual(['p00', 'p05', 'p10', 'p15', 'p20']);
    expect(trash.next).toBeUndefined();
    db.close();
  });
});
