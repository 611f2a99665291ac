import { describe, expect, it } from 'vitest';
import { withPinyin } from '../../../lib/phrases/pinyin';
import { createQuickScan } from '../../../lib/popup/quick-scan';
import { buildSnapshot, createSnapshotScan } from '../../../lib/popup/scan-snapshot';
import type { PhraseRecord } from '../../../lib/store/db';

const phrases: PhraseRecord[] = [
  {
    id: 'a',
    title: '催付',
    shortcut: 'cf',
    variants: ['亲，看到您还没付款'],
    usageCount: 9,
    source: { kind: 'mine' },
  },
  {
    id: 'b',
    title: '催发货',
    shortcut: 'cfh',
    category: '售中/发货时间',
    tags: ['发货'],
    variants: ['让您久等了', '已经帮您催仓库了'],
    usageCount: 1,
    source: { kind: 'starter' },
  },
  {
    id: 'c',
    title: '退款进度',
    shortcut: 'thtk',
    variants: ['退款一般 1-3 天到账'],
    platforms: ['jd'],
    source: { kind: 'mine' },
  },
  {
    id: 'd',
    title: '物流查询',
    shortcut: 'wl',
    variants: ['{买家|亲}，单号是{单号}，顺丰很快'],
    lastUsedAt: 5,
    source: { kind: 'mine' },
  },
  { id: 'gone', title: '催发货旧版', variants: ['x'], deletedAt: 1, source: { kind: 'mine' } },
].map((p) => withPinyin(p as PhraseRecord));

const engines = {
  'plain scan (quick-scan.ts)': createQuickScan(phrases),
  'snapshot scan (scan-snapshot.ts)': createSnapshotScan(
    // as it comes back from IndexedDB: a structured clone
    structuredClone(buildSnapshot(7, phrases)),
  ),
};

for (const [name, scan] of Object.entries(engines)) {
  describe(name, () => {
    const ids = (q: string, platform?: 'jd' | 'pdd') => scan.search(q, 10, platform).map((h) => h.id);

    it('an exact shortcut first, then title, pinyin and initials matches; never the trash', () => {
      expect(ids('cfh')[0]).toBe('b');
      expect(ids('催')).toEqual(['a', 'b']); // both titles start with 催: the more used first
      expect(ids('cuifahuo')).toEqual(['b']);
      expect(ids('tkjd')).toEqual(['c']);
      expect(ids('旧版')).toEqual([]);
    });

    it('highlights where it matched: title characters for pinyin, the variant for text', () => {
      const [pinyin] = scan.search('fahuo', 1);
      expect(pinyin).toMatchObject({
        id: 'b',
        via: 'pinyin',
        highlight: { field: 'title', ranges: [[1, 3]] },
      });
      const [initials] = scan.search('tkjd', 1);
      expect(initials).toMatchObject({ via: 'initials', highlight: { field: 'title', ranges: [[0, 4]] } });
      const [variant] = scan.search('仓库', 1);
      expect(variant).toMatchObject({ id: 'b', highlight: { field: 'variant', index: 1, ranges: [[5, 7]] } });
      const [title] = scan.search('发货', 1);
      expect(title).toMatchObject({ id: 'b', highlight: { field: 'title', ranges: [[1, 3]] } });
    });

    it('filters by the page platform and returns the phrase as stored', () => {
      expect(ids('退款')).toEqual(['c']);
      expect(ids('退款', 'pdd')).toEqual([]);
      expect(ids('退款', 'jd')).toEqual(['c']);
      const [hit] = scan.search('wl', 1);
      expect(hit!.phrase).toMatchObject({
        id: 'd',
        title: '物流查询',
        shortcut: 'wl',
        variants: ['{买家|亲}，单号是{单号}，顺丰很快'],
      });
      expect(scan.search('顺丰', 5).map((h) => h.id)).toEqual(['d']);
    });
  });
}
