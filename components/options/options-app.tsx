import { i18n } from '#i18n';
import { SettingsSection } from './settings-section';

export function OptionsApp() {
  return (
    <div style={{ maxWidth: '960px', margin: '0 auto', padding: '24px' }}>
      <h1 style={{ fontSize: '20px' }}>{i18n.t('extName')}</h1>
      <SettingsSection />
    </div>
  );
}
