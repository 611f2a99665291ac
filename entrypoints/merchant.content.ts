import { defineContentScript } from 'wxt/utils/define-content-script';
import { SELLER_HOST_PATTERNS } from '../lib/sites/hosts';

export default defineContentScript({
  matches: [...SELLER_HOST_PATTERNS],
  allFrames: true,
  runAt: 'document_idle',
  main() {
    console.info('[kefu] content script', location.href);
  },
});
