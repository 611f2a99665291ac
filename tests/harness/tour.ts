import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_ROUTES } from '../fixtures/demo/routes';
import type { DemoRoute } from '../fixtures/demo/route-types';
import type { KefuBrowser } from './browser';
import { orderHelperScenes } from './order-scenes';
import { pickerScenes } from './picker-scenes';
import { packsScenes } from './packs-scenes';

/** Waits until the demo page finished its late rendering and our content script has run. */
export async function openDemoPage(page: Page, route: DemoRoute): Promise<void> {
  await page.goto(route.url);
  await page.waitForFunction(
    () => (window as unknown as { __demo?: { ready?: boolean } }).__demo?.ready === true,
    null,
    {
      timeout: 15_000,
    },
  );
  await page.waitForFunction(() => !!document.documentElement.dataset.kefuKit, null, { timeout: 15_000 });
}

export interface TourShot {
  id: string;
  title: string;
  file: string;
}

/** The headless tour: every demo page (and its SPA route), the popup and the options page. */
export async function runTour(browser: KefuBrowser, outDir: string, log = console.log): Promise<TourShot[]> {
  mkdirSync(outDir, { recursive: true });
  const shots: TourShot[] = [];
  const page = await browser.context.newPage();
  const shoot = async (id: string, title: string, target: Page = page) => {
    const file = join(outDir, `${id}.png`);
    await target.screenshot({ path: file });
    shots.push({ id, title, file });
    log(`  ✓ ${title} → ${file}`);
  };
  for (const route of DEMO_ROUTES) {
    try {
      await openDemoPage(page, route);
      await page.waitForTimeout(300); // let the injected UI paint
      await shoot(route.id, route.title);
      await orderHelperScenes(page, route, shoot);
      await pickerScenes(page, route, shoot);
    } catch (error) {
      log(`  ✗ ${route.title}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  // Results for a query (pinyin initials of 催发货), as an agent sees them while typing.
  await popup.locator('[data-testid="popup-search"]').fill('cfh');
  await popup
    .waitForFunction(
      () => document.querySelector('[data-testid="popup-results"]')?.getAttribute('data-query') === 'cfh',
    )
    .catch(() => undefined);
  await popup.waitForTimeout(300);
  await shoot('popup', '弹出窗口 Popup', popup);
  await popup.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await popup.setViewportSize({ width: 1280, height: 800 });
  await popup.waitForTimeout(500);
  await shoot('options', '设置页 Options', popup);
  await packsScenes(popup, browser.extensionId, shoot, log);
  await popup.close();
  await page.close();
  return shots;
}
