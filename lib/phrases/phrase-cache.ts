import type { Platform } from '../sites/platforms';
import {
  createPhraseIndexSliced,
  type PhraseHit,
  type PhraseIndex,
  type SearchablePhrase,
} from './search-core';

/**
 * The content script's phrase index (the `/` picker). Loaded lazily — the first time the agent
 * focuses a field — through `phrases:list`, page by page (each page is one small task on the
 * seller page's thread), then indexed with the cached pinyin (`py`, derived by the background;
 * pinyin-pro never comes into a content script). It stays until the phrases' revision changes,
 * then reloads in the background while the old index keeps answering: never on a keystroke.
 *
 * The index lives on the page's thread and is searched synchronously, so a keystroke's results
 * are in the DOM in the keystroke's own task (a worker's reply tends to land after the next
 * frame). Building it for 20k phrases takes a few hundred ms of work, so it is built in slices
 * of a few ms, each its own task: a busy chat page never gets a long task from us.
 */

export type CachedPhrase = SearchablePhrase & {
  title: string;
  variants: string[];
  category?: string;
  shortcut?: string;
};

export interface PhrasePageResult<P> {
  phrases: P[];
  revision: number;
  next?: string;
}

export type CacheStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface PhraseCacheDeps<P> {
  listPage(after: string | undefined, limit: number): Promise<PhrasePageResult<P>>;
  /** Calls back with each new phrases revision; returns the unsubscribe. */
  watchRevision(callback: (revision: number) => void): () => void;
  now?(): number;
  pageSize?: number;
  /** Work per slice of the index build (ms) before the thread is given back. */
  sliceMs?: number;
}

/**
 * Small enough that one page's clone + zod check (~5 ms for 500 phrases on a quiet machine)
 * stays far below a long task even on a busy, slow one.
 */
export const PHRASE_PAGE_SIZE = 500;
const MAX_RECENT = 10;

export class PhraseCache<P extends SearchablePhrase> {
  private state: CacheStatus = 'idle';
  private revision = -1;
  private count = 0;
  private index: PhraseIndex<P> | null = null;
  private loading: Promise<void> | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private unwatch: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  /** Used in this page since it loaded, newest first: the empty query shows them on top. */
  private recent: P[] = [];
  private disposed = false;
  /** Stops the build of an index nobody will use (disposed). */
  private readonly abort = new AbortController();
  error: unknown;

  constructor(private readonly deps: PhraseCacheDeps<P>) {}

  get status(): CacheStatus {
    return this.state;
  }
  get size(): number {
    return this.count;
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(status: CacheStatus): void {
    this.state = status;
    for (const l of this.listeners) l();
  }

  /** Starts loading (once); resolves when the first index is ready (rejects on failure). */
  ensure(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('phrase cache disposed'));
    if (this.state === 'ready') return Promise.resolve();
    if (!this.loading) {
      this.set('loading');
      this.unwatch ??= this.deps.watchRevision((revision) => {
        if (revision !== this.revision) this.scheduleReload();
      });
      this.loading = this.load().then(
        () => this.set('ready'),
        (error: unknown) => {
          this.error = error;
          // The next ensure() retries from scratch.
          this.loading = null;
          this.set('error');
          throw error;
        },
      );
    }
    return this.loading;
  }

  private scheduleReload(): void {
    if (this.state !== 'ready' || this.disposed) return;
    clearTimeout(this.reloadTimer);
    // Several writes usually come together (an import, a restore): reload once after them.
    this.reloadTimer = setTimeout(() => {
      void this.load().catch((error: unknown) => console.warn('[kefu] phrase reload failed', error));
    }, 300);
  }

  /** Reads every page at one revision (restarting if it changes midway) and swaps the index. */
  private async load(): Promise<void> {
    const pageSize = this.deps.pageSize ?? PHRASE_PAGE_SIZE;
    for (let attempt = 0; attempt < 3; attempt++) {
      let after: string | undefined;
      let revision: number | undefined;
      let stale = false;
      const all: P[] = [];
      do {
        const page = await this.deps.listPage(after, pageSize);
        if (this.disposed) return;
        if (revision === undefined) revision = page.revision;
        else if (page.revision !== revision) {
          stale = true;
          break;
        }
        for (const p of page.phrases) all.push(p);
        after = page.next;
      } while (after !== undefined);
      if (stale) continue;

      const index = await createPhraseIndexSliced(all, {
        now: this.deps.now?.() ?? Date.now(),
        sliceMs: this.deps.sliceMs ?? 6,
        pause: nextTask,
        signal: this.abort.signal,
      }).catch((error: unknown) => {
        if (this.disposed) return null; // aborted on purpose
        throw error;
      });
      if (!index || this.disposed) return;
      // One assignment: the old index answered every search until this moment.
      this.index = index;
      this.count = index.size;
      this.revision = revision ?? 0;
      this.recent = [];
      for (const l of this.listeners) l();
      return;
    }
    throw new Error('短语在载入时一直在变化，稍后再试');
  }

  /** Best first; the empty query gives the phrases used here lately, then the most used. */
  async search(query: string, limit: number, platform?: Platform): Promise<PhraseHit<P>[]> {
    await this.ensure();
    const hits = this.index ? this.index.search(query, limit, platform ? { platform } : {}) : [];
    if (query.trim() !== '' || this.recent.length === 0) return hits;
    const mine = this.recent
      .filter((p) => !platform || !p.platforms?.length || p.platforms.includes(platform))
      .map((phrase): PhraseHit<P> => ({ id: phrase.id, phrase, score: 0, via: 'recent' }));
    const ids = new Set(mine.map((h) => h.id));
    return [...mine, ...hits.filter((h) => !ids.has(h.id))].slice(0, limit);
  }

  /** Remembers a phrase the agent just used (the background counts it too, via phrases:used). */
  noteUsed(phrase: P): void {
    this.recent = [phrase, ...this.recent.filter((p) => p.id !== phrase.id)].slice(0, MAX_RECENT);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.reloadTimer);
    this.unwatch?.();
    this.abort.abort();
    this.index = null;
    this.listeners.clear();
  }
}

/**
 * Resolves in a later task (not a microtask), letting the page's own work run in between. A
 * message to ourselves, not setTimeout: timers in a background tab run once a second at most,
 * which would stretch a 20k build over minutes.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
