import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type KefuBrowser } from '../harness/browser';
import { openDemoPage } from '../harness/tour';
import {
  CHAT_TARGETS,
  draftOf,
  imeType,
  inServiceWorker,
  openChat,
  pickerIn,
  routeById,
  seedPhrases,
  sentOf,
  type ChatTarget,
  type OpenChat,
} from '../harness/picker';

/**
 * The phrase picker in real Chromium, on every platform's chat page and on the lab pages (React,
 * Vue, contenteditable, iframe input, a page that sends on Enter from window's capture phase).
 * Every insertion is checked in the PAGE'S OWN MODEL (React state, Vue ref, editor model), and
 * every test that presses Enter checks that the page sent nothing.
 *
 * Test phrases are imported through the background; their shortcuts (t…) are not in the starter
 * set, so exact-shortcut queries put them first whatever else is installed.
 */

const SHIP = [
  '{买家|亲}，您的订单今天就安排发出~',
  '{买家|亲}，仓库正在打包您的订单，今天发出哦',
  '{买家|亲}，已帮您催促仓库，今天内发出',
];
const PHRASES = [
  { id: 'e2e-ship', title: '测试催发货', shortcut: 'tcfh', category: '售中/发货时间', variants: SHIP },
  {
    id: 'e2e-order',
    title: '测试订单确认',
    shortcut: 'tddh',
    variants: ['亲，您咨询的是订单{订单号}（{商品}）对吗？'],
  },
  {
    id: 'e2e-track',
    title: '测试物流单号',
    shortcut: 'tkd',
    variants: ['亲，您的包裹走{快递}，单号{单号}，请留意查收'],
  },
  { id: 'e2e-lines', title: '测试多行说明', shortcut: 'thh', variants: ['亲，第一行\n第二行'] },
  { id: 'e2e-agent', title: '测试客服署名', shortcut: 'tqm', variants: ['我是{客服|客服}，很高兴为您服务'] },
];

let browser: KefuBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchWithExtension();
  await seedPhrases(browser, PHRASES);
  page = await browser.context.newPage();
});
afterAll(async () => browser?.close());
beforeEach(async () => {
  // Each test starts with no rotation history (order of tests must not matter).
  await inServiceWorker(browser, (chrome) => chrome.storage.local.remove('phraseRotation'));
});

const ship = (buyer: string | undefined, i = 0) => SHIP[i]!.replace('{买家|亲}', buyer ?? '亲');

async function open(target: ChatTarget, url?: string): Promise<OpenChat> {
  const chat = await openChat(page, target, url);
  await chat.field.click();
  return chat;
}

/** Types into the focused field, waits until the picker shows `query`. */
async function typeQuery(chat: OpenChat, text: string, query: string) {
  await page.keyboard.type(text);
  await expect.poll(() => attr(chat, 'data-results-for')).toBe(query);
  expect(await attr(chat, 'data-status')).toBe('ready');
}

/** An attribute of the picker root, or null at once when the picker is closed. */
const attr = (chat: OpenChat, name: string) =>
  chat.picker.getAttribute(name, { timeout: 200 }).catch(() => null);
const firstTitle = (chat: OpenChat) => chat.picker.locator('.row').first().locator('.title').innerText();

describe.each(Object.entries(CHAT_TARGETS))('on %s', (_name, target) => {
  it('Enter inserts the phrase: the page model has it, nothing is sent, Ctrl+Z undoes it', async () => {
    const chat = await open(target);
    await typeQuery(chat, '你好 /tcfh', 'tcfh');
    expect(await firstTitle(chat)).toBe('测试催发货');
    // The row shows which part matched.
    expect(await chat.picker.locator('.row').first().locator('.sc mark').innerText()).toBe('tcfh');

    await page.keyboard.press('Enter');
    await expect.poll(() => chat.picker.count()).toBe(0);
    await expect.poll(() => draftOf(page)).toBe(`你好 ${ship(target.buyer)}`);
    expect(await sentOf(page)).toEqual([]);

    // The caret is right after the insertion: typing continues there.
    await page.keyboard.type('!');
    await expect.poll(() => draftOf(page)).toBe(`你好 ${ship(target.buyer)}!`);

    // Chromium may merge the insertion and the typing after it into one undo step.
    await page.keyboard.press('Control+z');
    await expect.poll(() => draftOf(page)).not.toBe(`你好 ${ship(target.buyer)}!`);
    if ((await draftOf(page)) !== '你好 /tcfh') {
      expect(await draftOf(page)).toBe(`你好 ${ship(target.buyer)}`);
      await page.keyboard.press('Control+z');
    }
    await expect.poll(() => draftOf(page)).toBe('你好 /tcfh');
    expect(await sentOf(page)).toEqual([]);
  });

  it('Esc closes the picker and leaves the text as typed; it stays closed while typing on', async () => {
    const chat = await open(target);
    await typeQuery(chat, '/tcf', 'tcf');
    await page.keyboard.press('Escape');
    await expect.poll(() => chat.picker.count()).toBe(0);
    await page.keyboard.type('h');
    await page.waitForTimeout(150);
    expect(await chat.picker.count()).toBe(0);
    await expect.poll(() => draftOf(page)).toBe('/tcfh');
    // Enter now belongs to the page again (this page may send it: that is its business).
    expect(await sentOf(page)).toEqual([]);
  });

  it('an IME composition: nothing happens while composing, the committed query searches', async () => {
    const chat = await open(target);
    await typeQuery(chat, '/', '');
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('Input.imeSetComposition', { text: 'ceshi', selectionStart: 5, selectionEnd: 5 });
      await page.waitForTimeout(120);
      // Mid-composition the field holds "/ceshi": the picker must not have searched for it.
      expect(await attr(chat, 'data-query')).toBe('');
      await cdp.send('Input.insertText', { text: '测试催发' });
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        windowsVirtualKeyCode: 13,
        key: 'Enter',
        code: 'Enter',
      });
      await expect.poll(() => attr(chat, 'data-results-for')).toBe('测试催发');
      await expect.poll(() => firstTitle(chat)).toBe('测试催发货');
      expect(await chat.picker.locator('.row').first().locator('.title mark').innerText()).toBe('测试催发');
      expect(await sentOf(page)).toEqual([]);

      // The keyCode-229 flow of a real IME, whose confirming Enter must not pick.
      await page.keyboard.press('Escape');
      await page.keyboard.press('End');
      await page.keyboard.type(' /');
      await expect.poll(() => attr(chat, 'data-query')).toBe('');
      await imeType(page, cdp, 'tcfh', 'tcfh');
      await expect.poll(() => attr(chat, 'data-results-for')).toBe('tcfh');
      expect(await chat.picker.count()).toBe(1);
      expect(await sentOf(page)).toEqual([]);
      await page.keyboard.press('Enter');
      await expect.poll(() => draftOf(page)).toBe(`/测试催发 ${ship(target.buyer)}`);
      expect(await sentOf(page)).toEqual([]);
    } finally {
      await cdp.detach();
    }
  });
});

describe('keys, mouse and where the picker opens', () => {
  it('↑/↓ move, Tab inserts the chosen one; the mouse picks too', async () => {
    const chat = await open(CHAT_TARGETS['lab-react']!);
    await typeQuery(chat, '/测试', '测试');
    const rows = chat.picker.locator('.row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const titles = await rows.locator('.title').allInnerTexts();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await chat.picker.locator('.row.on .title').innerText()).toBe(titles[1]);
    await page.keyboard.press('Tab');
    await expect.poll(() => chat.picker.count()).toBe(0);
    const first = await draftOf(page);
    expect(first.length).toBeGreaterThan(4);
    expect(first).not.toContain('/测试');
    expect(first).not.toMatch(/\{[^}]*\}/);

    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await typeQuery(chat, '/tcfh', 'tcfh');
    await chat.picker.locator('.row').first().click();
    await expect.poll(() => draftOf(page)).toBe(ship(undefined));
    // The field kept the focus: typing goes on in the box.
    await page.keyboard.type('~');
    await expect.poll(() => draftOf(page)).toBe(`${ship(undefined)}~`);
    expect(await sentOf(page)).toEqual([]);
  });

  it('a list scrolled far down starts at the top again for the next answer', async () => {
    const chat = await open(CHAT_TARGETS['lab-react']!);
    await typeQuery(chat, '/', '');
    const list = chat.picker.locator('ul.list');
    // Only the rows in view are rendered until the list scrolls; each says how many there are.
    const first = chat.picker.locator('.row').first();
    await expect
      .poll(async () => Number(await first.getAttribute('aria-setsize')))
      .toBeGreaterThanOrEqual(15);
    expect(await chat.picker.locator('.row').count()).toBeLessThan(15);
    const height = await list.evaluate((el) => el.scrollHeight);
    for (let k = 0; k < 14; k++) await page.keyboard.press('ArrowDown');
    // The chosen row is kept in view as the keys move down the list.
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    const chosen = chat.picker.locator('.row.on');
    expect(await chosen.getAttribute('aria-posinset')).toBe('15');
    const [box, row] = [await list.boundingBox(), await chosen.boundingBox()];
    expect(row!.y).toBeGreaterThanOrEqual(box!.y - 1);
    expect(row!.y + row!.height).toBeLessThanOrEqual(box!.y + box!.height + 1);
    // Scrolled: every row is rendered, and the list is as long as it was with the rows left out.
    const size = Number(await first.getAttribute('aria-setsize'));
    await expect.poll(() => chat.picker.locator('.row').count()).toBe(size);
    expect(Math.abs((await list.evaluate((el) => el.scrollHeight)) - height)).toBeLessThanOrEqual(1);
    await typeQuery(chat, 'h', 'h');
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
    expect(await chat.picker.locator('.row').first().getAttribute('aria-selected')).toBe('true');
    // The wheel brings the rows left out too.
    await page.keyboard.press('Backspace');
    await expect.poll(() => attr(chat, 'data-results-for')).toBe('');
    expect(await chat.picker.locator('.row').count()).toBeLessThan(15);
    await list.hover();
    await page.mouse.wheel(0, 300);
    await expect.poll(() => chat.picker.locator('.row').count()).toBe(size);
    await page.keyboard.press('Escape');
  });

  it('does not open inside URLs, dates, fractions or an enumeration 、', async () => {
    const chat = await open(CHAT_TARGETS['lab-react']!);
    for (const text of ['https://a.cn/tcfh', '2024/5/1', '1/2', 'a/tcfh', '苹果、香蕉']) {
      await page.keyboard.type(text);
      await page.waitForTimeout(120);
      expect(await chat.picker.count(), text).toBe(0);
      await page.keyboard.type(' ');
    }
    // After whitespace or punctuation it does.
    await typeQuery(chat, '，/tcfh', 'tcfh');
  });

  it('opens above the caret near the bottom of the window and never covers the line typed', async () => {
    const chat = await open(CHAT_TARGETS.pdd!);
    await typeQuery(chat, '/tcfh', 'tcfh');
    const box = (await chat.picker.boundingBox())!;
    const field = (await chat.field.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(field.y + 30);
    expect(box.x).toBeGreaterThanOrEqual(field.x - 20);
  });

  it('the 、 trigger (the Chinese IME types it for the / key) works like /', async () => {
    const chat = await open(CHAT_TARGETS['lab-vue']!);
    await typeQuery(chat, '、tcfh', 'tcfh');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(page)).toBe(ship(undefined));
    expect(await sentOf(page)).toEqual([]);
  });

  it('Ctrl+Enter (a send key on some pages) is kept from the page too while open', async () => {
    const chat = await open(CHAT_TARGETS['lab-vue']!);
    await typeQuery(chat, '/tcfh', 'tcfh');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => draftOf(page)).toBe(ship(undefined));
    expect(await sentOf(page)).toEqual([]);
  });

  it('a page that sends on keyup never sees the Enter that picked', async () => {
    const chat = await open(
      CHAT_TARGETS['lab-enter-sends']!,
      'https://im.jinritemai.com/kefu-lab/enter-sends?on=keyup',
    );
    await typeQuery(chat, '/tcfh', 'tcfh');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(page)).toBe(ship(undefined));
    await page.waitForTimeout(100);
    expect(await sentOf(page)).toEqual([]);
    // With the picker closed, the page's own Enter works as before.
    await page.keyboard.press('Enter');
    await expect.poll(() => sentOf(page)).toEqual([ship(undefined)]);
  });

  it('keeps line breaks in a textarea and a contenteditable, spaces in a single-line input', async () => {
    for (const [name, expected] of [
      ['lab-react', '亲，第一行\n第二行'],
      ['lab-editor', '亲，第一行\n第二行'],
      ['lab-iframe', '亲，第一行 第二行'],
    ] as const) {
      const chat = await open(CHAT_TARGETS[name]!);
      await typeQuery(chat, '/thh', 'thh');
      await page.keyboard.press('Enter');
      await expect.poll(() => draftOf(page), { message: name }).toBe(expected);
      expect(await sentOf(page)).toEqual([]);
    }
  });

  it('survives the page replacing the field (re-render) and an SPA navigation', async () => {
    const chat = await open(CHAT_TARGETS['lab-react']!, 'https://im.jinritemai.com/kefu-lab/react?remount=1');
    const generation = () =>
      page.evaluate(
        () =>
          (window as unknown as { __demo: { state(): { generation: number } } }).__demo.state().generation,
      );
    const g0 = await generation();
    await expect.poll(generation, { timeout: 8000 }).toBeGreaterThan(g0);
    // The remount dropped the focus with the old node: click into the new one.
    await chat.field.click();
    await typeQuery(chat, '/tcfh', 'tcfh');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(page)).toBe(ship(undefined));

    await page.evaluate(() => {
      history.pushState({}, '', '/kefu-lab/react?tab=2');
      dispatchEvent(new PopStateEvent('popstate', { state: {} }));
    });
    await page.waitForTimeout(300);
    await chat.field.click();
    await page.keyboard.press('End');
    await typeQuery(chat, ' /thh', 'thh');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(page)).toContain('第二行');
    expect(await sentOf(page)).toEqual([]);
  });

  it('the keyboard command (Alt+K → background → focused frame) opens it empty with recent phrases', async () => {
    const chat = await open(CHAT_TARGETS['douyin-iframe']!);
    await page.keyboard.type('好的');
    // What the background's command handler does (the shortcut itself is the browser's).
    const answered = await inServiceWorker(browser, async (chrome) => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return chrome.tabs.sendMessage(tab!.id!, { type: 'picker:open' });
    });
    expect(answered).toEqual({ opened: true });
    await expect.poll(() => attr(chat, 'data-query')).toBe('');
    // Only the frame with the focused field opened it.
    expect(await pickerIn(page).count()).toBe(0);
    await expect.poll(() => chat.picker.locator('.row').count()).toBeGreaterThan(0);
    // Typing filters; Enter inserts right at the caret, keeping what was there.
    await page.keyboard.type('tcfh');
    await expect.poll(() => attr(chat, 'data-results-for')).toBe('tcfh');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(page)).toBe(`好的${ship(CHAT_TARGETS['douyin-iframe']!.buyer)}`);
    expect(await sentOf(page)).toEqual([]);
  });
});

describe('any editable field on a supported host', () => {
  it('works in a plain textarea of a non-chat page (the Taobao memo page), saving nothing', async () => {
    await page.goto('about:blank');
    await openDemoPage(page, routeById('taobao-memo-edit'));
    const memo = page.locator('textarea#memo');
    const before = await memo.inputValue();
    await memo.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' /tcfh');
    const picker = pickerIn(page);
    await expect
      .poll(() => picker.getAttribute('data-results-for', { timeout: 200 }).catch(() => null))
      .toBe('tcfh');
    await page.keyboard.press('Enter');
    await expect.poll(() => memo.inputValue()).toBe(`${before} ${ship(undefined)}`);
    const hooks = await page.evaluate(() => {
      const d = (window as unknown as { __demo: { saved: unknown[]; state(): { remark: string } } }).__demo;
      return { saved: d.saved, remark: d.state().remark };
    });
    expect(hooks).toEqual({ saved: [], remark: `${before} ${ship(undefined)}` });
  });
});

describe('variables, the inline form and rotation', () => {
  it('fills order number and product from the page (JD, PDD, Douyin)', async () => {
    const expected: Record<string, string> = {
      jd: '亲，您咨询的是订单292117760391（加厚纯棉毛巾 3条装 A类婴儿可用 吸水不掉毛）对吗？',
      pdd: '（夏季纯棉短袖T恤女 宽松百搭圆领上衣 纯色打底衫）对吗？',
      douyin:
        '亲，您咨询的是订单6938437759102646128（真无线蓝牙耳机 主动降噪 超长续航 适用苹果华为小米）对吗？',
    };
    for (const name of ['jd', 'pdd', 'douyin']) {
      const chat = await open(CHAT_TARGETS[name]!);
      await typeQuery(chat, '/tddh', 'tddh');
      await page.keyboard.press('Enter');
      await expect.poll(() => draftOf(page), { message: name }).toContain(expected[name]!);
      const draft = await draftOf(page);
      expect(draft, name).not.toMatch(/[{}]/);
      if (name === 'pdd') expect(draft).toMatch(/^亲，您咨询的是订单\d{6}-179332719430230（/);
      expect(await sentOf(page)).toEqual([]);
    }
  });

  it('asks for a variable the page does not show in a small form, never inserts a literal {快递}', async () => {
    const chat = await open(CHAT_TARGETS.pdd!);
    await typeQuery(chat, '/tkd', 'tkd');
    await page.keyboard.press('Enter');
    await expect.poll(() => attr(chat, 'data-mode')).toBe('form');
    const inputs = chat.picker.locator('.field input');
    expect(await inputs.count()).toBe(2);
    expect(await chat.picker.locator('.field-name').allInnerTexts()).toEqual(['快递', '单号']);
    // Enter on an empty form moves on instead of inserting; nothing reaches the page.
    await page.keyboard.type('顺丰');
    await page.keyboard.press('Enter');
    expect(await attr(chat, 'data-mode')).toBe('form');
    await page.keyboard.type('SF1234567890');
    expect(await chat.picker.locator('.preview').innerText()).toBe(
      '亲，您的包裹走顺丰，单号SF1234567890，请留意查收',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => chat.picker.count()).toBe(0);
    await expect.poll(() => draftOf(page)).toBe('亲，您的包裹走顺丰，单号SF1234567890，请留意查收');
    expect(await sentOf(page)).toEqual([]);
    // The caret is back in the reply box.
    await page.keyboard.type('~');
    await expect.poll(() => draftOf(page)).toBe('亲，您的包裹走顺丰，单号SF1234567890，请留意查收~');
  });

  it('Esc in the form goes back to the list; a second Esc leaves the typed text', async () => {
    const chat = await open(CHAT_TARGETS['lab-editor']!);
    await typeQuery(chat, '/tkd', 'tkd');
    await page.keyboard.press('Enter');
    await expect.poll(() => attr(chat, 'data-mode')).toBe('form');
    await page.keyboard.press('Escape');
    await expect.poll(() => attr(chat, 'data-mode')).toBe('list');
    await page.keyboard.press('Escape');
    await expect.poll(() => chat.picker.count()).toBe(0);
    await page.keyboard.type('x');
    await expect.poll(() => draftOf(page)).toBe('/tkdx');
    expect(await sentOf(page)).toEqual([]);
  });

  it('the agent name comes from the settings', async () => {
    await inServiceWorker(browser, async (chrome) => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), agentName: '阿杰' } });
    });
    const chat = await open(CHAT_TARGETS['lab-react']!);
    await typeQuery(chat, '/tqm', 'tqm');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(page)).toBe('我是阿杰，很高兴为您服务');
  });

  it('rotates variants: the same buyer does not get the same words twice in a row', async () => {
    const target = CHAT_TARGETS.jd!;
    const chat = await open(target);
    await typeQuery(chat, '/tcfh', 'tcfh');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(page)).toBe(ship(target.buyer, 0));
    await page.keyboard.type(' ');
    await typeQuery(chat, '/tcfh', 'tcfh');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(page)).toBe(`${ship(target.buyer, 0)} ${ship(target.buyer, 1)}`);
    expect(await sentOf(page)).toEqual([]);
    // The state is in extension storage, so a reload does not start over.
    const again = await open(target);
    await typeQuery(again, '/tcfh', 'tcfh');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(page)).toBe(ship(target.buyer, 2));
    // Another buyer starts at the first variant.
    const other = await open(CHAT_TARGETS.pdd!);
    await typeQuery(other, '/tcfh', 'tcfh');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(page)).toBe(ship('m***o', 0));
  });
});
