import type { CDPSession, Frame, Locator, Page } from 'playwright-core';
import { DEMO_ROUTES } from '../fixtures/demo/routes';
import type { DemoRoute } from '../fixtures/demo/route-types';
import type { KefuBrowser } from './browser';
import { openDemoPage } from './tour';

/**
 * Chat pages for the chat-helper tests, benches and tour: where the reply box is, in which frame,
 * and where the page's test hooks (`__demo`) live.
 */
export interface ChatTarget {
  routeId: string;
  /** CSS of the reply box. */
  field: string;
  /** The box is in a frame whose URL starts with this (hooks are mirrored on the top page). */
  frame?: string;
  /** Can hold line breaks (textarea, contenteditable) — else breaks become spaces. */
  multiline: boolean;
  /** The buyer nick the page shows (variables, rotation), if any. */
  buyer?: string;
}

export const CHAT_TARGETS: Record<string, ChatTarget> = {
  jd: { routeId: 'jd-dongdong', field: '.EditorContent', multiline: true, buyer: '小雨点点滴' },
  pdd: { routeId: 'pdd-chat', field: '#replyTextarea', multiline: true, buyer: 'm***o' },
  douyin: {
    routeId: 'douyin-feige',
    field: 'textarea[data-qa-id="qa-send-message-textarea"]',
    multiline: true,
    buyer: '晴***8',
  },
  'douyin-iframe': {
    routeId: 'douyin-feige-embed',
    field: 'textarea[data-qa-id="qa-send-message-textarea"]',
    frame: 'https://im.jinritemai.com/pc_seller_v2/main/workspace?embed=1',
    multiline: true,
    buyer: '晴***8',
  },
  'lab-react': { routeId: 'lab-react', field: '#react-input', multiline: true },
  'lab-vue': { routeId: 'lab-vue', field: '#vue-input', multiline: true },
  'lab-editor': { routeId: 'lab-editor', field: '#editor', multiline: true },
  'lab-enter-sends': { routeId: 'lab-enter-sends', field: '#plain-input', multiline: true },
  'lab-iframe': {
    routeId: 'lab-iframe',
    field: '#frame-input',
    frame: 'https://im.jinritemai.com/kefu-lab/frame-input',
    multiline: false,
  },
};

export function routeById(id: string): DemoRoute {
  const route = DEMO_ROUTES.find((r) => r.id === id);
  if (!route) throw new Error(`no demo route ${id}`);
  return route;
}

export interface OpenChat {
  page: Page;
  /** Where the field is (the page or its frame). */
  scope: Page | Frame;
  field: Locator;
  picker: Locator;
  target: ChatTarget;
}

/** Opens a chat target, waits for the page, its frame and our content script there. */
export async function openChat(page: Page, target: ChatTarget, url?: string): Promise<OpenChat> {
  const route = routeById(target.routeId);
  // A fresh document every time (the same URL with a #hash would not reload).
  await page.goto('about:blank');
  await openDemoPage(page, url ? { ...route, url } : route);
  let scope: Page | Frame = page;
  if (target.frame) {
    const prefix = target.frame;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const frame = page.frames().find((f) => f.url().startsWith(prefix));
      if (frame) {
        const ready = await frame
          .evaluate(() => !!document.documentElement.dataset.kefuFeatures?.includes('phrase-picker'))
          .catch(() => false);
        if (ready) {
          scope = frame;
          break;
        }
      }
      if (Date.now() > deadline) throw new Error(`frame ${prefix} did not get the content script`);
      await page.waitForTimeout(100);
    }
  } else {
    await page.waitForFunction(
      () => !!document.documentElement.dataset.kefuFeatures?.includes('phrase-picker'),
    );
  }
  const field = scope.locator(target.field).first();
  await field.waitFor();
  return { page, scope, field, picker: pickerIn(scope), target };
}

export const pickerIn = (scope: Page | Frame) =>
  scope.locator('kefu-phrase-picker [data-testid="phrase-picker"]');

type DemoHooks = { __demo: { sent: string[]; state(): { draft: string } } };

/** What the page's framework holds as the draft (React state, Vue ref, editor model). */
export const draftOf = (page: Page) =>
  page.evaluate(() => (window as unknown as DemoHooks).__demo.state().draft);
/** Every message the page sent. */
export const sentOf = (page: Page) => page.evaluate(() => [...(window as unknown as DemoHooks).__demo.sent]);

/** Sends a message to the background from an extension page (the way the options page does). */
export async function sendToBackground<T = unknown>(browser: KefuBrowser, message: unknown): Promise<T> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    return (await page.evaluate(
      (m) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).chrome.runtime.sendMessage(m),
      message,
    )) as T;
  } finally {
    await page.close();
  }
}

/** Imports phrases through the background (`phrases:import`), failing loudly when refused. */
export async function seedPhrases(browser: KefuBrowser, phrases: unknown[]): Promise<void> {
  const reply = await sendToBackground<{ ok: boolean; data?: { ok: boolean }; error?: string }>(browser, {
    type: 'phrases:import',
    data: { phrases },
  });
  if (!reply.ok || !reply.data?.ok) throw new Error(`phrases:import failed: ${JSON.stringify(reply)}`);
}

/** The extension APIs tests use inside the service worker (see inServiceWorker). */
export interface WorkerChrome {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(key: string): Promise<void>;
    };
  };
  tabs: {
    query(query: Record<string, unknown>): Promise<Array<{ id?: number }>>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
}

/**
 * Runs `fn` in the extension's service worker, with its `chrome` (the function is sent as source:
 * it can use nothing from this file but its argument).
 */
export function inServiceWorker<T>(
  browser: KefuBrowser,
  fn: (chrome: WorkerChrome) => T | Promise<T>,
): Promise<T> {
  return browser.serviceWorker.evaluate((source) => {
    const run = new Function('chrome', `return (${source})(chrome)`) as (c: unknown) => unknown;
    return run((globalThis as unknown as { chrome: unknown }).chrome);
  }, fn.toString()) as Promise<T>;
}

/**
 * An IME composition the way Chromium gets it from a real input method: keys arrive as
 * keyCode 229 ("Process"), the composition text updates, then the candidate is committed.
 */
export async function imeType(page: Page, cdp: CDPSession, raw: string, commit: string): Promise<void> {
  for (let i = 1; i <= raw.length; i++) {
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
      key: 'Process',
      code: `Key${raw[i - 1]!.toUpperCase()}`,
    });
    await cdp.send('Input.imeSetComposition', { text: raw.slice(0, i), selectionStart: i, selectionEnd: i });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', windowsVirtualKeyCode: 229, key: 'Process' });
  }
  // The Enter (or space) that confirms the candidate: the IME takes it, the page sees 229.
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'rawKeyDown',
    windowsVirtualKeyCode: 229,
    nativeVirtualKeyCode: 229,
    key: 'Process',
    code: 'Enter',
  });
  await cdp.send('Input.insertText', { text: commit });
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'keyUp',
    windowsVirtualKeyCode: 13,
    key: 'Enter',
    code: 'Enter',
  });
  await page.waitForTimeout(50);
}
