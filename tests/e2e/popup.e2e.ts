import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_ROUTES } from '../fixtures/demo/routes';
import { launchWithExtension, type KefuBrowser } from '../harness/browser';
import { openDemoPage } from '../harness/tour';

/**
 * The popup on the built extension: search by Chinese, full pinyin and initials; copy (with the
 * variables asked for, never a literal {买家}); insert into the Pinduoduo chat's reply box — the
 * page's Vue model updated and nothing sent; and the Chinese explanations when it cannot insert.
 */

type DemoWindow = { __demo: { sent: string[]; state(): { draft: string } } };
type ChromeGlobal = {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; data: { phrases: unknown[] } }> };
    tabs: { query(q: object): Promise<{ id: number; url: string }[]> };
  };
};

const STEP_MS = 15_000;
const PDD_CHAT = DEMO_ROUTES.find((r) => r.id === 'pdd-chat')!;
const SHOTS = resolve(import.meta.dirname, '../../test-results/screens');
let browser: KefuBrowser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchWithExtension();
  // Extension origins are opaque to grantPermissions({ origin }): grant for every page.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // The starter phrases are seeded by runtime.onInstalled: wait until they are there.
  const page = await browser.context.newPage();
  await page.goto(popupUrl());
  const count = () =>
    page.evaluate(async () => {
      const r = await (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage({
        type: 'phrases:list',
        data: {},
      });
      return r.ok ? r.data.phrases.length : 0;
    });
  for (let t = Date.now(); (await count()) < 50;) {
    if (Date.now() - t > 15_000) throw new Error('the starter phrases were not seeded');
    await page.waitForTimeout(200);
  }
  await page.close();
});
afterAll(async () => browser?.close());

function popupUrl(tabId?: number) {
  return `chrome-extension://${browser.extensionId}/popup.html${tabId ? `?tab=${tabId}` : ''}`;
}

async function openPopup(tabId?: number): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 600 });
  await popup.goto(popupUrl(tabId));
  // The clipboard and the caret need a focused document: the popup is the page in front.
  await popup.bringToFront();
  // Bounded waits: a step that never happens fails by name instead of eating the test's minute.
  await popup.locator('[data-testid="popup-result"]').first().waitFor({ timeout: STEP_MS });
  return popup;
}

const search = popupSearch;
async function popupSearch(popup: Page, query: string) {
  const box = popup.locator('[data-testid="popup-search"]');
  await box.fill(query);
  await expect
    .poll(() => popup.locator('[data-testid="popup-results"]').getAttribute('data-query'))
    .toBe(query);
}

const firstResult = (popup: Page) => popup.locator('[data-testid="popup-result"]').first();

async function tabIdOf(popup: Page, urlPrefix: string): Promise<number> {
  return popup.evaluate(async (prefix) => {
    const tabs = await (globalThis as unknown as ChromeGlobal).chrome.tabs.query({});
    return tabs.find((t) => t.url?.startsWith(prefix))!.id;
  }, urlPrefix);
}

describe('popup search', () => {
  let popup: Page;
  beforeAll(async () => {
    popup = await openPopup();
  });
  afterAll(async () => popup.close());

  it('opens with the focus in the search box and shows phrases before anything is typed', async () => {
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'popup-search',
    );
    expect(await popup.locator('[data-testid="popup-result"]').count()).toBeGreaterThan(3);
  });

  it('finds 催发货 by Chinese, with the match highlighted', async () => {
    await search(popup, '催发货');
    await expect.poll(() => firstResult(popup).locator('.result-title').innerText()).toBe('催发货');
    expect(await firstResult(popup).locator('.result-title mark').innerText()).toBe('催发货');
  });

  it('finds it by full pinyin (cuifahuo) and by initials (cfh)', async () => {
    await search(popup, 'cuifahuo');
    await expect.poll(() => firstResult(popup).locator('.result-title').innerText()).toBe('催发货');
    expect(await firstResult(popup).locator('.result-title mark').innerText()).toBe('催发货');
    await search(popup, 'cfh');
    await expect.poll(() => firstResult(popup).locator('.result-title').innerText()).toBe('催发货');
    // initials that are not a shortcut: 退款进度 (its shortcut is thtk)
    await search(popup, 'tkjd');
    await expect.poll(() => firstResult(popup).locator('.result-title').innerText()).toBe('退款进度');
    expect(await firstResult(popup).getAttribute('data-via')).toBe('initials');
    // mixed Chinese + initials
    await search(popup, '退h');
    await expect
      .poll(() => firstResult(popup).locator('.result-title mark').first().innerText())
      .toContain('退');
  });

  it('looks right in light and dark mode (screenshots)', async () => {
    await search(popup, 'th');
    await popup.keyboard.press('ArrowDown');
    await popup.screenshot({ path: join(SHOTS, 'popup-light.png') });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await search(popup, 'cfh');
    await popup.screenshot({ path: join(SHOTS, 'popup-dark.png') });
    await popup.emulateMedia({ colorScheme: 'light' });
  });

  it('moves with ↑/↓ and clears with Esc', async () => {
    await search(popup, 'th');
    const selected = () =>
      popup.locator('[data-testid="popup-result"][aria-selected="true"]').getAttribute('data-phrase-id');
    const first = await selected();
    await popup.keyboard.press('ArrowDown');
    await expect.poll(selected).not.toBe(first);
    const second = await selected();
    // The full index replacing the quick first answer must not take the agent back to the top.
    await popup.waitForTimeout(300);
    expect(await selected()).toBe(second);
    await popup.keyboard.press('ArrowUp');
    await expect.poll(selected).toBe(first);
    await popup.keyboard.press('Escape');
    expect(await popup.locator('[data-testid="popup-search"]').inputValue()).toBe('');
  });
});

describe('popup copy', () => {
  it('Ctrl+Enter copies, the variable form fills {买家} with its default — no literal braces', async () => {
    const popup = await openPopup();
    await search(popup, 'cfh');
    await popup.keyboard.press('Control+Enter');
    const form = popup.locator('[data-testid="fill-form"]');
    await form.waitFor({ timeout: STEP_MS });
    expect(await form.locator('input[data-var="买家"]').inputValue()).toBe('');
    await popup.keyboard.press('Enter'); // the form's action is copy
    await expect.poll(() => popup.locator('[data-testid="popup-notice"]').innerText()).toContain('已复制');
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(
      '亲，让您久等了！您的订单正在排队打包，我已经帮您备注优先发货，发出后会第一时间告诉您。',
    );
    await popup.close();
  });

  it('asks for a variable without a default and refuses to leave it blank', async () => {
    const popup = await openPopup();
    await search(popup, 'wl');
    await expect.poll(() => firstResult(popup).locator('.result-title').innerText()).toBe('物流查询');
    await popup.keyboard.press('Control+Enter');
    const form = popup.locator('[data-testid="fill-form"]');
    await form.waitFor({ timeout: STEP_MS });
    await popup.keyboard.press('Enter');
    await expect.poll(() => form.locator('.field-error').innerText()).toContain('请填写「单号」');
    await popup.screenshot({ path: join(SHOTS, 'popup-fill.png') });
    await form.locator('input[data-var="单号"]').fill('SF1234567890');
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.locator('[data-testid="popup-notice"]').innerText()).toContain('已复制');
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('SF1234567890');
    expect(copied).not.toMatch(/[{}]/);
    await popup.close();
  });

  it('the copied phrase is listed under 最近使用 on the next open', async () => {
    const popup = await openPopup();
    await expect.poll(() => popup.locator('.group').first().innerText()).toBe('最近使用');
    expect(await firstResult(popup).locator('.result-title').innerText()).toBe('物流查询');
    await popup.close();
  });
});

describe('popup insert into the Pinduoduo chat', () => {
  let chat: Page;
  beforeAll(async () => {
    chat = await browser.context.newPage();
    await openDemoPage(chat, PDD_CHAT);
  });
  afterAll(async () => chat.close());

  const demo = () => chat.evaluate(() => (window as unknown as DemoWindow).__demo.state().draft);
  const sent = () => chat.evaluate(() => (window as unknown as DemoWindow).__demo.sent.length);

  it('says so in Chinese when no field was focused, and offers copy instead', async () => {
    const probe = await openPopup();
    const tabId = await tabIdOf(probe, 'https://mms.pinduoduo.com/chat-merchant/');
    await probe.close();
    const popup = await openPopup(tabId);
    await search(popup, 'cfh');
    await popup.keyboard.press('Enter');
    const notice = popup.locator('[data-testid="popup-notice"]');
    await expect.poll(() => notice.innerText()).toContain('没有找到要插入的输入框');
    expect(await notice.getByRole('button', { name: '改为复制' }).count()).toBe(1);
    await popup.close();
  });

  it('Enter inserts at the caret of the focused reply box: Vue model updated, nothing sent', async () => {
    const box = chat.locator('textarea#replyTextarea');
    await chat.bringToFront();
    await box.click({ timeout: STEP_MS });
    await box.pressSequentially('您好，', { timeout: STEP_MS });
    const sentBefore = await sent();
    const probe = await openPopup();
    const tabId = await tabIdOf(probe, 'https://mms.pinduoduo.com/chat-merchant/');
    await probe.close();

    const popup = await openPopup(tabId);
    await expect.poll(() => popup.locator('[data-testid="popup-target"]').innerText()).toContain('拼多多');
    await search(popup, 'cfh');
    await popup.keyboard.press('Enter');
    const form = popup.locator('[data-testid="fill-form"]');
    await form.waitFor({ timeout: STEP_MS });
    // {买家} is prefilled from the page's open conversation
    const buyer = await form.locator('input[data-var="买家"]').inputValue();
    expect(buyer.length).toBeGreaterThan(0);
    await popup.keyboard.press('Enter');
    await expect
      .poll(() => popup.locator('[data-testid="popup-notice"]').innerText())
      .toContain('已把「催发货」插入输入框');

    const expected = `您好，${buyer}，让您久等了！您的订单正在排队打包，我已经帮您备注优先发货，发出后会第一时间告诉您。`;
    await expect.poll(demo).toBe(expected);
    expect(await box.inputValue()).toBe(expected);
    expect(await sent()).toBe(sentBefore);
    await popup.close();
  });
});

describe('popup on Taobao (the chat runs in the native Qianniu client)', () => {
  it('says so and makes copy the way: Ctrl+Enter copies with a Qianniu hint', async () => {
    const taobao = DEMO_ROUTES.find((r) => r.site === 'taobao')!;
    const tab = await browser.context.newPage();
    await openDemoPage(tab, taobao);
    const probe = await openPopup();
    const tabId = await tabIdOf(probe, new URL(taobao.url).origin);
    await probe.close();
    const popup = await openPopup(tabId);
    await expect.poll(() => popup.locator('[data-testid="qianniu-note"]').count()).toBe(1);
    expect(await popup.locator('[data-testid="qianniu-note"]').innerText()).toContain('千牛');
    await search(popup, '退货地址');
    await popup.keyboard.press('Control+Enter');
    await expect.poll(() => popup.locator('[data-testid="popup-notice"]').innerText()).toContain('千牛');
    await popup.close();
    await tab.close();
  });
});

describe('popup after the phrases changed (its cache is from an older revision)', () => {
  it('answers at once from the last open’s snapshot; a pick waits for the phrase as it is now', async () => {
    const NEW_TEXT = '亲，已经帮您加急处理了，今天一定安排发出，请放心～';
    // An edit in the options page moves the revision: the popup's cache is now outdated.
    const editor = await openPopup();
    await editor.evaluate(async (text) => {
      const send = (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage;
      const list = await send({ type: 'phrases:list', data: {} });
      const ship = (list.data.phrases as { shortcut?: string }[]).find((p) => p.shortcut === 'cfh')!;
      const saved = await send({ type: 'phrases:save', data: { phrase: { ...ship, variants: [text] } } });
      if (!saved.ok || !(saved.data as unknown as { ok: boolean }).ok) throw new Error(JSON.stringify(saved));
    }, NEW_TEXT);
    await editor.close();

    // The fresh list is held back for 2 s, as a 20k-phrase list would take.
    const popup = await browser.context.newPage();
    await popup.addInitScript(() => {
      const runtime = (globalThis as unknown as ChromeGlobal).chrome.runtime as unknown as {
        sendMessage: (...args: unknown[]) => unknown;
      };
      const send = runtime.sendMessage.bind(runtime);
      const flags = globalThis as unknown as { __listReleased: boolean };
      flags.__listReleased = false;
      runtime.sendMessage = (...args: unknown[]) => {
        if ((args[0] as { type?: string } | undefined)?.type !== 'phrases:list') return send(...args);
        const callback =
          typeof args[args.length - 1] === 'function' ? (args.pop() as (v: unknown) => void) : undefined;
        const later = new Promise((wait) => setTimeout(wait, 2000)).then(() => send(...args));
        void later.then((reply) => {
          flags.__listReleased = true;
          callback?.(reply);
        });
        return callback ? undefined : later;
      };
    });
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(popupUrl());
    await popup.bringToFront();
    const released = () =>
      popup.evaluate(() => (globalThis as unknown as { __listReleased: boolean }).__listReleased);
    await search(popup, 'cfh');
    expect(await firstResult(popup).locator('.result-title').innerText()).toBe('催发货');
    expect(await released()).toBe(false);

    await popup.keyboard.press('Control+Enter');
    await expect.poll(() => popup.locator('[data-testid="popup-notice"]').innerText()).toContain('已复制');
    expect(await released()).toBe(true);
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(NEW_TEXT);
    await popup.close();
  });
});
