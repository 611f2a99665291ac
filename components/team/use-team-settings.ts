import { useEffect, useState } from 'preact/hooks';
import { currentTeamSettings, onTeamSettings, teamSettings } from '../../lib/packs/team-cache';
import type { TeamSettings } from '../../lib/packs/team-settings';

/**
 * The team settings for a component, live: starts from `initial` (what the mounting code already
 * fetched) or the last known value, and follows every refresh after a pack change.
 */
export function useTeamSettings(initial?: TeamSettings): TeamSettings {
  const [settings, setSettings] = useState<TeamSettings>(() => initial ?? currentTeamSettings());
  useEffect(() => {
    let live = true;
    const off = onTeamSettings((next) => live && setSettings(next));
    void teamSettings().then((next) => live && setSettings(next));
    return () => {
      live = false;
      off();
    };
  }, []);
  return settings;
}
