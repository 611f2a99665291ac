import { createPhraseIndexCore, type PhraseIndex } from '../phrases/search-core';
import type { PhraseRecord } from '../store/db';
import { openCache, readList } from './phrase-cache';
import type { FromWorker, ToWorker } from './worker-protocol';

/**
 * The popup's search index, built off the main thread: at 20k phrases building takes a few
 * hundred milliseconds, which on the page's thread would swallow the agent's first keystrokes.
 * It reads the list straight from the popup cache (IndexedDB works in workers), so the list is
 * not copied through the page either. Pinyin comes cached with each phrase: this bundle has no
 * pinyin-pro (search-core.ts only).
 */
const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

let index: PhraseIndex<PhraseRecord> | undefined;
let building = 0;

function build(revision: number, phrases: PhraseRecord[]) {
  const t0 = performance.now();
  index = createPhraseIndexCore(phrases);
  scope.postMessage({ type: 'ready', revision, size: index.size, buildMs: performance.now() - t0 });
}

scope.onmessage = async ({ data }) => {
  try {
    if (data.type === 'search') {
      // Cached pinyin stays here: the page needs the texts only.
      const hits = (
        index?.search(data.query, data.limit, data.platform ? { platform: data.platform } : {}) ?? []
      ).map((hit) => ({ ...hit, phrase: { ...hit.phrase, py: undefined } }));
      scope.postMessage({ type: 'results', seq: data.seq, hits });
    } else if (data.type === 'list') {
      build(data.revision, data.phrases);
    } else {
      const run = ++building;
      const phrases = await readList(await openCache(), data.revision);
      if (run !== building) return; // a newer load was asked for meanwhile
      if (phrases) build(data.revision, phrases);
      else scope.postMessage({ type: 'missing', revision: data.revision });
    }
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
