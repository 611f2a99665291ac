import { sendMessage } from '../messaging/client';
import { watchSettings } from '../settings/store';
import { watchPacksRevision, watchPhrasesRevision } from '../store/revision';
import { DEFAULT_TEAM_SETTINGS, type TeamSettings } from './team-settings';

/**
 * The team settings as a page (content script, options page) sees them: fetched from the
 * background once, kept until a pack, phrase or settings change, then refetched — at once when
 * someone is listening (an open composer, the wording hints), else on the next ask.
 * Until the answer arrives, and whenever the background cannot answer, the built-in defaults
 * stand in: a missing team setting never breaks a feature.
 */

let current: TeamSettings = DEFAULT_TEAM_SETTINGS;
let loading: Promise<TeamSettings> | undefined;
let unwatch: (() => void)[] | undefined;
const listeners = new Set<(settings: TeamSettings) => void>();
/** After a failed fetch, wait this long before asking again (a stopped worker restarts). */
const RETRY_MS = 10_000;

function load(): Promise<TeamSettings> {
  const attempt = sendMessage('team:settings', {}).then(
    (settings) => {
      current = settings;
      for (const listener of listeners) listener(settings);
      return settings;
    },
    (error: unknown) => {
      console.warn('[kefu] team settings unavailable, using the defaults', error);
      setTimeout(() => {
        if (loading === attempt) loading = undefined;
      }, RETRY_MS);
      return current;
    },
  );
  return attempt;
}

function stale(): void {
  loading = undefined;
  if (listeners.size) void teamSettings();
}

function watch(): void {
  if (unwatch) return;
  try {
    unwatch = [watchPacksRevision(stale), watchPhrasesRevision(stale), watchSettings(stale)];
  } catch (error) {
    // Without storage events (tests, an orphaned script) the first answer is kept.
    console.warn('[kefu] cannot watch team settings', error);
    unwatch = [];
  }
}

/** The effective team settings; never rejects (defaults on failure). */
export function teamSettings(): Promise<TeamSettings> {
  watch();
  return (loading ??= load());
}

/** The last known settings, synchronously (defaults before the first answer). */
export function currentTeamSettings(): TeamSettings {
  return current;
}

/** Called with every refreshed answer; returns the unsubscribe. */
export function onTeamSettings(listener: (settings: TeamSettings) => void): () => void {
  listeners.add(listener);
  watch();
  return () => listeners.delete(listener);
}

/** Forget everything (tests; an orphaned content script). */
export function resetTeamSettingsCache(): void {
  for (const stop of unwatch ?? []) stop();
  unwatch = undefined;
  loading = undefined;
  listeners.clear();
  current = DEFAULT_TEAM_SETTINGS;
}
