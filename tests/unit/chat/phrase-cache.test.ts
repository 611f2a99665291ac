import { describe, expect, it, vi } from 'vitest';
import { PhraseCache, type PhrasePageResult } from '../../../lib/phrases/phrase-cache';
import type { SearchablePhrase } from '../../../lib/phrases/search-core';

type P = SearchablePhrase & { id: string };
const phrase = (id: string, title: string, shortcut?: string): P => ({
  id,
  title,
  shortcut,
  variants: [`${title}的话术`],
});
const ALL = Array.from({ length: 25 }, (_, i) =>
  phrase(`p${String(i).padStart(2, '0')}`, `短语${i}`, `s${i}`),
);

function fakeSource(phrases: P[] = ALL) {
  const state = {
    revision: 1,
    phrases,
    calls: 0,
    listeners: [] as Array<(r: number) => void>,
    bumpDuringRead: false,
  };
  const listPage = vi.fn(async (after: string | undefined, limit: number): Promise<PhrasePageResult<P>> => {
    state.calls++;
    const sorted = [...state.phrases].sort((a, b) => a.id.localeCompare(b.id));
    const from = after === undefined ? 0 : sorted.findIndex((p) => p.id > after);
    const page = from < 0 ? [] : sorted.slice(from, from + limit);
    const revision = state.revision;
    if (state.bumpDuringRead) {
      state.bumpDuringRead = false;
      state.revision++;
    }
    const last = page[page.length - 1];
    return page.length === limit && last
      ? { phrases: page, revision, next: last.id }
      : { phrases: page, revision };
  });
  const watchRevision = (cb: (r: number) => void) => {
    state.listeners.push(cb);
    return () => undefined;
  };
  return { state, listPage, watchRevision };
}

describe('PhraseCache', () => {
  it('loads nothing until asked, then every page once, and searches', async () => {
    const src = fakeSource();
    const cache = new PhraseCache<P>({
      ...src,
      pageSize: 10,
    });
    expect(cache.status).toBe('idle');
    expect(src.listPage).not.toHaveBeenCalled();
    const hits = await cache.search('s7', 5);
    expect(hits[0]?.id).toBe('p07');
    expect(cache.status).toBe('ready');
    expect(cache.size).toBe(25);
    expect(src.listPage).toHaveBeenCalledTimes(3); // 10 + 10 + 5
    await cache.search('s8', 5);
    await cache.search('', 5);
    expect(src.listPage).toHaveBeenCalledTimes(3); // never on a keystroke
  });

  it('starts over when the revision changes between pages', async () => {
    const src = fakeSource();
    src.state.bumpDuringRead = true;
    const cache = new PhraseCache<P>({
      ...src,
      pageSize: 10,
    });
    await cache.ensure();
    expect(cache.size).toBe(25);
    expect(src.listPage.mock.calls.length).toBeGreaterThan(3);
  });

  it('reloads after a revision change while the old index keeps answering', async () => {
    vi.useFakeTimers();
    try {
      const src = fakeSource();
      const cache = new PhraseCache<P>({
        ...src,
        pageSize: 100,
      });
      const ready = cache.search('s3', 3);
      await vi.runAllTimersAsync();
      expect((await ready)[0]?.id).toBe('p03');
      src.state.phrases = [...ALL, phrase('p99', '新短语', 'xin')];
      src.state.revision = 2;
      src.state.listeners.forEach((l) => l(2));
      const before = cache.search('xin', 3);
      await vi.runAllTimersAsync();
      expect(await before).toEqual([]); // answered by the old index
      await vi.advanceTimersByTimeAsync(400);
      await vi.runAllTimersAsync();
      const after = cache.search('xin', 3);
      await vi.runAllTimersAsync();
      expect((await after)[0]?.id).toBe('p99');
    } finally {
      vi.useRealTimers();
    }
  });

  it('puts phrases used on this page first for the empty query', async () => {
    const src = fakeSource();
    const cache = new PhraseCache<P>({ ...src });
    await cache.ensure();
    cache.noteUsed(ALL[20]!);
    cache.noteUsed(ALL[3]!);
    const hits = await cache.search('', 5);
    expect(hits.slice(0, 2).map((h) => h.id)).toEqual(['p03', 'p20']);
    expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
  });

  it('builds a big set in slices on this thread and answers like the one-go index', async () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      phrase(`m${String(i).padStart(4, '0')}`, `催发货${i}`, `cfh${i}`),
    );
    const src = fakeSource(many);
    // sliceMs 0: give the thread back after every step, as a very slow machine would.
    const cache = new PhraseCache<P>({ ...src, sliceMs: 0 });
    let tasksBetween = 0;
    const ticker = setInterval(() => tasksBetween++, 0);
    await cache.ensure();
    clearInterval(ticker);
    expect(tasksBetween).toBeGreaterThan(0);
    expect(cache.size).toBe(3000);
    expect((await cache.search('cfh2999', 1))[0]?.id).toBe('m2999');
  });

  it('a cache disposed mid-build stops quietly and never answers from the half-built index', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => phrase(`m${i}`, `短语${i}`));
    const cache = new PhraseCache<P>({ ...fakeSource(many), sliceMs: 0 });
    const loading = cache.ensure();
    await new Promise((r) => setTimeout(r, 0));
    cache.dispose();
    await expect(loading).resolves.toBeUndefined();
    expect(cache.size).toBe(0);
    await expect(cache.search('短语1', 1)).rejects.toThrow('disposed');
  });

  it('reports a failed load and tries again on the next search', async () => {
    const src = fakeSource();
    let fail = true;
    const listPage = vi.fn(async (after: string | undefined, limit: number) => {
      if (fail) throw new Error('后台没有回复');
      return src.listPage(after, limit);
    });
    const cache = new PhraseCache<P>({ ...src, listPage });
    await expect(cache.search('s1', 3)).rejects.toThrow('后台没有回复');
    expect(cache.status).toBe('error');
    fail = false;
    expect((await cache.search('s1', 3))[0]?.id).toBe('p01');
  });
});
