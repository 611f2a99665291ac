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

/**
 * A counter bumped after every change to the installed packs (install, update, rollback,
 * uninstall), also when no phrase changed: a pack update may bring only a new flag legend or
 * policy. Pages keep their team settings (packs/team-settings.ts) until it changes.
 */
const packsRevision = storage.defineItem<number>('local:packsRevision', { fallback: 0 });

export const getPacksRevision = () => packsRevision.getValue();
export const bumpPacksRevision = async () => {
  const next = (await packsRevision.getValue()) + 1;
  await packsRevision.setValue(next);
  return next;
};
export const watchPacksRevision = (callback: (revision: number) => void) =>
  packsRevision.watch((value) => callback(value ?? 0));
