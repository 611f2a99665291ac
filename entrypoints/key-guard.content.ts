import { defineContentScript } from 'wxt/utils/define-content-script';
import { installKeyGuard } from '../lib/dom/key-guard';
import { SELLER_HOST_PATTERNS } from '../lib/sites/hosts';

// Before any page script: our capture listener on window must be the first one (see key-guard.ts).
// Tiny on purpose — it runs on every seller page and frame; the picker claims it later.
export default defineContentScript({
  matches: [...SELLER_HOST_PATTERNS],
  allFrames: true,
  runAt: 'document_start',
  main() {
    installKeyGuard();
  },
});
