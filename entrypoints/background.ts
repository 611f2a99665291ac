import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createMessageRouter } from '../lib/messaging/router';
import { createHandlers } from '../lib/background/handlers';

export default defineBackground(() => {
  const route = createMessageRouter(createHandlers());
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
});
