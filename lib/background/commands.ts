import { browser } from 'wxt/browser';
import type { PickerOpenRequest } from '../messaging/picker-messages';

/** The manifest's keyboard command for the picker (wxt.config.ts `commands`). */
export const OPEN_PICKER_COMMAND = 'open-phrase-picker';

/**
 * Keyboard commands. Alt+K: the active tab's frames get `picker:open`; the frame with the
 * focused field opens the picker at its caret (content scripts cannot see the shortcut
 * themselves: the browser takes it before the page). A tab without our content script (a page
 * that is not a seller back-office) simply does not answer.
 */
export async function handleCommand(command: string): Promise<boolean> {
  if (command !== OPEN_PICKER_COMMAND) return false;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined) return false;
  const message: PickerOpenRequest = { type: 'picker:open' };
  try {
    await browser.tabs.sendMessage(tab.id, message);
    return true;
  } catch {
    return false;
  }
}
