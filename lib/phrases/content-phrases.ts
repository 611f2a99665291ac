import { sendMessage } from '../messaging/client';
import type { ResponseOf } from '../messaging/protocol';
import { watchPhrasesRevision } from '../store/revision';
import { PhraseCache } from './phrase-cache';

/** A phrase as the content script gets it: the stored record with its cached pinyin. */
export type ContentPhrase = ResponseOf<'phrases:list'>['phrases'][number];

let cache: PhraseCache<ContentPhrase> | undefined;

/**
 * The frame's one phrase cache (module-level: SPA navigations re-run the features, the phrases
 * stay). Nothing is fetched until someone calls ensure() or search().
 */
export function contentPhraseCache(): PhraseCache<ContentPhrase> {
  cache ??= new PhraseCache<ContentPhrase>({
    listPage: (after, limit) => sendMessage('phrases:list', { ...(after ? { after } : {}), limit }),
    watchRevision: (callback) => watchPhrasesRevision(callback),
  });
  return cache;
}

/** Drops the cache (extension reloaded or updated: this content script is orphaned). */
export function disposeContentPhraseCache(): void {
  cache?.dispose();
  cache = undefined;
}
