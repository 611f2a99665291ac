import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { getSettings, updateSettings } from '../../lib/settings/store';
import type { Settings } from '../../lib/settings/schema';

/** The settings every feature shares: the agent's name first (remarks and {客服} use it). */
export function SettingsSection() {
  const [settings, setSettings] = useState<Settings>();
  const [saved, setSaved] = useState(false);
  useEffect(() => void getSettings().then(setSettings), []);
  if (!settings) return null;

  const save = async (patch: Partial<Settings>) => {
    setSettings(await updateSettings(patch));
    setSaved(true);
  };

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title" style={{ fontSize: '16px' }}>
        {i18n.t('settings.title')}
      </h2>
      <label style={{ display: 'grid', gap: '4px', maxWidth: '320px' }}>
        {i18n.t('settings.agentName')}
        <input
          data-testid="settings-agent-name"
          value={settings.agentName}
          maxLength={20}
          placeholder={i18n.t('settings.agentNamePlaceholder')}
          onChange={(e) => void save({ agentName: e.currentTarget.value })}
        />
      </label>
      {saved && <p class="muted">{i18n.t('settings.saved')}</p>}
    </section>
  );
}
