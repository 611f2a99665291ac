import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type KefuBrowser } from '../harness/browser';
import { DB_VERSION } from '../../lib/store/db';

/**
 * The options page on the built extension: phrase CRUD with the duplicate-shortcut error at its
 * field, trash and restore, pack phrases read-only with 复制到我的短语, JSON import (errors by
 * item, all or nothing) and export, settings validated at the field, and a full backup → restore
 * round trip. Screenshots go to test-results/screens/.
 */

type ChromeGlobal = {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; data: Record<string, unknown> }> };
  };
};

const SHOTS = resolve(import.meta.dirname, '../../test-results/screens');
let browser: KefuBrowser;
let page: Page;

const send = (message: unknown) =>
  page.evaluate((m) => (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage(m), message);
const listPhrases = async (trash = false) =>
  ((await send({ type: 'phrases:list', data: { trash } })).data.phrases as { id: string; title: string }[]) ??
  [];

async function openSection(id: string) {
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#${id}`);
  await page.reload(); // the hash alone does not re-render when only the hash changed
}

const table = () => page.locator('[data-testid="phrase-table"]');
const row = (title: string) =>
  table()
    .locator('tbody tr')
    .filter({ has: page.getByRole('button', { name: title, exact: true }) });
const notice = () => page.locator('[data-testid="phrases-notice"]');

async function search(q: string) {
  await page.locator('[data-testid="phrases-search"]').fill(q);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchWithExtension({ viewport: { width: 1280, height: 860 } });
  page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#phrases`);
  for (let t = Date.now(); (await listPhrases()).length < 50;) {
    if (Date.now() - t > 15_000) throw new Error('the starter phrases were not seeded');
    await page.waitForTimeout(200);
  }
});
afterAll(async () => browser?.close());

describe('phrases: create, edit, trash, restore', () => {
  it('lists the starter phrases', async () => {
    await openSection('phrases');
    await expect.poll(() => table().locator('tbody tr').count()).toBe(50); // first page
    expect(await page.locator('.section-sub').innerText()).toMatch(/共 \d+ 条短语/);
    await page.screenshot({ path: join(SHOTS, 'options-phrases.png') });
  });

  it('shows a duplicate shortcut at the field and saves nothing until it is fixed', async () => {
    const before = (await listPhrases()).length;
    await page.locator('[data-testid="phrase-new"]').click();
    const editor = page.locator('[data-testid="phrase-editor"]');
    await editor.waitFor();
    await editor.locator('input[name="title"]').fill('大促发货提醒');
    await editor.locator('input[name="shortcut"]').fill('cfh');
    await editor.locator('select[name="category"]').selectOption('售中/发货时间');
    await editor.locator('input[name="tags"]').fill('大促');
    await editor.locator('input[name="tags"]').press('Enter');
    await editor
      .locator('textarea[name="variant-0"]')
      .fill('{买家|亲}，大促期间订单较多，我们会按付款顺序尽快发出～');
    await editor.locator('[data-testid="phrase-save"]').click();
    await expect
      .poll(() => editor.locator('[data-testid="error-shortcut"]').innerText())
      .toBe('快捷码 “cfh” 已被短语「催发货」使用');
    await page.screenshot({ path: join(SHOTS, 'options-edit-form.png') });
    expect((await listPhrases()).length).toBe(before);

    await editor.locator('input[name="shortcut"]').fill('dcfh');
    expect(await editor.locator('[data-testid="error-shortcut"]').count()).toBe(0);
    await editor.locator('[data-testid="add-variant"]').click();
    await editor
      .locator('textarea[name="variant-1"]')
      .fill('活动期间仓库加班打包，付款后 72 小时内发出，请您放心。');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => notice().innerText()).toContain('已新建短语「大促发货提醒」');
    expect((await listPhrases()).length).toBe(before + 1);
    await search('dcfh');
    await expect.poll(() => row('大促发货提醒').count()).toBe(1);
    expect(await row('大促发货提醒').locator('.chip').innerText()).toBe('×2');
  });

  it('edits a phrase: reorder variants and rename', async () => {
    await row('大促发货提醒').locator('[data-testid="edit"]').click();
    const editor = page.locator('[data-testid="phrase-editor"]');
    await editor.locator('input[name="title"]').fill('大促发货说明');
    await editor.locator('.variant-edit').nth(1).getByRole('button', { name: '上移' }).click();
    expect(await editor.locator('textarea[name="variant-0"]').inputValue()).toContain('仓库加班');
    await editor.locator('[data-testid="phrase-save"]').click();
    await expect.poll(() => notice().innerText()).toContain('已保存「大促发货说明」');
    const saved = (await listPhrases()).find((p) => p.title === '大促发货说明') as unknown as {
      variants: string[];
    };
    expect(saved.variants[0]).toContain('仓库加班');
  });

  it('warns before saving a reply alike to an existing one', async () => {
    await search('');
    await page.locator('[data-testid="phrase-new"]').click();
    const editor = page.locator('[data-testid="phrase-editor"]');
    await editor.locator('input[name="title"]').fill('催发货（我的）');
    await editor
      .locator('textarea[name="variant-0"]')
      .fill('{买家|亲}，让您久等了！您的订单正在排队打包，我已经帮您备注优先发货，发出后会第一时间告诉您！');
    await editor.locator('[data-testid="phrase-save"]').click();
    await expect
      .poll(() => editor.locator('[data-testid="near-duplicates"]').innerText())
      .toContain('「催发货」相似度');
    // Unsaved changes: the first Esc asks, the second discards.
    await page.keyboard.press('Escape');
    await editor.locator('[data-testid="discard-ask"]').waitFor();
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
  });

  it('moves a phrase to the trash, restores it, and deletes it for good', async () => {
    await openSection('phrases');
    await search('大促发货说明');
    await row('大促发货说明').locator('[data-testid="trash"]').click();
    await expect.poll(() => notice().innerText()).toContain('已把 1 条短语移到回收站');
    expect((await listPhrases(true)).map((p) => p.title)).toContain('大促发货说明');

    await page.locator('[data-testid="tab-trash"]').click();
    const trash = page.locator('[data-testid="trash-table"]');
    await trash.locator('tr', { hasText: '大促发货说明' }).locator('[data-testid="restore"]').click();
    await expect.poll(() => notice().innerText()).toContain('已恢复 1 条短语');
    expect((await listPhrases()).map((p) => p.title)).toContain('大促发货说明');

    await page.locator('[data-testid="tab-all"]').click();
    await search('大促发货说明');
    await row('大促发货说明').locator('[data-testid="trash"]').click();
    await page.locator('[data-testid="tab-trash"]').click();
    await trash.locator('tr', { hasText: '大促发货说明' }).locator('[data-testid="purge"]').click();
    await page.locator('[data-testid="confirm-ok"]').click();
    await expect.poll(() => notice().innerText()).toContain('已彻底删除 1 条短语');
    expect((await listPhrases(true)).map((p) => p.title)).not.toContain('大促发货说明');
  });

  it('shows pack phrases read-only and copies one to my phrases', async () => {
    await send({
      type: 'phrases:import',
      data: {
        phrases: [
          {
            id: 'pack-team-1',
            title: '团队版欢迎语',
            shortcut: 'tdhy',
            variants: ['您好，这里是团队统一欢迎语～'],
            source: { kind: 'pack', packId: 'team', version: 3 },
          },
        ],
      },
    });
    await openSection('phrases');
    await search('团队版欢迎语');
    await expect.poll(() => row('团队版欢迎语').count()).toBe(1);
    expect(await row('团队版欢迎语').locator('[data-testid="edit"]').count()).toBe(0);
    await row('团队版欢迎语').locator('[data-testid="fork"]').click();
    const editor = page.locator('[data-testid="phrase-editor"]');
    expect(await editor.locator('input[name="shortcut"]').inputValue()).toBe('');
    await editor.locator('input[name="title"]').fill('我的欢迎语');
    await editor.locator('[data-testid="phrase-save"]').click();
    await expect.poll(() => notice().innerText()).toContain('已新建短语「我的欢迎语」');
    const mine = (await listPhrases()).find((p) => p.title === '我的欢迎语') as unknown as {
      source: { kind: string };
    };
    expect(mine.source.kind).toBe('mine');
  });
});

describe('phrases: JSON import and export', () => {
  it('exports a plain list of the active phrases', async () => {
    await openSection('phrases');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="phrase-export"]').click(),
    ]);
    const list = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(Array.isArray(list)).toBe(true);
    expect(list.length).toBe((await listPhrases()).length);
    expect(list[0]).not.toHaveProperty('py');
  });

  it('refuses a file with bad items, naming each one, and imports nothing', async () => {
    const before = (await listPhrases()).length;
    await page.locator('[data-testid="phrase-import-input"]').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify([
          { title: '好评返现说明', variants: ['ok'] },
          { title: '', variants: ['没有标题'] },
          { title: '到货时间', variants: [''] },
          { title: '重复快捷码', shortcut: 'cfh', variants: ['x'] },
        ]),
      ),
    });
    const dialog = page.locator('[data-testid="import-dialog"]');
    await dialog.waitFor();
    const errors = await dialog.locator('[data-testid="import-errors"] li').allInnerTexts();
    expect(errors.join('\n')).toContain('第 2 条短语的标题：标题不能为空');
    expect(errors.join('\n')).toContain('第 3 条短语「到货时间」的第 1 条话术：话术内容不能为空');
    expect(errors.join('\n')).toContain(
      '第 4 条短语「重复快捷码」的快捷码：快捷码「cfh」已被现有短语「催发货」使用',
    );
    expect(await dialog.locator('[data-testid="import-confirm"]').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'options-import-errors.png') });
    await page.keyboard.press('Escape');
    expect((await listPhrases()).length).toBe(before);
  });

  it('imports a valid file in one go', async () => {
    const before = (await listPhrases()).length;
    await page.locator('[data-testid="phrase-import-input"]').setInputFiles({
      name: 'good.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify([
          {
            title: '618 活动说明',
            shortcut: 'hd618',
            tags: ['大促'],
            variants: ['618 当天全场满 300 减 40'],
          },
          { title: '开票说明', shortcut: 'kp', variants: ['订单完成后可在订单详情申请电子发票'] },
        ]),
      ),
    });
    const dialog = page.locator('[data-testid="import-dialog"]');
    await expect
      .poll(() => dialog.locator('[data-testid="import-summary"]').innerText())
      .toContain('共 2 条短语，新增 2 条');
    await dialog.locator('[data-testid="import-confirm"]').click();
    await expect.poll(() => notice().innerText()).toContain('导入完成：新增 2 条');
    expect((await listPhrases()).length).toBe(before + 2);
    await search('kaipiao');
    await expect.poll(() => row('开票说明').count()).toBe(1);
  });
});

describe('settings', () => {
  it('validates at the field and saves valid values', async () => {
    await openSection('settings');
    const target = page.locator('[data-testid="settings-response-target"]');
    await target.fill('3');
    await expect
      .poll(() => page.locator('[data-testid="error-responseTargetSeconds"]').innerText())
      .toContain('5 到 600');
    await target.fill('30');
    await target.press('Enter');
    await page.locator('[data-testid="settings-agent-name"]').fill('蔡蔡');
    await page.locator('[data-testid="settings-agent-name"]').press('Tab');
    await page.locator('[data-feature="phrase-picker"][data-site="jd"]').uncheck();
    await expect.poll(() => page.locator('[data-testid="settings-saved"]').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'options-settings.png'), fullPage: true });
    await page.reload();
    expect(await page.locator('[data-testid="settings-agent-name"]').inputValue()).toBe('蔡蔡');
    expect(await page.locator('[data-testid="settings-response-target"]').inputValue()).toBe('30');
    expect(await page.locator('[data-feature="phrase-picker"][data-site="jd"]').isChecked()).toBe(false);
  });
});

describe('backup and restore', () => {
  it('exports everything, then restores it over changed data in one step', async () => {
    await openSection('backup');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="backup-export"]').click(),
    ]);
    const file = readFileSync((await download.path())!, 'utf8');
    const backup = JSON.parse(file);
    expect(backup).toMatchObject({
      format: 'kefu-backup/1',
      dbVersion: DB_VERSION,
      settings: { agentName: '蔡蔡' },
    });
    const count = (await listPhrases()).length;

    // Change things after the backup: trash a phrase, rename the agent.
    const victim = (await listPhrases()).find((p) => p.title === '开票说明')!;
    await send({ type: 'phrases:trash', data: { ids: [victim.id] } });
    await openSection('settings');
    await page.locator('[data-testid="settings-agent-name"]').fill('小周');
    await page.locator('[data-testid="settings-agent-name"]').press('Tab');
    await expect.poll(() => page.locator('[data-testid="settings-saved"]').count()).toBe(1);

    await openSection('backup');
    await page.locator('[data-testid="backup-restore-input"]').setInputFiles({
      name: 'kefu-backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    });
    const preview = page.locator('[data-testid="backup-preview"]');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('恢复「kefu-backup.json」会替换下面所有数据');
    await page.screenshot({ path: join(SHOTS, 'options-backup.png') });
    await preview.locator('[data-testid="backup-restore-confirm"]').click();
    await expect
      .poll(() => page.locator('[data-testid="backup-restored"]').innerText())
      .toContain(`${count} 条短语`);
    expect((await listPhrases()).length).toBe(count);
    expect((await listPhrases(true)).map((p) => p.id)).not.toContain(victim.id);
    await openSection('settings');
    expect(await page.locator('[data-testid="settings-agent-name"]').inputValue()).toBe('蔡蔡');
  });

  it('explains a broken backup and changes nothing', async () => {
    await openSection('backup');
    const before = (await listPhrases()).length;
    const broken = {
      format: 'kefu-backup/1',
      dbVersion: 1,
      settingsVersion: 1,
      exportedAt: 'x',
      settings: {},
      phrases: [{ id: 'a', title: '', variants: [] }],
      packs: [],
      registers: [],
      followups: [],
      kv: [],
    };
    await page.locator('[data-testid="backup-restore-input"]').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const errors = page.locator('[data-testid="backup-errors"]');
    await errors.waitFor();
    const text = await errors.innerText();
    expect(text).toContain('第 1 条短语「a」的标题：标题不能为空');
    expect(text).toContain('第 1 条短语「a」的话术：至少需要一条话术');
    expect(await page.locator('[data-testid="backup-errors-title"]').innerText()).toContain(
      '现有数据没有任何改动',
    );
    expect((await listPhrases()).length).toBe(before);
  });
});

describe('starter phrases', () => {
  it('「移除全部初始短语」 moves every starter phrase to the trash, restorable', async () => {
    await openSection('phrases');
    const starters = () =>
      listPhrases().then(
        (l) =>
          l.filter((p) => (p as unknown as { source: { kind: string } }).source.kind === 'starter').length,
      );
    expect(await starters()).toBeGreaterThan(50);
    await page.locator('[data-testid="remove-starter"]').click();
    await page.locator('[data-testid="confirm-ok"]').click();
    await expect.poll(() => notice().innerText()).toMatch(/已把 \d+ 条短语移到回收站/);
    expect(await starters()).toBe(0);
    expect((await listPhrases(true)).length).toBeGreaterThan(50);
  });
});
