import type { Frame, Page } from 'playwright-core';
import type { DemoRoute } from '../fixtures/demo/route-types';
import { CHAT_TARGETS, pickerIn } from './picker';

/**
 * Tour scenes for the chat helper (used by tour.ts): on each chat page the phrase picker open on
 * a query an agent would type (the starter phrases of a fresh install), the variables form, the
 * wording hints with the response timer, and one dark-mode shot.
 */
type Shoot = (id: string, title: string) => Promise<void>;

const SCENES: Record<
  string,
  { target: string; query: string; dark?: boolean; form?: string; wording?: string }
> = {
  'jd-dongdong': { target: 'jd', query: '/发货', wording: '亲，这款是我们店最好的毛巾，保证今天发货' },
  'pdd-chat': { target: 'pdd', query: '/thdz', form: '/wl', dark: true },
  'douyin-feige': { target: 'douyin', query: '/tuihuo', wording: '放心吧，绝对是正品' },
  'douyin-feige-embed': { target: 'douyin-iframe', query: '/cm' },
};

async function fieldScope(page: Page, frameUrl: string | undefined): Promise<Page | Frame | undefined> {
  if (!frameUrl) return page;
  for (let i = 0; i < 50; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(frameUrl));
    if (
      frame &&
      (await frame.evaluate(() => !!document.documentElement.dataset.kefuFeatures).catch(() => false))
    ) {
      return frame;
    }
    await page.waitForTimeout(100);
  }
  return undefined;
}

async function showPicker(page: Page, scope: Page | Frame, text: string): Promise<boolean> {
  const picker = pickerIn(scope);
  await page.keyboard.type(text, { delay: 40 });
  const query = text.replace(/^[/、]/, '');
  return picker
    .and(scope.locator(`[data-results-for="${query}"]`))
    .waitFor({ timeout: 5000 })
    .then(() => page.waitForTimeout(200)) // the open animation
    .then(() => true)
    .catch(() => false);
}

async function clearField(page: Page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
}

export async function pickerScenes(page: Page, route: DemoRoute, shoot: Shoot): Promise<void> {
  const scene = SCENES[route.id];
  if (!scene) return;
  const target = CHAT_TARGETS[scene.target]!;
  const scope = await fieldScope(page, target.frame);
  if (!scope) return;
  await scope.locator(target.field).first().click();
  if (await showPicker(page, scope, scene.query)) {
    await shoot(`${route.id}-picker`, `${route.title} · 快捷短语`);
    if (scene.dark) {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForTimeout(150);
      await shoot(`${route.id}-picker-dark`, `${route.title} · 快捷短语（深色）`);
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }
  await clearField(page);
  if (scene.form && (await showPicker(page, scope, scene.form))) {
    await page.keyboard.press('Enter');
    await page.waitForTimeout(250);
    await shoot(`${route.id}-picker-form`, `${route.title} · 快捷短语：填写变量`);
  }
  await clearField(page);
  if (scene.wording) {
    await scope.locator(target.field).first().click();
    await page.keyboard.type(scene.wording, { delay: 20 });
    await scope
      .locator('kefu-wording-hints [data-testid="wording-hints"]')
      .waitFor({ timeout: 3000 })
      .catch(() => undefined);
    await page.waitForTimeout(200);
    await shoot(`${route.id}-wording`, `${route.title} · 措辞建议与等待时长`);
    await clearField(page);
  }
}
