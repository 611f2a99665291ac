import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_ROUTES } from '../fixtures/demo/routes';
import { SITE_ADAPTERS } from '../../lib/sites';
import { DB_VERSION } from '../../lib/store/db';
import { launchWithExtension, type KefuBrowser } from '../harness/browser';
import { openDemoPage } from '../harness/tour';

type ChromeGlobal = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };

let browser: KefuBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchWithExtension();
  page = await browser.context.newPage();
});
afterAll(async () => browser?.close());

/** How many nodes a named selector matches: its first alternative that matches anything. */
function countInPage(target: Page, alternatives: string[]) {
  return target.evaluate((alts) => {
    for (const css of alts) {
      const n = document.querySelectorAll(css).length;
      if (n > 0) return n;
    }
    return 0;
  }, alternatives);
}

describe('the content script on every demo page', () => {
  it('the background answers a typed message and opens its database', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const send = (message: unknown) =>
      popup.evaluate((m) => (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage(m), message);
    expect(await send({ type: 'ping', data: {} })).toMatchObject({
      ok: true,
      data: { version: expect.stringMatching(/^\d+\.\d+\.\d+$/), dbVersion: DB_VERSION },
    });
    expect(await send({ type: 'nope', data: {} })).toMatchObject({ ok: false, error: '无法识别的消息' });
    await popup.close();
  });

  for (const route of DEMO_ROUTES) {
    describe(`${route.title} (${route.url})`, () => {
      it('recognizes the site and page kind and mounts the status chip', async () => {
        await openDemoPage(page, route);
        const marker = await page.evaluate(() => document.documentElement.dataset.kefuKit);
        expect(marker).toBe(`${route.site}:${route.pageKind}`);
        const chip = page.locator('kefu-status-chip [data-testid="status-chip"]');
        await expect.poll(() => chip.count()).toBe(1);
        expect(await chip.innerText()).toContain('客服工具箱');
      });

      it('matches each adapter selector the expected number of times', async () => {
        const adapter = SITE_ADAPTERS.find((a) => a.id === route.site);
        expect(adapter, `adapter for ${route.site}`).toBeDefined();
        for (const [name, expected] of Object.entries(route.expectedCounts)) {
          const sel = adapter!.selectors.find((s) => s.name === name);
          expect(sel, `selector ${name} in ${route.site}`).toBeDefined();
          const count = await countInPage(
            page,
            sel!.alternatives.map((a) => a.css),
          );
          expect(count, `${name} on ${route.id}`).toBe(expected);
        }
      });

      if (route.spa) {
        const spa = route.spa;
        it(`re-runs the features after an SPA route change to ${spa.to}`, async () => {
          await page.evaluate((to) => {
            history.pushState({}, '', to);
            dispatchEvent(new PopStateEvent('popstate', { state: {} }));
          }, spa.to);
          await expect
            .poll(() => page.evaluate(() => document.documentElement.dataset.kefuKit), { timeout: 10_000 })
            .toBe(`${route.site}:${spa.pageKindAfter}`);
          await expect.poll(() => page.locator('kefu-status-chip').count()).toBe(1);
        });
      }

      if (route.iframe) {
        const prefix = route.iframe.urlPrefix;
        it(`runs inside the iframe ${prefix}`, async () => {
          await openDemoPage(page, route);
          await expect
            .poll(
              async () => {
                const frame = page.frames().find((f) => f.url().startsWith(prefix));
                return frame ? frame.evaluate(() => document.documentElement.dataset.kefuKit ?? null) : null;
              },
              { timeout: 15_000 },
            )
            .toMatch(/^(taobao|jd|pdd|douyin):/);
          // The chip belongs to the top frame only.
          const frame = page.frames().find((f) => f.url().startsWith(prefix))!;
          expect(await frame.locator('kefu-status-chip').count()).toBe(0);
        });
      }
    });
  }

  it('does not run on pages outside the seller hosts', async () => {
    await page.goto('https://kefu-demo.test/');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.documentElement.dataset.kefuKit ?? null)).toBeNull();
  });
});
