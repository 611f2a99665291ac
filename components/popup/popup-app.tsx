import { i18n } from '#i18n';
import { browser } from 'wxt/browser';

export function PopupApp() {
  return (
    <main style={{ width: '380px', padding: '12px' }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <strong>{i18n.t('extName')}</strong>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {i18n.t('popup.openOptions')}
        </button>
      </header>
    </main>
  );
}
