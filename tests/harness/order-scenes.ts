import type { Frame, Page } from 'playwright-core';
import type { DemoRoute } from '../fixtures/demo/route-types';

/**
 * Tour scenes for the order helper: on every order page, the composer open (with the return
 * check beside it when the order was signed for), plus one dark-mode shot. Used by tour.ts.
 */
const ORDER_PAGES = new Set(['order-list', 'order-detail', 'memo-edit']);
const TOUR_AGENT = '蔡蔡';
/** Pages also shot in dark mode (a list with the composer, a detail page with the inline panel). */
const DARK_SCENES = new Set(['taobao-sold-list', 'pdd-order-detail']);

type Shoot = (id: string, title: string) => Promise<void>;

/** The frame whose document holds the orders (JD's new list runs them in an iframe). */
async function ordersFrame(page: Page): Promise<Frame | undefined> {
  for (let i = 0; i < 30; i++) {
    for (const frame of page.frames()) {
      if (
        (await frame
          .locator('[data-testid="remark-button"]')
          .count()
          .catch(() => 0)) > 0
      )
        return frame;
    }
    await page.waitForTimeout(200);
  }
  return undefined;
}

export async function orderHelperScenes(page: Page, route: DemoRoute, shoot: Shoot) {
  const dark = DARK_SCENES.has(route.id);
  if (!ORDER_PAGES.has(route.pageKind)) return;
  const frame = await ordersFrame(page);
  if (!frame) return;
  const buttons = frame.locator('[data-testid="remark-button"]');
  // Prefer an order that was signed for: its composer shows the return check too.
  const count = await buttons.count();
  let index = 0;
  for (let i = 0; i < count; i++) {
    const signed = await buttons
      .nth(i)
      .evaluate((el) => {
        // Up to the order's own row: the last ancestor holding only this one button.
        let node: Element | null = (el.getRootNode() as ShadowRoot).host;
        for (; node; node = node.parentElement) {
          if (node.querySelectorAll('kefu-remark-button').length > 1) return false;
          if ((node.textContent ?? '').includes('签收时间')) return true;
        }
        return false;
      })
      .catch(() => false);
    if (signed) {
      index = i;
      break;
    }
  }
  await buttons.nth(index).scrollIntoViewIfNeeded();
  await buttons.nth(index).click();
  const composer = frame.locator('[data-testid="remark-composer"]');
  await composer.waitFor({ timeout: 5000 });
  const ask = composer.locator('#kefu-agent');
  if (await ask.isVisible()) {
    await shoot(`${route.id}-composer-ask`, `${route.title} · 写备注（先填客服姓名）`);
    await ask.fill(TOUR_AGENT);
    await composer.getByRole('button', { name: '保存' }).click();
  }
  const content = composer.locator('[data-testid="remark-content"]');
  if ((await content.count()) > 0 && !(await content.inputValue())) {
    await content.fill(route.site === 'douyin' ? '送耳机收纳袋一个，发顺丰' : '送杯刷一个，发顺丰');
  }
  await page.waitForTimeout(200);
  await shoot(`${route.id}-composer`, `${route.title} · 写备注`);
  if (dark) {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(200);
    await shoot(`${route.id}-composer-dark`, `${route.title} · 写备注（深色）`);
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await page.keyboard.press('Escape');
  if (route.pageKind === 'order-detail') {
    const panel = frame.locator('kefu-return-check [data-testid="return-panel"]');
    if ((await panel.count()) > 0) {
      // It sits at the top of the order: back to the top (the remark button may have scrolled down).
      await panel.evaluate((el) => {
        let node: Element | null = (el.getRootNode() as ShadowRoot).host;
        for (; node; node = node.parentElement) node.scrollTop = 0;
        window.scrollTo(0, 0);
      });
      await panel.locator('button.toggle').click();
      await page.waitForTimeout(150);
      await shoot(`${route.id}-return-panel`, `${route.title} · 退换货判断`);
      if (dark) {
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.waitForTimeout(200);
        await shoot(`${route.id}-return-panel-dark`, `${route.title} · 退换货判断（深色）`);
        await page.emulateMedia({ colorScheme: 'light' });
      }
    }
  }
}
