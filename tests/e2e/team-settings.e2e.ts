import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRemarkDate } from '../../lib/remarks';
import { DEFAULT_FLAG_LEGEND } from '../../lib/remarks/flags';
import { DEMO_ROUTES } from '../fixtures/demo/routes';
import { launchWithExtension, type KefuBrowser } from '../harness/browser';
import { CHAT_TARGETS, openChat, sendToBackground } from '../harness/picker';
import { openDemoPage } from '../harness/tour';

/**
 * Team settings from a pack, in real Chromium: a lead's pack whose flag legend gives 退货 blue
 * (not the default purple) and adds a wording rule is installed in the options page; the order
 * composer then picks the pack's flag (Taobao code 4, blue) and says where the legend comes
 * from, the chat hints flag the pack's word and name the pack, and after uninstalling the pack
 * everything is back to the built-in defaults without reloading the extension.
 */

const ID = 'mianmian-team';
const NAME = '棉棉家居 · 团队设置';
const AGENT = '小周';
const SHOTS = resolve(import.meta.dirname, '../../test-results/team');

type DemoState = { remark?: string; flag?: number };
type DemoWindow = { __demo: { saved: unknown[]; state(): DemoState } };

function teamPack() {
  const flags = structuredClone(DEFAULT_FLAG_LEGEND.flags);
  flags.return = { colour: 'blue', label: { zh: '退货退款' }, description: '验货后退款' };
  flags.exchange = { ...flags.exchange, colour: 'purple' };
  return {
    format: 'kefu-pack/1',
    id: ID,
    name: NAME,
    version: 1,
    publisher: '售后组 王组长',
    updatedAt: '2025-03-01T10:00:00+08:00',
    changelog: '第 1 版：本店旗帜和用语',
    phrases: [{ id: 'hi', title: '问候', variants: ['亲，在的～'] }],
    flagLegend: { version: 1, name: '棉棉家居旗帜', flags },
    wordingRules: [
      {
        id: 'shop-instant-refund',
        kind: 'promise',
        pattern: '秒退款',
        message: '退款到账时间由平台和银行决定，别承诺“秒退”',
        suggestion: '退款会尽快原路退回',
        source: '棉棉家居售后规范 2025',
      },
    ],
    returnPolicy: { returnShippingFree: true, asOf: '2025-03-01' },
    registerReasons: ['色差', '偏小一码'],
  };
}

let browser: KefuBrowser;
let page: Page;

const route = (id: string) => DEMO_ROUTES.find((r) => r.id === id)!;
const state = (p: Page) => p.evaluate(() => (window as unknown as DemoWindow).__demo.state());
const hintsIn = (p: Page) => p.locator('kefu-wording-hints [data-testid="wording-hints"]');

async function openOptions(hash: string): Promise<Page> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html#${hash}`);
  await options.locator('.options-main h2').first().waitFor();
  return options;
}

async function openMemoComposer(): Promise<Locator> {
  await page.goto('about:blank');
  await openDemoPage(page, route('taobao-memo-edit'));
  await page.locator('form#form1 [data-testid="remark-button"]').first().click();
  const composer = page.locator('[data-testid="remark-composer"]');
  await expect.poll(() => composer.count()).toBe(1);
  const ask = composer.locator('#kefu-agent');
  if (await ask.isVisible()) {
    await ask.fill(AGENT);
    await composer.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => ask.count()).toBe(0);
  }
  // The 退货 template suggests the 退货 flag.
  await composer.locator('label.tpl[data-template="return"]').click();
  await composer.locator('#kefu-f-refundReason').selectOption('七天无理由');
  return composer;
}

const selectedFlag = (composer: Locator) => composer.locator('label.flag.on');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchWithExtension({ viewport: { width: 1280, height: 860 } });
  page = await browser.context.newPage();
});
afterAll(async () => browser?.close());

describe('team settings from an installed pack', () => {
  it('installs the pack; the options page shows the legend and rule with their source', async () => {
    const options = await openOptions('packs');
    await options.locator('[data-testid="pack-import-input"]').setInputFiles({
      name: 'team.kefu-pack.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(teamPack())),
    });
    await options.getByTestId('pack-preview').waitFor();
    await options.getByTestId('pack-apply').click();
    await expect
      .poll(() => options.locator(`[data-testid="pack-card"][data-pack-id="${ID}"]`).count())
      .toBe(1);

    await options.goto('about:blank');
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#team`);
    const legend = options.getByTestId('team-legend');
    await expect
      .poll(() => legend.locator('tr[data-flag="return"]').getAttribute('data-colour'))
      .toBe('blue');
    expect(await legend.locator('tr[data-flag="return"]').innerText()).toContain('退货退款');
    expect(await legend.innerText()).toContain(`来自团队包「${NAME}」v1`);
    expect(await options.getByTestId('team-rules').innerText()).toContain('秒退款');
    expect(await options.getByTestId('team-policy').innerText()).toContain('退货包运费');
    expect(await options.getByTestId('team-reasons').innerText()).toContain('色差');
    await options.screenshot({ path: join(SHOTS, 'options-team.png'), fullPage: true });
    await options.close();
  });

  it("the remark composer picks the pack's flag for 退货 (blue, Taobao code 4) and names the pack", async () => {
    const composer = await openMemoComposer();
    await expect.poll(() => selectedFlag(composer).locator('input').getAttribute('data-flag')).toBe('return');
    expect(await selectedFlag(composer).locator('svg.flag-dot').getAttribute('data-colour')).toBe('blue');
    expect(await selectedFlag(composer).innerText()).toContain('退货退款');
    expect(await composer.getByTestId('legend-source').innerText()).toContain(
      `旗帜含义来自团队包「${NAME}」v1`,
    );
    await composer.screenshot({ path: join(SHOTS, 'composer-pack-legend.png') });

    const before = (await state(page)).remark ?? '';
    await composer.locator('[data-testid="remark-fill"]').click();
    await expect
      .poll(async () => (await state(page)).remark)
      .toBe(`${before}\n${AGENT} 退货：七天无理由 ${formatRemarkDate(Date.now())}`);
    expect((await state(page)).flag).toBe(4);
    expect(await page.evaluate(() => (window as unknown as DemoWindow).__demo.saved)).toEqual([]);
  });

  it("the return panel applies the pack's shop policy and names the pack", async () => {
    await page.goto('about:blank');
    await openDemoPage(page, route('pdd-order-detail'));
    const inline = page.locator('kefu-return-check [data-testid="return-panel"]');
    await expect.poll(() => inline.getAttribute('data-eligible'), { timeout: 15_000 }).toBe('yes');
    expect(await inline.getByTestId('policy-source').innerText()).toContain(
      `店铺政策来自团队包「${NAME}」v1`,
    );
    // 退货包运费 from the pack: the shop pays the return postage on a no-reason return.
    await inline.locator('button.toggle').click();
    expect(await inline.locator('.rp-rules').first().innerText()).toContain(`来自团队包「${NAME}」v1`);
    // The checklist names the flag as the pack's legend has it, not the built-in purple.
    const checklist = await inline.locator('.rp-checklist').innerText();
    expect(checklist).toContain('标旗：退货退款（蓝旗）');
    expect(checklist).not.toContain('紫旗');
    await inline.screenshot({ path: join(SHOTS, 'return-panel-pack-policy.png') });
  });

  it("the chat hints flag the pack's word and say which pack the rule comes from", async () => {
    const chat = await openChat(page, CHAT_TARGETS.pdd!);
    await chat.field.click();
    await page.keyboard.type('亲，同意后给您秒退款');
    const hints = hintsIn(page);
    await expect.poll(() => hints.count()).toBe(1);
    const hint = hints.locator('.hint').first();
    expect(await hint.locator('.flagged').innerText()).toBe('秒退款');
    expect(await hint.locator('.why').innerText()).toContain('别承诺“秒退”');
    expect(await hint.getByTestId('wording-source').innerText()).toContain(`来自团队包「${NAME}」v1`);
    await hints.screenshot({ path: join(SHOTS, 'wording-pack-rule.png') });
    // Built-in rules still apply (the pack did not say "replace"), without a pack source.
    await chat.field.fill('');
    await page.keyboard.type('这是顶级面料');
    await expect.poll(() => hint.locator('.flagged').innerText()).toBe('顶级');
    expect(await hint.getByTestId('wording-source').count()).toBe(0);
  });

  it('after uninstalling, the defaults are back on the next composer (purple 退货, no source)', async () => {
    const reply = await sendToBackground<{ ok: boolean; data: { ok: boolean } }>(browser, {
      type: 'packs:uninstall',
      data: { id: ID },
    });
    expect(reply.ok && reply.data.ok).toBe(true);
    const composer = await openMemoComposer();
    await expect
      .poll(() => selectedFlag(composer).locator('svg.flag-dot').getAttribute('data-colour'))
      .toBe('purple');
    expect(await composer.getByTestId('legend-source').count()).toBe(0);
    expect(await selectedFlag(composer).innerText()).toContain('退货');
  });
});
