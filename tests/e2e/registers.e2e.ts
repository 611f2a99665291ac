import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_ROUTES } from '../fixtures/demo/routes';
import { launchWithExtension, type KefuBrowser } from '../harness/browser';
import { openDemoPage } from '../harness/tour';

type ChromeGlobal = {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown> };
    notifications: { getAll(): Promise<Record<string, boolean>> };
  };
};

const SHOTS = resolve(import.meta.dirname, '../../test-results/registers');
const route = (id: string) => DEMO_ROUTES.find((r) => r.id === id)!;
const browsers: KefuBrowser[] = [];
afterAll(async () => {
  for (const b of browsers) await b.close();
});

async function launch(colorScheme: 'light' | 'dark' = 'light') {
  const b = await launchWithExtension({ colorScheme, viewport: { width: 1280, height: 900 } });
  browsers.push(b);
  return b;
}

const send = (page: Page, type: string, data: unknown) =>
  page.evaluate(
    ([t, d]) => (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage({ type: t, data: d }),
    [type, data] as const,
  ) as Promise<{ ok: boolean; data?: unknown; error?: string }>;

async function openReport(b: KefuBrowser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html#registers`);
  await page.locator('[data-testid="registers-section"]').waitFor();
  return page;
}

/** What the report shows: KPI values and the top return reasons with counts and shares. */
async function readReport(page: Page) {
  await page.locator('[data-testid="kpi-inquiries"]').waitFor();
  const kpi = (id: string) => page.locator(`[data-testid="${id}"] .reg-kpi-value`).innerText();
  const rows = await page
    .locator('[data-testid="return-reasons-table"] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())),
    );
  const inquiries = await page
    .locator('[data-testid="inquiry-reasons-table"] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())),
    );
  return {
    inquiries: await kpi('kpi-inquiries'),
    unpaid: await kpi('kpi-unpaid'),
    returns: await kpi('kpi-returns'),
    within24h: await kpi('kpi-24h'),
    returnRows: rows,
    inquiryRows: inquiries,
  };
}

describe('registers: capture → report → export → import', () => {
  let exported = '';
  let before: Awaited<ReturnType<typeof readReport>>;

  it('captures an inquiry from the Pinduoduo chat, prefilled from the page', async () => {
    const b = await launch();
    const page = await b.context.newPage();
    await openDemoPage(page, route('pdd-chat'));
    const button = page.locator('kefu-register-capture [data-testid="register-capture-button"]');
    await button.waitFor();
    await button.click();
    const nick = page.locator('kefu-register-capture [data-testid="register-capture-buyerNick"]');
    await expect.poll(() => nick.inputValue()).not.toBe('');
    const chatNick = await page.locator('.chatWindowHeader .base-info .name').first().innerText();
    expect(await nick.inputValue()).toBe(chatNick.trim());
    expect(
      await page.locator('kefu-register-capture [data-testid="register-capture-orderId"]').inputValue(),
    ).toMatch(/^\d{6}-\d+$/);
    await page.locator('kefu-register-capture [data-testid="register-capture-question"]').fill('能便宜点吗');
    await page
      .locator('kefu-register-capture [data-testid="register-capture-reason"]')
      .selectOption('价格原因');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'capture-chat.png') });
    await page.locator('kefu-register-capture [data-testid="register-capture-save"]').click();
    await page.locator('kefu-register-capture [data-testid="register-capture-saved"]').waitFor();
    await page.close();
  });

  it('captures a return from the order detail page with order id and amount', async () => {
    const b = browsers[0]!;
    const page = await b.context.newPage();
    await openDemoPage(page, route('pdd-order-detail'));
    const button = page.locator('kefu-register-capture [data-testid="register-capture-button"]').first();
    await button.waitFor();
    await button.click();
    const panel = page.locator('kefu-register-capture [data-testid="register-capture"]');
    expect(await panel.locator('[data-testid="register-capture-orderId"]').inputValue()).toMatch(
      /-179332719430230$/,
    );
    expect(await panel.locator('[data-testid="register-capture-amount"]').inputValue()).toMatch(
      /^\d+\.\d{2}$/,
    );
    await panel.locator('[data-testid="register-capture-reason"]').selectOption('尺码不合适');
    await panel.locator('[data-testid="register-capture-trackingNo"]').fill('SF1234567890');
    await panel.locator('[data-testid="register-capture-save"]').click();
    await page.locator('kefu-register-capture [data-testid="register-capture-saved"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'capture-order.png') });
    await page.close();
  });

  it('shows both in the report: charts and table numbers', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await openReport(browsers[0]!);
    await page.locator('[data-testid="chart-returns"]').waitFor();
    await page.locator('[data-testid="chart-inquiries"]').waitFor();
    before = await readReport(page);
    expect(before.inquiries).toBe('1');
    expect(before.returns).toBe('1 / 0');
    expect(before.returnRows).toEqual([['1', '尺码不合适', '1', '100.0%']]);
    expect(before.inquiryRows).toEqual([['1', '价格原因', '1', '100.0%']]);
    // Export XLSX: a download the agent clicked.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="register-export-xlsx"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kefu-registers-\d{4}-\d{2}-\d{2}\.xlsx$/);
    exported = join(mkdtempSync(join(tmpdir(), 'kefu-reg-')), download.suggestedFilename());
    await download.saveAs(exported);
    await page.close();
  });

  it('a due follow-up raises a notification (alarm → notifications.getAll)', async () => {
    const page = await openReport(browsers[0]!);
    const added = await send(page, 'followups:add', {
      followup: { title: '签收回访', dueAt: Date.now() + 1500, buyerNick: 'e2e', orderId: '261113-1' },
    });
    expect(added).toMatchObject({ ok: true, data: { ok: true } });
    const id = (added.data as { followup: { id: string } }).followup.id;
    await expect
      .poll(
        () => page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.notifications.getAll()),
        { timeout: 20_000, interval: 500 },
      )
      .toHaveProperty(`kefu-followup:${id}`);
    // Done clears it.
    await send(page, 'followups:update', { id, done: true });
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.notifications.getAll()))
      .not.toHaveProperty(`kefu-followup:${id}`);
    await page.close();
  });

  it('re-importing the XLSX into a fresh profile gives the same numbers', async () => {
    await browsers.shift()!.close();
    const b = await launch();
    const page = await openReport(b);
    expect((await readReport(page)).inquiries).toBe('0');
    await page.locator('[data-testid="register-import-input"]').setInputFiles(exported);
    await expect
      .poll(() => page.locator('[data-testid="register-notice"]').innerText())
      .toContain('新增 2 条');
    await page.locator('[data-testid="chart-returns"]').waitFor();
    expect(await readReport(page)).toEqual(before);
    // The same file again: deduped by id, nothing doubles.
    await page.locator('[data-testid="register-import-input"]').setInputFiles(exported);
    await expect
      .poll(() => page.locator('[data-testid="register-notice"]').innerText())
      .toContain('未变 2 条');
    expect(await readReport(page)).toEqual(before);
  });

  it('a bad file imports nothing and says which row is wrong, in Chinese', async () => {
    const b = browsers[0]!;
    const page = await openReport(b);
    const bad = join(mkdtempSync(join(tmpdir(), 'kefu-reg-')), 'bad.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      bad,
      '\uFEFF编号,类型,登记时间,原因\r\nx1,退货,2026-11-20 10:00:00,质量问题\r\nx2,咨询,2026-11-20 10:00:00,价格原因\r\n',
    );
    await page.locator('[data-testid="register-import-input"]').setInputFiles(bad);
    const notice = page.locator('[data-testid="register-notice"]');
    await expect.poll(() => notice.innerText()).toContain('第 3 行「类型」：「咨询」不是登记类型');
    expect(await notice.innerText()).toContain('bad.csv');
    expect(await readReport(page)).toEqual(before);
  });
});

/** A realistic week for the screenshots: several agents, ties, late and overdue returns. */
/** Wednesday 15:00 Beijing time of the week that began at least three days before `real`. */
function midWeek(real: number): number {
  const HOUR = 3600_000;
  const DAY = 24 * HOUR;
  const wall = real - 3 * DAY + 8 * HOUR; // Beijing wall clock as UTC fields
  const monday = Math.floor(wall / DAY) * DAY - ((new Date(wall).getUTCDay() + 6) % 7) * DAY;
  return monday + 2 * DAY + 15 * HOUR - 8 * HOUR;
}

function demoEntries(now: number) {
  const H = 3600_000;
  const out: Record<string, unknown>[] = [];
  let n = 0;
  const add = (e: Record<string, unknown>) => {
    const createdAt = now - (n % 5) * 7 * H - 2 * H;
    out.push({ id: `demo-${n++}`, createdAt, updatedAt: createdAt, ...e });
  };
  const agents = ['蔡蔡', '小鹿', '阿杰'];
  const ret = [
    ['尺码不合适', 6],
    ['质量问题', 4],
    ['与描述不符', 3],
    ['不喜欢/不想要', 3],
    ['物流太慢', 1],
    ['拍错/多拍', 1],
  ] as const;
  for (const [reason, count] of ret) {
    for (let i = 0; i < count; i++) {
      const receivedAt = now - (i + 1) * 5 * H - 2 * H;
      add({
        kind: i % 3 === 2 ? 'exchange' : 'return',
        reason,
        quality: reason === '质量问题',
        agent: agents[i % 3],
        orderId: `2611${10 + i}-1793327194302${i}`,
        buyerNick: `买家${i}`,
        receivedAt,
        ...(i % 4 === 3 ? {} : { processedAt: Math.min(now, receivedAt + (i % 5 === 4 ? 30 : 6) * H) }),
      });
    }
  }
  const inq = [
    ['价格原因', 5],
    ['还在比较', 3],
    ['尺码/款式没有', 2],
    ['物流/发货慢', 1],
  ] as const;
  for (const [reason, count] of inq)
    for (let i = 0; i < count; i++)
      add({ kind: 'inquiry', reason, at: now - i * 3 * H - H, agent: agents[i % 3], buyerNick: `询盘${i}` });
  for (let i = 0; i < 9; i++) {
    add({
      kind: 'unpaid',
      reason: ['忘记付款', '价格/优惠', '运费原因'][i % 3],
      amountFen: 5990 + i * 1000,
      remindersSent: 1 + (i % 2),
      agent: agents[i % 3],
      ...(i % 3 === 0 ? {} : { paidAt: now - H }),
    });
  }
  return out;
}

describe('report screenshots (light and dark)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`renders the report in ${scheme}`, async () => {
      mkdirSync(SHOTS, { recursive: true });
      const b = await launch(scheme);
      const page = await openReport(b);
      // The page's clock stands on a Wednesday afternoon: 本周 holds every demo entry whatever
      // hour the tests run (just after Monday 00:00 Beijing time, "now − 30 h" is last week).
      const now = midWeek(Date.now());
      await page.clock.setFixedTime(now);
      const r = await send(page, 'registers:import', { entries: demoEntries(now) });
      expect(r).toMatchObject({ ok: true, data: { ok: true } });
      await send(page, 'followups:add', {
        followup: { title: '催付款', dueAt: now + 3600_000, buyerNick: '买家0' },
      });
      await page.reload();
      await page.locator('[data-testid="chart-returns"]').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, `report-${scheme}.png`), fullPage: true });
      await page.screenshot({ path: join(SHOTS, `report-${scheme}-top.png`) });
      await browsers.pop()!.close();
    });
  }
});
