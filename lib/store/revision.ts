import { storage } from 'wxt/utils/storage';

/** A counter in extension storage: bumped by the background, watched by every page. */
function revisionCounter(key: `local:${string}`) {
  const item = storage.defineItem<number>(key, { fallback: 0 });
  return {
    get: () => item.getValue(),
    bump: async () => {
      const next = (await item.getValue()) + 1;
      await item.setValue(next);
      return next;
    },
    watch: (callback: (revision: number) => void) => item.watch((value) => callback(value ?? 0)),
  };
}

/**
 * Bumped after every phrase write. Content scripts and the popup keep their phrase index until it
 * changes, so a keystroke never waits for the background.
 */
const phrases = revisionCounter('local:phrasesRevision');
export const getPhrasesRevision = phrases.get;
export const bumpPhrasesRevision = phrases.bump;
export const watchPhrasesRevision = phrases.watch;

/**
 * Bumped after every change to the installed packs (install, update, rollback, uninstall), also
 * when no phrase changed: a pack update may bring only a new flag legend or policy. Pages keep
 * their team settings (packs/team-settings.ts) until it changes.
 */
const packs = revisionCounter('local:packsRevision');
export const getPacksRevision = packs.get;
export const bumpPacksRevision = packs.bump;
export const watchPacksRevision = packs.watch;
