import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createMessageRouter } from '../lib/messaging/router';
import { createHandlers } from '../lib/background/handlers';
import { startPackUpdates } from '../lib/background/packs-handlers';
import { startRegisterAlarms } from '../lib/background/registers-handlers';
import { handleCommand } from '../lib/background/commands';
import { seedOnInstall } from '../lib/store/seed';

export default defineBackground(() => {
  const route = createMessageRouter(createHandlers());
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  // Subscribed packs: update checks on start and hourly (alarms).
  startPackUpdates();
  // Registers: daily retention purge, follow-up reminders (alarms + notifications).
  startRegisterAlarms();
  // Alt+K: open the phrase picker in the focused field of the active tab.
  browser.commands.onCommand.addListener((command) => void handleCommand(command));
  // First install only (not updates): the starter phrases, once — seed.ts remembers it in kv.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install')
      void seedOnInstall().catch((error) => console.error('[kefu] seeding failed', error));
  });
});
