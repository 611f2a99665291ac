import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleCommand, OPEN_PICKER_COMMAND } from '../../../lib/background/commands';

describe('keyboard commands', () => {
  beforeEach(() => fakeBrowser.reset());

  it('Alt+K sends picker:open to the active tab (every frame; the focused one answers)', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 } as Browser.tabs.Tab]);
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ opened: true });
    expect(await handleCommand(OPEN_PICKER_COMMAND)).toBe(true);
    expect(query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
    expect(send).toHaveBeenCalledWith(7, { type: 'picker:open' });
  });

  it('ignores other commands and tabs without our content script', async () => {
    expect(await handleCommand('something-else')).toBe(false);
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 8 } as Browser.tabs.Tab]);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist'));
    expect(await handleCommand(OPEN_PICKER_COMMAND)).toBe(false);
  });
});
