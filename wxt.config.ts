import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { SELLER_HOST_PATTERNS } from './lib/sites/hosts';

const FIREFOX_GECKO = {
  id: 'kefu-kit@kefukit.dev',
  // 128: Manifest V3 with the host permissions granted at install (127+), as in Chrome.
  strict_min_version: '128.0',
  // Firefox asks every new add-on to declare what it sends out: nothing (all data stays local).
  // (Newer than WXT's manifest type, hence a constant rather than an inline literal.)
  data_collection_permissions: { required: ['none'] },
};

// https://wxt.dev/api/config.html
export default defineConfig({
  // KEFU_OUT_DIR lets parallel builds (several people testing at once) not share one folder.
  outDir: process.env.KEFU_OUT_DIR ?? '.output',
  // MV3 everywhere. WXT builds Firefox as MV2 by default, and drops MV3-only keys such as
  // optional_host_permissions from it: a pack subscription could not ask for its origin there.
  manifestVersion: 3,
  modules: ['@wxt-dev/i18n/module', '@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // Only the seller back-offices; pack subscriptions ask for their origin at subscribe time.
    host_permissions: [...SELLER_HOST_PATTERNS],
    optional_host_permissions: ['https://*/*'],
    permissions: ['storage', 'alarms', 'notifications', 'clipboardWrite', 'activeTab', 'scripting'],
    commands: {
      'open-phrase-picker': {
        suggested_key: { default: 'Alt+K' },
        description: '__MSG_commandOpenPicker__',
      },
    },
    // Firefox only: Chrome lists an unknown key as a manifest warning.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: FIREFOX_GECKO } } : {}),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
