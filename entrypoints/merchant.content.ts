import { defineContentScript } from 'wxt/utils/define-content-script';
import { FEATURES } from '../lib/features';
import { startFeatures } from '../lib/features/manager';
import { SELLER_HOST_PATTERNS } from '../lib/sites/hosts';

// One content script for every seller page and frame; it only fans out to the features.
export default defineContentScript({
  matches: [...SELLER_HOST_PATTERNS],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    startFeatures(ctx, FEATURES);
  },
});
