import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type KefuBrowser } from '../harness/browser';
import { CHAT_TARGETS, draftOf, inServiceWorker, openChat, sentOf } from '../harness/picker';

/**
 * The chat helper's two quiet companions, in real Chromium on the demo chat pages: wording hints
 * (shown while typing, applied in one click, never in the way of sending) and the response timer
 * (red once the buyer has waited longer than the shop's target).
 */

let browser: KefuBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchWithExtension();
  page = await browser.context.newPage();
});
afterAll(async () => browser?.close());

const hintsIn = (p: Page) => p.locator('kefu-wording-hints [data-testid="wording-hints"]');
const timerIn = (p: Page) => p.locator('kefu-response-timer [data-testid="response-timer"]');

async function setSettings(patch: Record<string, unknown>) {
  await inServiceWorker(
    browser,
    new Function(
      'chrome',
      `return chrome.storage.local.get('settings').then(({ settings }) =>
        chrome.storage.local.set({ settings: { ...(settings || {}), ...${JSON.stringify(patch)} } }));`,
    ) as () => Promise<void>,
  );
}

describe('wording hints', () => {
  for (const name of ['pdd', 'jd', 'lab-react'] as const) {
    it(`on ${name}: a hint shows while typing, one click applies it, undo brings the words back`, async () => {
      const chat = await openChat(page, CHAT_TARGETS[name]!);
      await chat.field.click();
      await page.keyboard.type('这款是我们店的顶级款，保证今天发货');
      const hints = hintsIn(page);
      await expect.poll(() => hints.count()).toBe(1);
      // Compliance first: the Advertising-Law word leads, the promise follows.
      expect(await hints.locator('.hint').first().locator('.flagged').innerText()).toBe('顶级');
      expect(Number(await hints.getAttribute('data-count'))).toBeGreaterThanOrEqual(2);
      await hints.locator('.hint').first().locator('.apply').first().click();
      await expect.poll(() => draftOf(page)).toBe('这款是我们店的高品质款，保证今天发货');
      // The caret stayed where the agent was typing.
      await page.keyboard.type('。');
      await expect.poll(() => draftOf(page)).toBe('这款是我们店的高品质款，保证今天发货。');
      // The hint for 顶级 is gone; the one for 保证 stays (advice only, no blind replacement).
      await expect.poll(() => hints.locator('.hint').first().locator('.flagged').innerText()).toBe('保证');
      expect(await hints.locator('.hint').first().locator('.apply').count()).toBe(0);
      expect(await hints.locator('.hint').first().locator('.why').innerText()).toContain('盲目承诺');
      // Undo (one or two steps: Chromium may merge the typing with the replacement).
      for (let i = 0; i < 3 && !(await draftOf(page)).includes('顶级'); i++) {
        await page.keyboard.press('Control+z');
        await page.waitForTimeout(50);
      }
      expect(await draftOf(page)).toBe('这款是我们店的顶级款，保证今天发货');
      expect(await sentOf(page)).toEqual([]);
    });
  }

  it('never blocks sending, and goes away with the sent text', async () => {
    const chat = await openChat(page, CHAT_TARGETS.pdd!);
    await chat.field.click();
    await page.keyboard.type('绝对是正品');
    await expect.poll(() => hintsIn(page).count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => sentOf(page)).toEqual(['绝对是正品']);
    await expect.poll(() => hintsIn(page).count(), { timeout: 3000 }).toBe(0);
  });

  it('a dismissed hint stays away for this message; words inside fine words are not flagged', async () => {
    const chat = await openChat(page, CHAT_TARGETS['lab-vue']!);
    await chat.field.click();
    await page.keyboard.type('最近发货有点慢，第一时间帮您处理');
    await page.waitForTimeout(600);
    expect(await hintsIn(page).count()).toBe(0);
    await page.keyboard.type('，肯定');
    await expect.poll(() => hintsIn(page).count()).toBe(1);
    await hintsIn(page).locator('.dismiss').first().click();
    await expect.poll(() => hintsIn(page).count()).toBe(0);
    await page.keyboard.type('没问题');
    await page.waitForTimeout(600);
    expect(await hintsIn(page).count()).toBe(0);
  });
});

describe('response timer', () => {
  it('shows how long the buyer has waited and is red past the target (飞鸽)', async () => {
    await openChat(page, CHAT_TARGETS.douyin!);
    const timer = timerIn(page);
    await expect.poll(() => timer.count()).toBe(1);
    // The open conversation's last two messages are the buyer's, the first 5 min 20 s ago.
    expect(Number(await timer.getAttribute('data-seconds'))).toBeGreaterThanOrEqual(320);
    expect(await timer.getAttribute('data-late')).toBe('true');
    expect(await timer.innerText()).toMatch(/^买家已等待 5 分 \d\d 秒$/);
  });

  it('disappears when the agent answers, starts again at a new buyer message, turns red past the target (咚咚)', async () => {
    await setSettings({ responseTargetSeconds: 5 });
    try {
      const chat = await openChat(page, CHAT_TARGETS.jd!);
      const timer = timerIn(page);
      await expect.poll(() => timer.count()).toBe(1);
      await chat.field.click();
      await page.keyboard.type('亲，是纯棉的，宝宝可以用');
      await page.keyboard.press('Enter');
      await expect.poll(() => sentOf(page)).toEqual(['亲，是纯棉的，宝宝可以用']);
      await expect.poll(() => timer.count()).toBe(0);

      await page.evaluate(() =>
        (window as unknown as { __demo: { receive(t: string): void } }).__demo.receive('好的，那我下单了'),
      );
      await expect.poll(() => timer.count()).toBe(1);
      expect(await timer.getAttribute('data-late')).toBe('false');
      expect(Number(await timer.getAttribute('data-seconds'))).toBeLessThan(3);
      await expect.poll(() => timer.getAttribute('data-late'), { timeout: 9000, interval: 500 }).toBe('true');
      expect(Number(await timer.getAttribute('data-seconds'))).toBeGreaterThanOrEqual(5);
    } finally {
      await setSettings({ responseTargetSeconds: 20 });
    }
  });

  it('follows the reply box when the page narrows it, without a resize of the window (咚咚)', async () => {
    const chat = await openChat(page, CHAT_TARGETS.jd!);
    const timer = timerIn(page);
    await expect.poll(() => timer.count()).toBe(1);
    const rightGap = async () => {
      const [chip, box] = await Promise.all([timer.boundingBox(), chat.field.boundingBox()]);
      return Math.round(box!.x + box!.width - (chip!.x + chip!.width));
    };
    const before = await rightGap();
    // As a side panel opening would: the box loses 200 px on its right.
    await chat.field.evaluate((el) => {
      (el as HTMLElement).style.width = `${(el as HTMLElement).getBoundingClientRect().width - 200}px`;
    });
    await expect.poll(rightGap).toBe(before);
  });

  it('is not shown on pages whose messages we cannot read (the lab pages)', async () => {
    await openChat(page, CHAT_TARGETS['lab-react']!);
    await page.waitForTimeout(500);
    expect(await timerIn(page).count()).toBe(0);
  });
});
