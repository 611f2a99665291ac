/// <reference lib="webworker" />
import { createPhraseIndexCore, type PhraseIndex, type SearchablePhrase } from './search-core';
import type { SearchWorkerReply, SearchWorkerRequest } from './search-worker-protocol';

/**
 * The phrase index of one page's content script, off the page's main thread: building it for
 * 20k phrases takes a few hundred ms, which on the page's thread would freeze a busy chat page.
 * Loaded as an inline (blob) worker by phrase-cache.ts; searches come in as messages.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let index: PhraseIndex<SearchablePhrase> | null = null;
let pending: SearchablePhrase[] = [];

function reply(message: SearchWorkerReply): void {
  scope.postMessage(message);
}

scope.onmessage = (event: MessageEvent<SearchWorkerRequest>) => {
  const m = event.data;
  try {
    handle(m);
  } catch (error) {
    // Answer anyway: the page must not wait forever for a build or a search.
    if ('id' in m)
      reply({ type: 'failed', id: m.id, message: error instanceof Error ? error.message : String(error) });
  }
};

function handle(m: SearchWorkerRequest): void {
  switch (m.type) {
    case 'ping':
      reply({ type: 'pong' });
      return;
    case 'add':
      for (const p of m.phrases) pending.push(p);
      return;
    case 'build': {
      // The old index answers searches until the new one is complete (one message = one swap).
      const next = createPhraseIndexCore(pending, { now: m.now });
      pending = [];
      index = next;
      reply({ type: 'built', id: m.id, size: next.size });
      return;
    }
    case 'discard':
      pending = [];
      return;
    case 'search': {
      const hits = index ? index.search(m.query, m.limit, m.platform ? { platform: m.platform } : {}) : [];
      // The readings stay here: every byte of a reply is copied on the page's thread.
      reply({
        type: 'hits',
        id: m.id,
        hits: hits.map((h) => ({ ...h, phrase: { ...h.phrase, py: undefined } })),
      });
      return;
    }
  }
}
