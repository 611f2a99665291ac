import type { PhraseHit } from '../phrases/search-core';
import type { Platform } from '../sites/platforms';
import type { PhraseRecord } from '../store/db';
import { getPhrasesRevision } from '../store/revision';
import { noteUse, readMeta } from './cache-meta';
import { openCache, readList, readScan, type CacheDB } from './phrase-cache';
import { createSnapshotScan, type ScanSnapshot } from './scan-snapshot';
import { createQuickScan } from './quick-scan';
import type { FromWorker, ToWorker } from './worker-protocol';
// Vite bundles the worker as its own file (extension pages may start workers from their origin).
import SearchWorker from './search-worker?worker';

/**
 * Where the popup's phrases come from, fastest first:
 * 1. the cache's small `meta` record → 最近使用 / 常用 paint right away (cache-meta.ts: the popup
 *    reads it itself, synchronously, before this module has even loaded);
 * 2. the cache's full list → a plain scan answers queries typed in the first moments;
 * 3. the worker's index over the same list → the real search (pinyin, ranking, highlights).
 * When the phrases changed since the cache was made (the revision moved), the list is asked from
 * the background once, shown, and cached for the next open; until it arrives (a second or two
 * with 20k phrases) the last open's snapshot answers, and a phrase picked from it is looked up
 * again in the fresh list before it is used (`latest`).
 *
 * `direct` mode skips the cache and the worker: list from the background, plain scan. It is the
 * way a naive popup would work, kept as the fallback when the cache cannot be opened and as the
 * bench's baseline (popup.html?source=direct).
 */
export type SourceMode = 'cached' | 'direct';
export type Engine = 'index' | 'scan';

export interface TopPhrases {
  recent: PhraseRecord[];
  frequent: PhraseRecord[];
  count: number;
}

export interface SourceEvents {
  /** Phrases to show before anything is typed (may come twice: cached, then fresh). */
  onTop(top: TopPhrases): void;
  /** A better engine became available: run the current query again. */
  onEngine(engine: Engine): void;
  onError(message: string): void;
}

export interface SearchResult {
  hits: PhraseHit<PhraseRecord>[];
  engine: Engine;
}

export class PhraseSource {
  private cache?: CacheDB;
  private scan?: { search(query: string, limit: number, platform?: Platform): PhraseHit<PhraseRecord>[] };
  private worker?: Worker;
  private indexReady = false;
  private seq = 0;
  private pending = new Map<number, (hits: PhraseHit<PhraseRecord>[]) => void>();
  private waiting: (() => void)[] = [];
  /** The list, once this page holds it (needed again if the worker finds no cached list). */
  private list?: { revision: number; phrases: PhraseRecord[] };
  /** Set while answers come from an outdated snapshot: settles once the fresh list is here. */
  private outdated?: Promise<ReadonlyMap<string, PhraseRecord> | undefined>;

  constructor(
    private readonly mode: SourceMode,
    private readonly events: SourceEvents,
  ) {}

  async start(): Promise<void> {
    if (this.mode === 'direct') {
      await this.fetchList();
      return;
    }
    // The revision (browser storage) and the cache database open in parallel; when the cached meta
    // names a revision, its snapshot is read meanwhile too, and used only if the revision agrees.
    const claimed = readMeta()?.revision;
    const opening = openCache().catch(() => undefined);
    const snapshot =
      claimed === undefined
        ? undefined
        : opening.then((cache) => (cache ? readScan(cache, claimed).catch(() => undefined) : undefined));
    const [revision, cache] = await Promise.all([getPhrasesRevision(), opening]);
    this.cache = cache;
    if (cache && claimed === revision) {
      // The snapshot first, then the worker: IndexedDB serves one database's reads in turn, and
      // the worker's read of the full list would hold the small snapshot up.
      await this.loadScan(cache, revision, await snapshot);
      this.startWorker({ type: 'load', revision });
      return;
    }
    const fresh = this.fetchList();
    const outdated = cache ? await snapshot : undefined;
    if (outdated && !this.scan) {
      // The phrases changed since the last open: answer from its snapshot meanwhile.
      const outdatedUntil = fresh.then((phrases) => phrases && new Map(phrases.map((p) => [p.id, p])));
      this.outdated = outdatedUntil;
      void outdatedUntil.then(() => {
        if (this.outdated === outdatedUntil) this.outdated = undefined;
      });
      this.scan = createSnapshotScan(outdated);
      this.wake();
      this.events.onEngine('scan');
    }
    await fresh;
  }

  /**
   * The phrase as it is now, when it was picked from an outdated snapshot (null: it was deleted
   * meanwhile); undefined when the phrases shown are current, so the caller goes on at once.
   */
  latest(phrase: PhraseRecord): Promise<PhraseRecord | null> | undefined {
    if (!this.outdated) return undefined;
    return this.outdated.then((byId) => (byId ? (byId.get(phrase.id) ?? null) : phrase));
  }

  private async loadScan(cache: CacheDB, revision: number, snap?: ScanSnapshot) {
    if (this.indexReady) return;
    if (snap) {
      this.scan = createSnapshotScan(snap);
      this.wake();
      this.events.onEngine('scan');
      return;
    }
    const phrases = await readList(cache, revision).catch(() => undefined);
    if (!phrases || this.indexReady) return;
    this.list = { revision, phrases };
    this.setScan(phrases);
  }

  private setScan(phrases: PhraseRecord[]) {
    this.scan = createQuickScan(phrases);
    this.wake();
    this.events.onEngine('scan');
  }

  /** The fresh list from the background (undefined when it could not be had). */
  private async fetchList(): Promise<PhraseRecord[] | undefined> {
    // Loaded here, not up front: messaging brings zod and the protocol, which the first paint
    // from the cache does not need.
    const [{ sendMessage }, { topOf, writeCache }] = await Promise.all([
      import('../messaging/client'),
      import('./phrase-cache-write'),
    ]);
    let reply;
    try {
      reply = await sendMessage('phrases:list', {});
    } catch (error) {
      this.events.onError(error instanceof Error ? error.message : String(error));
      return undefined;
    }
    const phrases = reply.phrases as PhraseRecord[];
    this.list = { revision: reply.revision, phrases };
    this.events.onTop({ ...topOf(phrases), count: phrases.length });
    this.setScan(phrases);
    if (this.mode === 'direct') return phrases;
    if (this.cache) {
      const cache = this.cache;
      // Cache for the next open, then let the worker read it from there (no copy through here).
      void writeCache(cache, reply.revision, phrases)
        .then(() => this.startWorker({ type: 'load', revision: reply.revision }))
        .catch(() => this.startWorker({ type: 'list', revision: reply.revision, phrases }));
    } else {
      this.startWorker({ type: 'list', revision: reply.revision, phrases });
    }
    return phrases;
  }

  private startWorker(first: ToWorker) {
    if (!this.worker) {
      try {
        this.worker = new SearchWorker();
      } catch {
        return; // no worker: the plain scan keeps answering
      }
      this.worker.onmessage = ({ data }: MessageEvent<FromWorker>) => this.fromWorker(data);
      this.worker.onerror = () => this.worker?.terminate();
    }
    this.worker.postMessage(first);
  }

  private fromWorker(message: FromWorker) {
    switch (message.type) {
      case 'ready':
        this.indexReady = true;
        this.scan = undefined; // the index answers from now on; let the list go
        this.list = undefined;
        this.wake();
        this.events.onEngine('index');
        break;
      case 'missing':
        if (this.list) this.worker?.postMessage({ type: 'list', ...this.list } satisfies ToWorker);
        else void this.fetchList();
        break;
      case 'results':
        this.pending.get(message.seq)?.(message.hits);
        this.pending.delete(message.seq);
        break;
      case 'error':
        console.error('[kefu] popup search worker', message.message);
        break;
    }
  }

  private wake() {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w();
  }

  get engine(): Engine | undefined {
    return this.indexReady ? 'index' : this.scan ? 'scan' : undefined;
  }

  async search(query: string, limit: number, platform?: Platform): Promise<SearchResult> {
    while (!this.indexReady && !this.scan) await new Promise<void>((wake) => this.waiting.push(wake));
    if (this.indexReady && this.worker) {
      const seq = ++this.seq;
      const hits = await new Promise<PhraseHit<PhraseRecord>[]>((resolve) => {
        this.pending.set(seq, resolve);
        this.worker!.postMessage({ type: 'search', seq, query, limit, platform } satisfies ToWorker);
      });
      return { hits, engine: 'index' };
    }
    return { hits: this.scan!.search(query, limit, platform), engine: 'scan' };
  }

  /** Counts a use in the background and in the cached 最近使用. */
  async recordUse(phrase: PhraseRecord): Promise<void> {
    const { sendMessage } = await import('../messaging/client');
    await Promise.allSettled([
      sendMessage('phrases:used', { id: phrase.id }),
      this.mode === 'cached' ? noteUse(phrase) : undefined,
    ]);
  }

  dispose() {
    this.worker?.terminate();
    this.cache?.close();
  }
}
