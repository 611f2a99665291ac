import { selector } from '../selector';
import type { SiteAdapter } from '../types';

const selectors = {
  editable: selector('editable', {
    css: 'textarea, input[type="text"], input:not([type]), [contenteditable="true"], [contenteditable=""]',
    seen: '2026-11-22',
    why: 'any field an agent can type into; the fallback when no platform adapter knows the page',
  }),
};

/** The fallback for pages no platform adapter recognizes: editable fields only, no page data. */
export const genericAdapter: SiteAdapter = {
  id: 'generic',
  platform: 'other',
  matchesHost: () => true,
  pageKind: () => 'unknown',
  selectors: Object.values(selectors),
  chat: {
    input: selectors.editable,
    buyerNick: () => undefined,
  },
};
