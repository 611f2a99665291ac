import type { Platform } from '../sites/platforms';
import {
  createPhraseIndexCore,
  type PhraseHit,
  type PhraseIndex,
  type SearchablePhrase,
} from './search-core';
import type { SearchWorkerReply, SearchWorkerRequest } from './search-worker-protocol';

/**
 * The content script's phrase index (the `/` picker). Loaded lazily — the first time the agent
 * focuses a field — through `phrases:list`, page by page (each page is one small task on the
 * seller page's thread), then indexed with the cached pinyin (`py`, derived by the background;
 * pinyin-pro never comes into a content script). It stays until the phrases' revision changes,
 * then reloads in the background while the old index keeps answering: never on a keystroke.
 *
 * A few hundred phrases are indexed on the page's thread (a few ms) and searched synchronously,
 * so results paint in the keystroke's own task. A big set (building the index for 20k phrases
 * takes a few hundred ms — a long task no busy chat page should get from us) is indexed in a Web
 * Worker when the page allows one; where the page's CSP refuses blob workers, on the page's
 * thread after all.
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

/** Where the index runs. */
export interface SearchEngine<P extends SearchablePhrase> {
  readonly kind: 'worker' | 'main';
  add(phrases: P[]): void;
  /** Replaces the searchable set with everything added since the last build. */
  build(now: number): Promise<number>;
  /** Drops what was added since the last build (a reload that went stale). */
  discard(): void;
  search(query: string, limit: number, platform?: Platform): Promise<PhraseHit<P>[]>;
  dispose(): void;
}

export interface PhraseCacheDeps<P extends SearchablePhrase> {
  listPage(after: string | undefined, limit: number): Promise<PhrasePageResult<P>>;
  /** Calls back with each new phrases revision; returns the unsubscribe. */
  watchRevision(callback: (revision: number) => void): () => void;
  /** An engine of that kind; a worker the page refuses comes back as a main-thread engine. */
  createEngine(kind: 'worker' | 'main'): Promise<SearchEngine<P>>;
  /** Where `count` phrases are best indexed (default: always on the calling thread). */
  engineFor?(count: number): 'worker' | 'main';
  now?(): number;
  pageSize?: number;
}

/**
 * Up to this many phrases the index is built on the page's thread (a few ms, no long task) and
 * searched synchronously: no thread hop, results painted in the keystroke's own task. Above it,
 * building would be a long task, so the worker does it.
 */
export const MAIN_THREAD_MAX = 800;

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
  private engine: Promise<SearchEngine<P>> | null = null;
  private loading: Promise<void> | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private unwatch: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  /** Used in this page since it loaded, newest first: the empty query shows them on top. */
  private recent: P[] = [];
  private disposed = false;
  /** The page's CSP refused our worker once: do not ask again. */
  private workerRefused = false;
  error: unknown;

  constructor(private readonly deps: PhraseCacheDeps<P>) {}

  get status(): CacheStatus {
    return this.state;
  }
  get size(): number {
    return this.count;
  }
  get engineKind(): Promise<'worker' | 'main' | null> {
    return this.engine ? this.engine.then((e) => e.kind) : Promise.resolve(null);
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
          this.loading = null;
          // The next ensure() retries from scratch, with a fresh engine.
          void this.engine?.then((e) => e.dispose());
          this.engine = null;
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

      const current = this.engine ? await this.engine.catch(() => null) : null;
      const want = this.workerRefused ? 'main' : (this.deps.engineFor?.(all.length) ?? 'main');
      const engine = current?.kind === want ? current : await this.deps.createEngine(want);
      if (want === 'worker' && engine.kind === 'main') this.workerRefused = true;
      for (let i = 0; i < all.length; i += pageSize) {
        // One page per task: posting to a worker copies the phrases on the page's thread.
        if (i > 0 && engine.kind === 'worker') await nextTask();
        engine.add(all.slice(i, i + pageSize));
      }
      try {
        this.count = await engine.build(this.deps.now?.() ?? Date.now());
      } catch (error) {
        if (engine !== current) engine.dispose();
        throw error;
      }
      if (this.disposed) return engine.dispose();
      if (engine !== current) {
        this.engine = Promise.resolve(engine);
        current?.dispose();
      }
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
    const engine = await this.engine!;
    const hits = await engine.search(query, limit, platform);
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
    void this.engine?.then((e) => e.dispose());
    this.listeners.clear();
  }
}

/** Resolves in a later task (not a microtask): lets the page's own work run in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// ---------------------------------------------------------------------------------------------
// Engines.

/** The index on the calling thread. Building runs in a task of its own. */
export function mainThreadEngine<P extends SearchablePhrase>(): SearchEngine<P> {
  let index: PhraseIndex<P> | null = null;
  let pending: P[] = [];
  return {
    kind: 'main',
    add: (phrases) => {
      for (const p of phrases) pending.push(p);
    },
    build: (now) =>
      new Promise((resolve) => {
        setTimeout(() => {
          index = createPhraseIndexCore(pending, { now });
          pending = [];
          resolve(index.size);
        }, 0);
      }),
    discard: () => {
      pending = [];
    },
    search: (query, limit, platform) =>
      Promise.resolve(index ? index.search(query, limit, platform ? { platform } : {}) : []),
    dispose: () => {
      index = null;
      pending = [];
    },
  };
}

/**
 * The index in a worker (see search-worker.ts). Resolves null when the worker cannot start or
 * does not answer (a page CSP without `blob:` for workers): the caller falls back to the main
 * thread.
 */
export function workerEngine<P extends SearchablePhrase>(
  start: () => Worker,
  timeoutMs = 2000,
): Promise<SearchEngine<P> | null> {
  let worker: Worker;
  try {
    worker = start();
  } catch {
    return Promise.resolve(null);
  }
  let nextId = 1;
  type Waiter = { resolve(reply: SearchWorkerReply): void; reject(error: Error): void };
  const waiting = new Map<number, Waiter>();
  const send = (m: SearchWorkerRequest) => worker.postMessage(m);
  /** Sends `m` and waits for the reply with its id (a `failed` reply rejects). */
  const request = <R extends SearchWorkerReply>(m: SearchWorkerRequest & { id: number }) => {
    const p = new Promise<R>((resolve, reject) =>
      waiting.set(m.id, { resolve: resolve as (r: SearchWorkerReply) => void, reject }),
    );
    send(m);
    return p;
  };
  const failAll = (message: string) => {
    for (const w of waiting.values()) w.reject(new Error(message));
    waiting.clear();
  };

  return new Promise((resolve) => {
    let alive = false;
    const fail = () => {
      if (alive) return;
      clearTimeout(timer);
      worker.terminate();
      resolve(null);
    };
    const timer = setTimeout(fail, timeoutMs);
    worker.addEventListener('error', (event) => {
      if (!alive) return fail();
      event.preventDefault();
      failAll(`phrase search worker: ${event.message}`);
    });
    worker.addEventListener('message', (event: MessageEvent<SearchWorkerReply>) => {
      const m = event.data;
      if (m.type === 'pong') {
        alive = true;
        clearTimeout(timer);
        resolve(engine);
        return;
      }
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.type === 'failed') w?.reject(new Error(m.message));
      else w?.resolve(m);
    });
    const engine: SearchEngine<P> = {
      kind: 'worker',
      add: (phrases) => send({ type: 'add', phrases }),
      build: async (now) => {
        const reply = await request<Extract<SearchWorkerReply, { type: 'built' }>>({
          type: 'build',
          id: nextId++,
          now,
        });
        return reply.size;
      },
      discard: () => send({ type: 'discard' }),
      search: async (query, limit, platform) => {
        const reply = await request<Extract<SearchWorkerReply, { type: 'hits' }>>({
          type: 'search',
          id: nextId++,
          query,
          limit,
          ...(platform ? { platform } : {}),
        });
        return reply.hits as PhraseHit<P>[];
      },
      dispose: () => {
        worker.terminate();
        failAll('phrase search worker stopped');
      },
    };
    send({ type: 'ping' });
  });
}
