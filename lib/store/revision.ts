import { storage } from 'wxt/utils/storage';

/**
 * A counter bumped after every phrase write. Content scripts and the popup keep their phrase
 * index until it changes, so a keystroke never waits for the background.
 */
const phrasesRevision = storage.defineItem<number>('local:phrasesRevision', { fallback: 0 });

export const getPhrasesRevision = () => phrasesRevision.getValue();
export const bumpPhrasesRevision = async () => {
  const next = (await phrasesRevision.getValue()) + 1;
  await phrasesRevision.setValue(next);
  return next;
};
export const watchPhrasesRevision = (callback: (revision: number) => void) =>
  phrasesRevision.watch((value) => callback(value ?? 0));
