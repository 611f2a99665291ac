import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { formatRemarkDate } from '../../lib/remarks';
import { DEMO_ROUTES } from '../fixtures/demo/routes';
import { launchWithExtension, type KefuBrowser } from '../harness/browser';
import { openDemoPage } from '../harness/tour';

/**
 * The order helper on every platform's demo order pages: the remark lands APPENDED in the site's
 * own field and in its framework's state, the flag is selected with the platform's own code, and
 * nothing is saved for the agent. The return panel gives the right verdict for orders signed 6 and
 * 8 days ago.
 */

type DemoState = { dialogOpen: boolean; orderId?: string; remark?: string; flag?: number };
type DemoWindow = { __demo: { saved: unknown[]; state(): DemoState; ready: boolean } };

const AGENT = '小周';
const route = (id: string) => {
  const found = DEMO_ROUTES.find((r) => r.id === id);
  if (!found) throw new Error(`no demo route ${id}`);
  return found;
};
const today = () => formatRemarkDate(Date.now());

let browser: KefuBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchWithExtension();
  page = await browser.context.newPage();
});
afterAll(async () => browser?.close());

type Scope = Page | Frame;

const state = (scope: Scope) => scope.evaluate(() => (window as unknown as DemoWindow).__demo.state());
const saved = (scope: Scope) => scope.evaluate(() => (window as unknown as DemoWindow).__demo.saved);

/** The composer's inline "your name" question, answered once per browser profile. */
async function answerAgent(composer: Locator) {
  const ask = composer.locator('#kefu-agent');
  if (await ask.isVisible()) {
    await ask.fill(AGENT);
    await composer.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => ask.count()).toBe(0);
  }
}

/** Opens the composer from the 写备注 button of the row that shows `orderId`. */
async function openComposer(scope: Page | FrameLocator, rowCss: string, orderId: string) {
  const row = scope.locator(rowCss).filter({ hasText: orderId }).first();
  await row.locator('[data-testid="remark-button"]').click();
  const composer = scope.locator('[data-testid="remark-composer"]');
  await expect.poll(() => composer.count()).toBe(1);
  await answerAgent(composer);
  return composer;
}

async function pickFlag(composer: Locator, flag: string) {
  await composer.locator(`label.flag:has(input[data-flag="${flag}"])`).click();
}

async function typeFree(composer: Locator, text: string) {
  await composer.locator('label.tpl', { hasText: '自由填写' }).click();
  await composer.locator('[data-testid="remark-content"]').fill(text);
}

describe('order helper: remark composer fills the site field (append, flag, never save)', () => {
  it('Taobao old list → memo page: the remark waits for the memo page, which fills textarea#memo and the radio', async () => {
    const orderId = '4014102398556771203'; // has a memo and a red flag
    await openDemoPage(page, route('taobao-sold-list'));
    const composer = await openComposer(page, '#sold_container .trade-order-main', orderId);
    expect(await composer.innerText()).toContain('蔡蔡 发顺丰'); // the existing memo in the preview
    await typeFree(composer, '送杯刷一个');
    await pickFlag(composer, 'follow-up');
    await expect
      .poll(() => composer.locator('.merged mark.added').innerText())
      .toBe(`${AGENT} 送杯刷一个 ${today()}`);

    const fill = composer.locator('[data-testid="remark-fill"]');
    expect(await fill.innerText()).toContain('打开备注页');
    const [memo] = await Promise.all([browser.context.waitForEvent('page'), fill.click()]);
    await memo.waitForLoadState();
    expect(memo.url()).toContain(`biz_order_id=${orderId}`);
    expect(await saved(page)).toEqual([]);

    // The memo page offers the waiting remark in its own composer.
    const offered = memo.locator('[data-testid="remark-composer"]');
    await expect.poll(() => offered.count(), { timeout: 15_000 }).toBe(1);
    expect(await offered.locator('[data-testid="remark-content"]').inputValue()).toBe('送杯刷一个');
    const before = (await state(memo)).remark!;
    expect(before).toContain('蔡蔡 发顺丰');
    await offered.locator('[data-testid="remark-fill"]').click();

    await expect
      .poll(async () => (await state(memo)).remark)
      .toBe(`${before}\n${AGENT} 送杯刷一个 ${today()}`);
    expect((await state(memo)).flag).toBe(3); // green = 待跟进, Taobao code 3
    // The overlay label only hides on a real input event: it must be gone.
    expect(await memo.locator('.memo-textarea-label').isVisible()).toBe(false);
    expect(await saved(memo)).toEqual([]);
    expect(await memo.locator('[data-testid="remark-composer"]').count()).toBe(0);
    await memo.close();
  });

  it('Taobao memo page: appends to textarea#memo and checks the radio (return = purple 5)', async () => {
    await openDemoPage(page, route('taobao-memo-edit'));
    const before = (await state(page)).remark!;
    const composer = await openComposer(page, 'form#form1', '');
    await typeFree(composer, '买家七天无理由退货，待收货');
    await pickFlag(composer, 'return');
    await composer.locator('[data-testid="remark-fill"]').click();
    await expect
      .poll(async () => (await state(page)).remark)
      .toBe(`${before}\n${AGENT} 买家七天无理由退货，待收货 ${today()}`);
    expect((await state(page)).flag).toBe(5);
    expect(await page.locator('.memo-textarea-label').isVisible()).toBe(false);
    expect(await saved(page)).toEqual([]);
  });

  it('Qianniu new list: opens the Fusion dialog, appends, React state has it (problem = yellow 2)', async () => {
    const orderId = '4014102398556771203';
    await openDemoPage(page, route('qianniu-sold'));
    const composer = await openComposer(page, 'div.next-table-body > table', orderId);
    await composer.locator('label.tpl', { hasText: '指定快递' }).click();
    await composer.locator('#kefu-f-courier').fill('顺丰');
    await pickFlag(composer, 'problem');
    await composer.locator('[data-testid="remark-fill"]').click();
    await expect.poll(async () => (await state(page)).dialogOpen).toBe(true);
    const s = await state(page);
    expect(s.orderId).toBe(orderId);
    expect(s.remark).toMatch(/^蔡蔡 发顺丰，补运费差价6元已收 \d{4}\.\d{1,2}\.\d{1,2}\n/u);
    expect(s.remark!.endsWith(`\n${AGENT} 发顺丰 ${today()}`)).toBe(true);
    expect(s.flag).toBe(2);
    expect(await saved(page)).toEqual([]);
  });

  it('JD old list: plain dialog, existing remark kept, separator ；, level 4 (exchange)', async () => {
    const orderId = '292117760391';
    await openDemoPage(page, route('jd-order-list-old'));
    const composer = await openComposer(page, '#orderList > table.order-tb', orderId);
    await typeFree(composer, '换成浅灰色，买家寄回后发出');
    await pickFlag(composer, 'exchange');
    await composer.locator('[data-testid="remark-fill"]').click();
    await expect.poll(async () => (await state(page)).dialogOpen).toBe(true);
    const s = await state(page);
    expect(s.remark).toMatch(/^阿杰 顾客要求周六送达，已联系物流 \S+；/u);
    expect(s.remark!.endsWith(`；${AGENT} 换成浅灰色，买家寄回后发出 ${today()}`)).toBe(true);
    expect(s.flag).toBe(4);
    expect(await saved(page)).toEqual([]);
  });

  it('JD new list (micro-app in an iframe): Vue v-model has the appended remark and level', async () => {
    const orderId = '292165503972';
    await openDemoPage(page, route('jd-order-list-new'));
    const frameLocator = page.frameLocator('iframe#micro-app-order');
    await expect
      .poll(() => frameLocator.locator('[data-testid="remark-button"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const frame = page.frames().find((f) => f.url().includes('/jdm/micro/order-list-frame.html'))!;
    const composer = await openComposer(frameLocator, '.order-list > .jdm-order-card', orderId);
    await typeFree(composer, '已答应周日前回复换色');
    await pickFlag(composer, 'ship-attention');
    await composer.locator('[data-testid="remark-fill"]').click();
    await expect.poll(async () => (await state(frame)).dialogOpen).toBe(true);
    const s = await state(frame);
    expect(s.remark).toMatch(/^阿杰 待跟进：顾客想换成灰色，明天回复 \S+；/u);
    expect(s.remark!.endsWith(`；${AGENT} 已答应周日前回复换色 ${today()}`)).toBe(true);
    expect(s.flag).toBe(1);
    expect(await saved(frame)).toEqual([]);
  });

  it('Pinduoduo list: Vue dialog, tag chip 5 (return), nothing confirmed', async () => {
    await openDemoPage(page, route('pdd-order-list'));
    const composer = await openComposer(page, '.package-center-table > div', '348827105936472');
    await typeFree(composer, '买家拒收，退回后退款');
    await pickFlag(composer, 'return');
    await composer.locator('[data-testid="remark-fill"]').click();
    await expect.poll(async () => (await state(page)).dialogOpen).toBe(true);
    const s = await state(page);
    expect(s.remark).toMatch(/^小美 买家要求发顺丰，已补运费差价 \S+；/u);
    expect(s.remark!.endsWith(`；${AGENT} 买家拒收，退回后退款 ${today()}`)).toBe(true);
    expect(s.flag).toBe(5);
    expect(await saved(page)).toEqual([]);
  });

  it('Pinduoduo list: a row whose header the site re-renders gets its 写备注 button back', async () => {
    await openDemoPage(page, route('pdd-order-list'));
    const row = page.locator('.package-center-table > div').filter({ hasText: '348827105936472' }).first();
    const button = row.locator('[data-testid="remark-button"]');
    await expect.poll(() => button.count()).toBe(1);
    const header = row.locator('.order-head-right');
    const before = await header.elementHandle();
    await page.evaluate(() =>
      (window as unknown as { __demo: { refreshOrder(sn: string): void } }).__demo.refreshOrder(
        '348827105936472',
      ),
    );
    // The site replaced the element our button sat in…
    await expect.poll(() => before!.evaluate((el) => el.isConnected)).toBe(false);
    // …and the button is back in the new one, once, and still opens the composer.
    await expect.poll(() => button.count()).toBe(1);
    await button.click();
    await expect.poll(() => page.locator('[data-testid="remark-composer"]').count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('Pinduoduo detail: the return panel says yes (signed 6 days ago); its remark and flag go to the dialog', async () => {
    await openDemoPage(page, route('pdd-order-detail'));
    const inline = page.locator('kefu-return-check [data-testid="return-panel"]');
    await expect.poll(() => inline.getAttribute('data-eligible'), { timeout: 15_000 }).toBe('yes');
    const composer = await openComposer(page, '#mf-mms-orders-container .order-detail-wrapper', '');
    const side = composer.locator('[data-testid="return-panel"]');
    expect(await side.getAttribute('data-eligible')).toBe('yes');
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: 'https://mms.pinduoduo.com',
    });
    await side.locator('[data-testid="return-use"]').click();
    // A warm reply for the buyer is on the clipboard, and shown so the agent knows what it says.
    await expect.poll(() => side.locator('.rp-copied').innerText()).toContain('已复制');
    const reply = await side.locator('.rp-reply').innerText();
    expect(reply).toContain('七天无理由');
    expect(reply).toContain('寄回运费由我们承担'); // the order shows 退货包运费
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reply);
    await expect
      .poll(() => composer.locator('[data-testid="remark-content"]').inputValue())
      .toContain('七天无理由退货，');
    expect(await composer.locator('label.flag.on').innerText()).toContain('退货');
    await composer.locator('[data-testid="remark-fill"]').click();
    await expect.poll(async () => (await state(page)).dialogOpen).toBe(true);
    const s = await state(page);
    // The order shows 退货包运费: the shop pays the return postage.
    expect(s.remark).toBe(`${AGENT} 七天无理由退货，退款¥39.90，运费由卖家承担 ${today()}`);
    expect(s.flag).toBe(5);
    expect(await saved(page)).toEqual([]);
  });

  it("Douyin list: 60-character limit warns (never cuts); flag uses Douyin's own code (return = purple 1)", async () => {
    const orderId = '6938461027348817302';
    await openDemoPage(page, route('douyin-order-list'));
    const composer = await openComposer(page, '.auxo-table-row-level-0[data-row-key]', orderId);
    await typeFree(
      composer,
      '买家要求改发顺丰并加急，另送一副耳机套和一根备用充电线，已在聊天里确认过收货地址不变',
    );
    await expect.poll(() => composer.locator('[data-testid="remark-over-limit"]').count()).toBe(1);
    expect(await composer.locator('[data-testid="remark-over-limit"]').innerText()).toContain(
      '超出抖店备注上限 60',
    );
    expect(await composer.locator('[data-testid="remark-length"]').getAttribute('class')).toContain('over');

    await typeFree(composer, '送耳机套');
    await expect.poll(() => composer.locator('[data-testid="remark-over-limit"]').count()).toBe(0);
    await pickFlag(composer, 'return');
    await composer.locator('[data-testid="remark-fill"]').click();
    await expect.poll(async () => (await state(page)).dialogOpen).toBe(true);
    const s = await state(page);
    expect(s.remark).toMatch(/^阿杰 买家要求加急改发顺丰，已补差价 \S+；/u);
    expect(s.remark!.endsWith(`；${AGENT} 送耳机套 ${today()}`)).toBe(true);
    expect(s.flag).toBe(1); // Taobao would be 5
    expect(await saved(page)).toEqual([]);
  });

  it('Douyin detail: return panel yes; exchange goes to cyan 2 (Douyin has no blue)', async () => {
    await openDemoPage(page, route('douyin-order-detail'));
    const inline = page.locator('kefu-return-check [data-testid="return-panel"]');
    await expect.poll(() => inline.getAttribute('data-eligible'), { timeout: 15_000 }).toBe('yes');
    const composer = await openComposer(page, '[class*="orderDetail_container__"]', '');
    await composer.locator('label.tpl', { hasText: '换货' }).click();
    await composer.locator('#kefu-f-reason').fill('尺码不合适');
    await composer.locator('#kefu-f-to').fill('黑色');
    expect(await composer.locator('label.flag.on').innerText()).toContain('换货'); // the template suggests it
    await composer.locator('[data-testid="remark-fill"]').click();
    await expect.poll(async () => (await state(page)).dialogOpen).toBe(true);
    const s = await state(page);
    expect(s.remark).toBe(`${AGENT} 换货：黑色，尺码不合适 ${today()}`);
    expect(s.flag).toBe(2);
    expect(await saved(page)).toEqual([]);
  });
});

describe('order helper: return panel verdicts', () => {
  it('Taobao detail (signed 6 days ago): yes, with the deadline and the rules', async () => {
    await openDemoPage(page, route('taobao-order-detail'));
    const panel = page.locator('kefu-return-check [data-testid="return-panel"]');
    await expect.poll(() => panel.getAttribute('data-eligible'), { timeout: 15_000 }).toBe('yes');
    // Compact at first: verdict, live countdown, deadline, refund and the questions.
    const compact = await panel.innerText();
    expect(compact).toContain('能退');
    expect(compact).toMatch(/还剩 \d+ 天 \d\d:\d\d:\d\d/u);
    expect(compact).toContain('应退 ¥129.00');
    await panel.locator('button.toggle').click();
    const text = await panel.innerText();
    expect(text).toContain('T1');
    expect(text).toContain('《七日无理由退货暂行办法》');
    expect(text).toContain('运费险');
  });

  it('Taobao list, order signed 8 days ago: no for a no-reason return, flexible for a quality problem', async () => {
    await openDemoPage(page, route('taobao-sold-list'));
    const composer = await openComposer(page, '#sold_container .trade-order-main', '4011956620398127735');
    const panel = composer.locator('[data-testid="return-panel"]');
    expect(await panel.getAttribute('data-eligible')).toBe('no');
    expect(await panel.innerText()).toContain('不能退');
    await panel.locator('label', { hasText: '质量问题' }).click();
    await expect.poll(() => panel.getAttribute('data-eligible')).toBe('flexible');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="remark-composer"]').count()).toBe(0);
  });

  it('Douyin list, order signed 8 days ago: no', async () => {
    await openDemoPage(page, route('douyin-order-list'));
    const composer = await openComposer(page, '.auxo-table-row-level-0[data-row-key]', '6938420386671529904');
    expect(await composer.locator('[data-testid="return-panel"]').getAttribute('data-eligible')).toBe('no');
    await page.keyboard.press('Escape');
  });
});

describe('order helper: keyboard', () => {
  it('Esc closes; Enter in the free text stays in our field and never reaches the page', async () => {
    await openDemoPage(page, route('pdd-order-list'));
    await page.evaluate(() => {
      const w = window as unknown as { __keys: string[] };
      w.__keys = [];
      document.addEventListener('keydown', (e) => w.__keys.push(e.key));
    });
    const composer = await openComposer(page, '.package-center-table > div', '348827105936472');
    const field = composer.locator('[data-testid="remark-content"]');
    await field.click();
    await page.keyboard.type('发顺丰');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { __keys: string[] }).__keys)).toEqual([]);
    expect((await state(page)).dialogOpen).toBe(false);
    // Tab stays inside the dialog.
    for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe(
      'kefu-order-composer',
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => composer.count()).toBe(0);
    expect(await saved(page)).toEqual([]);
  });

  it('no agent name yet: asks inline, and Ctrl+Enter saves it to settings and fills in one go', async () => {
    await browser.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }
      ).chrome.storage.local.remove('settings'),
    );
    await openDemoPage(page, route('jd-order-list-old'));
    const row = page.locator('#orderList > table.order-tb').filter({ hasText: '291834507216' });
    await row.locator('[data-testid="remark-button"]').click();
    const composer = page.locator('[data-testid="remark-composer"]');
    const ask = composer.locator('#kefu-agent');
    await expect.poll(() => ask.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe(
      'kefu-order-composer',
    );
    await ask.fill('阿杰');
    await composer.locator('[data-testid="remark-content"]').fill('发顺丰');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await state(page)).remark).toBe(`阿杰 发顺丰 ${today()}`);
    const settings = await browser.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
        }
      ).chrome.storage.local.get('settings'),
    );
    expect((settings.settings as { agentName?: string }).agentName).toBe('阿杰');
    expect(await saved(page)).toEqual([]);
  });
});
