import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derivePhrasePinyin } from '../../../lib/phrases/pinyin';
import { createPhraseIndex, TIER, type PhraseHit } from '../../../lib/phrases/search';
import {
  createPhraseIndexCore,
  createPhraseIndexSliced,
  normalizeQuery,
  normalizeText,
  PINYIN_VARIANT_CHARS,
  type SearchablePhrase,
} from '../../../lib/phrases/search-core';

const NOW = Date.UTC(2025, 5, 1);
const DAY = 86_400_000;

interface TestPhrase extends SearchablePhrase {
  title: string;
}

const P = (id: string, title: string, extra: Partial<TestPhrase> = {}): TestPhrase => ({
  id,
  title,
  variants: extra.variants ?? [`${title}的回复`],
  ...extra,
});

const ids = (hits: PhraseHit<unknown>[]) => hits.map((h) => h.id);
/** The highlighted characters of a hit, taken from the phrase's own field. */
function highlighted(hit: PhraseHit<TestPhrase>): string {
  const h = hit.highlight!;
  const p = hit.phrase;
  const text =
    h.field === 'title'
      ? p.title
      : h.field === 'shortcut'
        ? p.shortcut!
        : h.field === 'category'
          ? p.category!
          : h.field === 'tag'
            ? p.tags![h.index]!
            : p.variants[h.index]!;
  return h.ranges.map(([s, e]) => text.slice(s, e)).join('');
}

const library: TestPhrase[] = [
  P('urge', '催发货', { shortcut: 'cfh', category: '售中/发货时间', variants: ['亲，已经帮您催仓库了'] }),
  P('urge-calm', '催发货安抚', { category: '售中/发货时间', usageCount: 50, lastUsedAt: NOW }),
  P('resend', '重新发货', { variants: ['给您重新安排发货'] }),
  P('bank', '银行卡退款', { variants: ['退款会原路退回银行卡'] }),
  P('repay', '还款说明', { variants: ['分期的还款日以支付页面为准'] }),
  P('done', '处理好了', { tags: ['售后'], category: '售后/退货' }),
  P('size', 'XL码推荐', { shortcut: 'xl', variants: ['身高175建议XL码'] }),
  P('zto', '中通快递', { shortcut: 'zt', variants: ['默认发中通'] }),
  P('insure', '退货说明', { variants: ['买了运费险的话，退货运费由保险赔付'] }),
  P('bargain', '议价', { shortcut: 'yj', tags: ['议价'], variants: ['已经是活动价了'] }),
  P('fuzzy', '发货慢', { shortcut: 'fhm', variants: ['抱歉让您久等'] }),
  P('seven', '七天无理由退货', { variants: ['签收七天内可以申请'] }),
];

describe('createPhraseIndex', () => {
  const index = createPhraseIndex(library, { now: NOW });

  it('puts an exact shortcut first, above busier phrases that only share a prefix', () => {
    const hits = index.search('cfh');
    expect(hits[0]).toMatchObject({ id: 'urge', via: 'shortcut', score: TIER.shortcutExact });
    expect(hits[0]!.highlight).toEqual({ field: 'shortcut', index: 0, ranges: [[0, 3]] });
    // 催发货安抚 (used 50×) also matches cfh by initials, but after the exact shortcut
    expect(ids(hits)).toContain('urge-calm');
    expect(ids(hits).indexOf('urge-calm')).toBeGreaterThan(0);
  });

  it('finds Chinese substrings and highlights them', () => {
    const hits = index.search('发货');
    expect(ids(hits)).toEqual(expect.arrayContaining(['urge', 'urge-calm', 'resend', 'fuzzy']));
    const resend = hits.find((h) => h.id === 'resend')!;
    expect(resend.highlight).toEqual({ field: 'title', index: 0, ranges: [[2, 4]] });
  });

  it('matches pinyin initials and highlights the Chinese characters', () => {
    const hits = index.search('cfh');
    const calm = hits.find((h) => h.id === 'urge-calm')!;
    expect(calm.via).toBe('initials');
    expect(highlighted(calm as PhraseHit<TestPhrase>)).toBe('催发货');
  });

  it('matches full pinyin, also typed half way', () => {
    for (const q of ['cuifahuo', 'cuifah', 'cuif']) {
      const hit = index.search(q).find((h) => h.id === 'urge-calm');
      expect(hit?.via, q).toBe('pinyin');
    }
    const hit = index.search('cuifahuo').find((h) => h.id === 'urge')!;
    expect(highlighted(hit as PhraseHit<TestPhrase>)).toBe('催发货');
  });

  it('matches a mix of characters and initials (催fh)', () => {
    const hits = index.search('催fh');
    expect(ids(hits).slice(0, 2).sort()).toEqual(['urge', 'urge-calm']);
    expect(hits[0]!.via).toBe('mixed');
    expect(highlighted(hits[0] as PhraseHit<TestPhrase>)).toBe('催发货');
  });

  it('reads polyphones in context: 重新 chong, 银行 hang, 好了 le', () => {
    expect(ids(index.search('chongxin'))).toContain('resend');
    expect(ids(index.search('cx'))).toContain('resend');
    expect(ids(index.search('yinhang'))).toContain('bank');
    expect(highlighted(index.search('yinhang')[0] as PhraseHit<TestPhrase>)).toBe('银行');
    expect(ids(index.search('chulihaole'))).toContain('done');
  });

  it('also accepts the other reading of a polyphone, ranked below the contextual one', () => {
    // pinyin-pro reads 还款 as hai kuan; agents type huan kuan
    const hit = index.search('huankuan').find((h) => h.id === 'repay')!;
    expect(hit).toBeDefined();
    const contextual = index.search('haikuan').find((h) => h.id === 'repay')!;
    expect(contextual.score).toBeGreaterThan(hit.score);
  });

  it('ranks a title prefix above a match inside a title', () => {
    const hits = index.search('tuihuo');
    // 退货说明 starts with it, 七天无理由退货 has it inside, 处理好了 only in its category 售后/退货
    expect(ids(hits)).toEqual(['insure', 'seven', 'done']);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(TIER.titlePrefix);
    expect(hits[1]!.score).toBeLessThan(TIER.titlePrefix);
    expect(hits[2]!.highlight?.field).toBe('category');
    expect(highlighted(hits[2] as PhraseHit<TestPhrase>)).toBe('退货');
  });

  it('searches variants, tags and categories below titles', () => {
    const hits = index.search('运费险');
    expect(hits[0]).toMatchObject({ id: 'insure', highlight: { field: 'variant', index: 0 } });
    expect(highlighted(hits[0] as PhraseHit<TestPhrase>)).toBe('运费险');
    const tag = index.search('shouhou').find((h) => h.id === 'done')!;
    expect(tag.highlight?.field).toBe('tag');
    expect(tag.score).toBeLessThan(TIER.titleInner);
  });

  it('orders equal matches by usage, fading with time since last use', () => {
    const phrases = [
      P('never', '退货流程'),
      P('stale', '退货地址', { usageCount: 40, lastUsedAt: NOW - 200 * DAY }),
      P('fresh', '退货运费', { usageCount: 5, lastUsedAt: NOW - DAY }),
      P('busy', '退货挽留', { usageCount: 40, lastUsedAt: NOW - 20 * DAY }),
    ];
    const hits = createPhraseIndex(phrases, { now: NOW }).search('退货');
    expect(ids(hits)).toEqual(['busy', 'fresh', 'stale', 'never']);
    expect(new Set(hits.map((h) => h.score)).size).toBe(1);
  });

  it('returns recent and frequent phrases for an empty query', () => {
    const hits = index.search('   ', 3);
    expect(hits).toHaveLength(3);
    expect(hits[0]).toMatchObject({ id: 'urge-calm', via: 'recent' });
  });

  it('never returns deleted phrases', () => {
    const withTrash = [...library, P('gone', '催发货话术', { deletedAt: NOW, shortcut: 'cfh2' })];
    const idx = createPhraseIndex(withTrash, { now: NOW });
    expect(ids(idx.search('催发货'))).not.toContain('gone');
    expect(ids(idx.search('cfh2'))).not.toContain('gone');
    expect(ids(idx.search('', 100))).not.toContain('gone');
    expect(idx.size).toBe(library.length);
  });

  it('filters by platform', () => {
    const phrases = [P('jd', '京东发货', { platforms: ['jd'] }), P('all', '通用发货')];
    const idx = createPhraseIndex(phrases, { now: NOW });
    expect(ids(idx.search('发货', 10, { platform: 'taobao' }))).toEqual(['all']);
    expect(ids(idx.search('发货', 10, { platform: 'jd' })).sort()).toEqual(['all', 'jd']);
  });

  it('respects the limit and returns the caller’s phrase objects', () => {
    expect(index.search('h', 2)).toHaveLength(2);
    expect(index.search('cfh', 0)).toEqual([]);
    expect(index.search('cfh')[0]!.phrase).toBe(library[0]);
  });

  it('folds case and fullwidth letters', () => {
    expect(ids(index.search('ＸＬ'))[0]).toBe('size');
    expect(ids(index.search('XLM'))).toContain('size');
  });
});

describe('createPhraseIndexCore (content scripts: cached pinyin only)', () => {
  it('uses cached readings and falls back to text when they are stale', () => {
    const fresh = { ...P('a', '催发货'), py: derivePhrasePinyin(P('a', '催发货')) };
    const stale = { ...P('b', '退货地址'), py: derivePhrasePinyin(P('b', '换货地址')) };
    const index = createPhraseIndexCore([fresh, stale]);
    expect(ids(index.search('cfh'))).toEqual(['a']);
    expect(ids(index.search('thdz'))).toEqual([]); // stale readings are ignored…
    expect(ids(index.search('退货'))).toEqual(['b']); // …but the text is still searchable
  });

  it('ignores malformed cached readings instead of failing', () => {
    const bad = {
      ...P('a', '催发货'),
      py: { v: 1, fp: derivePhrasePinyin(P('a', '催发货')).fp, title: 'cui 1fa huo' },
    };
    const index = createPhraseIndexCore([bad]);
    expect(ids(index.search('催发'))).toEqual(['a']);
    expect(ids(index.search('cfh'))).toEqual([]);
  });

  it('built in slices (a page thread), answers exactly like the one-go build', async () => {
    const topics = ['催发货', '退货地址', '尺码推荐', '顺丰到付', '换货流程', '质量问题'];
    const corpus = Array.from({ length: 1500 }, (_, i) => {
      const t = topics[i % topics.length]!;
      const p = P(`s${i}`, `${t}${i}`, {
        shortcut: `k${i}`,
        category: i % 3 ? '售后/退货' : '售中/发货',
        tags: i % 5 ? [] : ['羽绒服'],
        variants: [`亲，关于${t}我们马上为您处理`, `${t}请您放心`],
        usageCount: i % 17,
        lastUsedAt: NOW - (i % 40) * DAY,
      });
      return { ...p, py: derivePhrasePinyin(p) };
    });
    let pauses = 0;
    const sliced = await createPhraseIndexSliced(corpus, {
      now: NOW,
      sliceMs: 0,
      pause: async () => void pauses++,
    });
    const whole = createPhraseIndexCore(corpus, { now: NOW });
    // 1500 phrases, a chance to pause every 128 items and in every finishing pass.
    expect(pauses).toBeGreaterThan(20);
    for (const q of ['', '催', 'cfh', 'thdz', '退h', 'k149', '羽绒', 'shou', 'zzz', '处理']) {
      const a = sliced.search(q, 20);
      const b = whole.search(q, 20);
      expect(a.map((h) => [h.id, h.score, h.via, h.highlight])).toEqual(
        b.map((h) => [h.id, h.score, h.via, h.highlight]),
      );
    }
    expect(sliced.search('cfh', 20).length).toBeGreaterThan(0);
  });

  it('a sliced build stops when its signal aborts', async () => {
    const corpus = Array.from({ length: 600 }, (_, i) => P(`a${i}`, `短语${i}`));
    const abort = new AbortController();
    const build = createPhraseIndexSliced(corpus, {
      sliceMs: 0,
      pause: async () => abort.abort(),
      signal: abort.signal,
    });
    await expect(build).rejects.toThrow();
  });

  it('does not pull pinyin-pro into content-script code', () => {
    const files = ['lib/phrases/search-core.ts', 'lib/sites/platforms.ts'];
    for (const f of files)
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/from ['"]pinyin-pro['"]|\.\/pinyin['"]/);
    const imports = [...readFileSync('lib/phrases/search-core.ts', 'utf8').matchAll(/from '([^']+)'/g)].map(
      (m) => m[1],
    );
    expect(imports.sort()).toEqual(['../sites/platforms', 'zod']);
  });
});

// Each property builds a few hundred small indexes: generous time on a shared 2-core machine.
describe('search invariants (generated libraries and queries)', { timeout: 60_000 }, () => {
  const chars = '催发货退换尺码物流快递重新银行还款好了亲您的一二三长度行李XLM';
  const word = fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 6 });
  const phraseArb = fc.record({
    title: word,
    variants: fc.array(word, { minLength: 1, maxLength: 3 }),
    shortcut: fc.option(fc.oneof(fc.stringMatching(/^[a-z]{1,4}$/), word), { nil: undefined }),
    tags: fc.array(word, { maxLength: 2 }),
    category: fc.option(word, { nil: undefined }),
    usageCount: fc.nat(3),
  });
  const queryArb = fc.oneof(
    word,
    fc.stringMatching(/^[a-z]{1,6}$/),
    fc.tuple(fc.constantFrom(...chars), fc.stringMatching(/^[a-z]{1,3}$/)).map(([a, b]) => a + b),
  );
  const build = (rows: (Omit<TestPhrase, 'id'> & { tags: string[] })[]) =>
    rows.map((r, k) => P(`p${k}`, r.title, { ...r, lastUsedAt: NOW - k * DAY }));

  it('typing a query key by key gives what searching it at once gives', () => {
    fc.assert(
      fc.property(
        fc.array(phraseArb, { minLength: 1, maxLength: 40 }),
        queryArb,
        fc.nat(8),
        (rows, q, lim) => {
          const phrases = build(rows);
          const typed = createPhraseIndex(phrases, { now: NOW });
          for (let k = 1; k < q.length; k++) typed.search(q.slice(0, k), lim + 1);
          const once = createPhraseIndex(phrases, { now: NOW });
          expect(ids(typed.search(q, lim + 1))).toEqual(ids(once.search(q, lim + 1)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a smaller limit returns the head of a larger one, with highlights inside the field', () => {
    fc.assert(
      fc.property(
        fc.array(phraseArb, { minLength: 1, maxLength: 40 }),
        queryArb,
        fc.nat(6),
        (rows, q, lim) => {
          const index = createPhraseIndex(build(rows), { now: NOW });
          const all = index.search(q, 1000);
          expect(ids(index.search(q, lim + 1))).toEqual(ids(all).slice(0, lim + 1));
          for (let k = 1; k < all.length; k++)
            expect(all[k - 1]!.score).toBeGreaterThanOrEqual(all[k]!.score);
          for (const hit of all) {
            const [s, e] = hit.highlight!.ranges[0]!;
            expect(s).toBeGreaterThanOrEqual(0);
            expect(e).toBeGreaterThan(s);
            expect(highlighted(hit).length).toBe(e - s);
            if (hit.via === 'text' || hit.via === 'shortcut')
              expect(highlighted(hit).toLowerCase()).toBe(q.toLowerCase());
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  /** Straight from the cached readings: characters, initials, or full pinyin from a syllable start. */
  function plainlyMatches(text: string, readings: string | undefined, q: string): boolean {
    const t = normalizeText(text);
    if (t.includes(q)) return true;
    if (!readings) return false;
    const tokens = readings.split(' ').map((x) => x.split('|')[0]!);
    const ini = tokens.map((r, k) => r[0] ?? t[k]).join('');
    const syllables = tokens.map((r, k) => r || t[k]!);
    const full = syllables.join('');
    let at = 0;
    const starts = syllables.map((r) => ((at += r.length), at - r.length));
    return ini.includes(q) || starts.some((st) => full.startsWith(q, st));
  }

  it('finds every phrase whose fields plainly contain the query (no false negatives)', () => {
    fc.assert(
      fc.property(fc.array(phraseArb, { minLength: 1, maxLength: 40 }), queryArb, (rows, raw) => {
        const phrases = build(rows);
        const q = normalizeQuery(raw);
        const found = new Set(ids(createPhraseIndex(phrases, { now: NOW }).search(raw, 1000)));
        for (const p of phrases) {
          const py = derivePhrasePinyin(p);
          const head = p.variants[0]!.slice(0, PINYIN_VARIANT_CHARS);
          const plain =
            plainlyMatches(p.title, py.title, q) ||
            (p.category !== undefined && plainlyMatches(p.category, py.category, q)) ||
            (p.tags ?? []).some((t, k) => plainlyMatches(t, py.tags?.[k], q)) ||
            (p.shortcut !== undefined && normalizeText(p.shortcut).includes(q)) ||
            plainlyMatches(head, py.variant, q) ||
            p.variants.some((v) => normalizeText(v).includes(q));
          if (plain) expect(found.has(p.id), `${p.id} for ${q}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
