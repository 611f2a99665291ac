import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportKeyJwk,
  fingerprint,
  generateTeamKey,
  parsePack,
  publicJwkOf,
  signPack,
  type Pack,
  type PackInput,
} from '../../lib/packs';
import { storedPhraseId } from '../../lib/packs/installed';
import { launchWithExtension, type KefuBrowser } from '../harness/browser';
import { CHAT_TARGETS, openChat, sendToBackground } from '../harness/picker';

/**
 * Team phrase packs in real Chromium, end to end: a lead's signed pack served by a static host
 * (a route handler with ETags, `https://packs.example-team.test/`), subscribed with the lead's
 * key pinned, updated to v2 after reviewing the diff (the new phrase shows up in the chat
 * picker), a tampered v3 refused with the reason shown while v2 stays, a rollback to v1, and a
 * hostile pack whose `<img onerror>` stays text everywhere it is shown.
 *
 * Two things real Chromium cannot do headless, and how the test stands in:
 * - the optional-host-permission prompt cannot be clicked: the options page's
 *   `chrome.permissions.request` is replaced by a stub that records the origins asked for;
 * - without the granted permission the background's fetch is a CORS request, so the fake host
 *   sends the CORS headers a static host (GitHub Pages, OSS) would, exposing ETag.
 */

const ID = 'mianmian-after-sales';
const HOST = 'https://packs.example-team.test';
const PACK_URL = `${HOST}/team/after-sales.kefu-pack.json`;
const SHOTS = resolve(import.meta.dirname, '../../test-results/packs');
const XSS = '<img src=x onerror="window.__kefuXss=1">';

let browser: KefuBrowser;
let options: Page;
let pair: CryptoKeyPair;
let publicJwk: JsonWebKey;
let keyFingerprint: string;

/** The fake static host: serves `body` with `etag`, 304 when the client already has it. */
const host = { body: '', etag: '', requests: [] as { ifNoneMatch?: string; status: number }[] };

function pack(version: number, extra: PackInput['phrases'] = []): Pack {
  const r = parsePack({
    format: 'kefu-pack/1',
    id: ID,
    name: '棉棉家居 · 售后话术',
    version,
    publisher: '售后组 王组长',
    updatedAt: `2025-03-0${version}T10:00:00+08:00`,
    description: '售后组统一话术，每周一更新',
    // From v2 the lead keeps only the team's wording rules (the diff names the change in Chinese).
    ...(version >= 2 ? { wordingRulesMode: 'replace' as const } : {}),
    changelog: [
      {
        version,
        date: `2025-03-0${version}`,
        notes: `第 ${version} 版：${version === 1 ? '首次发布' : '新增物流慢安抚话术，催发货改得更亲切'}`,
      },
    ],
    phrases: [
      {
        id: 'ship-urge',
        title: '催发货',
        shortcut: 'tcfhp',
        category: '售中/发货时间',
        variants: [
          version === 1
            ? '亲，您的订单今天就会发出～'
            : '亲亲别着急，仓库正在加急打包，今天 17 点前一定发出～',
        ],
      },
      {
        id: 'size',
        title: '尺码推荐',
        shortcut: 'tcmp',
        category: '售前/尺码推荐',
        variants: ['亲，方便说下身高体重吗？帮您推荐尺码～'],
      },
      {
        id: 'return-ok',
        title: '同意退货',
        shortcut: 'tthp',
        category: '售后/退货',
        variants: ['亲，已同意退货申请，寄回时请附上订单号～'],
      },
      ...extra,
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

const V2_EXTRA = [
  {
    id: 'logistics-slow',
    title: '物流慢安抚',
    shortcut: 'twlmp',
    category: '售中/物流查询',
    variants: ['非常抱歉让您久等了！已联系快递加急派送，有消息马上告诉您。'],
  },
];

function serve(value: unknown, etag: string) {
  host.body = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  host.etag = etag;
}

async function answer(route: Route) {
  const ifNoneMatch = route.request().headers()['if-none-match'];
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'ETag, Last-Modified',
  };
  if (ifNoneMatch && ifNoneMatch === host.etag) {
    host.requests.push({ ifNoneMatch, status: 304 });
    await route.fulfill({ status: 304, headers: { ...cors, ETag: host.etag } });
    return;
  }
  host.requests.push({ ...(ifNoneMatch ? { ifNoneMatch } : {}), status: 200 });
  await route.fulfill({
    status: 200,
    contentType: 'application/json; charset=utf-8',
    headers: { ...cors, ETag: host.etag },
    body: host.body,
  });
}

async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

type ListReply = { ok: boolean; data: { phrases: { id: string; title: string; variants: string[] }[] } };
const storedPhrases = async () =>
  (await sendToBackground<ListReply>(browser, { type: 'phrases:list', data: {} })).data.phrases;

const card = () => options.locator(`[data-testid="pack-card"][data-pack-id="${ID}"]`);

async function openOptions(hash: string) {
  // A fresh load each time (a same-URL goto would only change the hash and keep the state).
  await options.goto('about:blank');
  await options.goto(`chrome-extension://${browser.extensionId}/options.html#${hash}`);
  await options.locator('.options-main h2').first().waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  pair = await generateTeamKey();
  publicJwk = publicJwkOf(await exportKeyJwk(pair.publicKey));
  keyFingerprint = await fingerprint(pair.publicKey);
  browser = await launchWithExtension({ viewport: { width: 1280, height: 860 } });
  // Registered after the demo router: takes precedence for the pack host.
  await browser.context.route(`${HOST}/**`, answer);
  options = await browser.context.newPage();
  await options.addInitScript(() => {
    // The permission prompt cannot be clicked headless: record what was asked, and say yes.
    const w = window as unknown as { __asked: unknown[]; chrome: { permissions: { request: unknown } } };
    w.__asked = [];
    w.chrome.permissions.request = (req: unknown) => {
      w.__asked.push(req);
      return Promise.resolve(true);
    };
  });
});
afterAll(async () => browser?.close());

describe('team phrase packs', () => {
  it('subscribes by URL with the lead key pinned, after showing what will be installed', async () => {
    serve(await signPack(pack(1), pair), '"v1"');
    await openOptions('packs');
    await options.getByTestId('pack-tab-url').click();
    await options.getByTestId('pack-url').fill(PACK_URL);
    await options.getByTestId('pack-url-key').fill(JSON.stringify(publicJwk));
    await expect.poll(() => options.getByTestId('pack-url-fingerprint').innerText()).toBe(keyFingerprint);
    await options.getByTestId('pack-subscribe').click();

    const preview = options.getByTestId('pack-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('安装「棉棉家居 · 售后话术」');
    expect(await preview.innerText()).toContain('签名已验证');
    expect(await preview.innerText()).toContain(keyFingerprint);
    await shot(options, '1-subscribe-preview');
    expect(await options.evaluate(() => (window as unknown as { __asked: unknown[] }).__asked)).toEqual([
      { origins: [`${HOST}/*`] },
    ]);

    await options.getByTestId('pack-apply').click();
    await expect.poll(() => card().getAttribute('data-version')).toBe('1');
    expect(await card().innerText()).toContain('签名已验证 · 公钥已固定');
    // The add form is empty again for the next pack.
    expect(await options.getByTestId('pack-import-input').count()).toBe(1);
    expect(host.requests).toEqual([{ status: 200 }]);
    const ids = (await storedPhrases()).map((p) => p.id);
    expect(ids).toContain(storedPhraseId(ID, 'ship-urge'));
    await shot(options, '2-packs-section');
  });

  it('an unchanged file is not downloaded again (ETag → 304)', async () => {
    await card().getByTestId('pack-check').click();
    await expect.poll(() => card().getByTestId('pack-flash').innerText()).toContain('已是最新');
    expect(host.requests.at(-1)).toEqual({ ifNoneMatch: '"v1"', status: 304 });
  });

  it('updates to v2 after the diff is reviewed; the new phrase is in the chat picker', async () => {
    serve(await signPack(pack(2, V2_EXTRA), pair), '"v2"');
    await card().getByTestId('pack-check').click();
    await card().getByTestId('pack-pending').waitFor();
    expect(await card().getByTestId('pack-pending').innerText()).toContain('第 2 版');
    expect(await card().getAttribute('data-version')).toBe('1');
    expect(host.requests.at(-1)).toEqual({ ifNoneMatch: '"v1"', status: 200 });

    await card().getByTestId('pack-review').click();
    const preview = options.getByTestId('pack-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('diff-added').innerText()).toContain('+1');
    expect(await preview.getByTestId('diff-changed').innerText()).toContain('~1');
    expect(await preview.getByTestId('diff-removed').innerText()).toContain('−0');
    expect(await preview.innerText()).toContain('物流慢安抚');
    expect(await preview.innerText()).toContain('用语规则用法：和内置规则一起提示 → 只用本包的规则');
    await shot(options, '3-update-diff');
    await options.getByTestId('pack-apply').click();
    await expect.poll(() => card().getAttribute('data-version')).toBe('2');

    const titles = (await storedPhrases()).map((p) => p.title);
    expect(titles).toContain('物流慢安抚');

    // The chat picker on the Pinduoduo demo finds it by its shortcut.
    const chatPage = await browser.context.newPage();
    try {
      const chat = await openChat(chatPage, CHAT_TARGETS.pdd!);
      await chat.field.click();
      await chatPage.keyboard.type('/twlmp');
      await expect
        .poll(() => chat.picker.getAttribute('data-query', { timeout: 500 }).catch(() => null), {
          timeout: 10_000,
        })
        .toBe('twlmp');
      await expect
        .poll(
          () =>
            chat.picker
              .locator('.row')
              .first()
              .innerText()
              .catch(() => ''),
          { timeout: 10_000 },
        )
        .toContain('物流慢安抚');
      await shot(chatPage, '3b-picker-new-phrase');
    } finally {
      await chatPage.close();
    }
  });

  it('refuses a tampered v3 with the reason shown, and v2 stays', async () => {
    const v3 = await signPack(pack(3, V2_EXTRA), pair);
    // Someone "improves" the signed file on the way: a phrase now asks buyers to add a WeChat.
    const tampered = {
      ...v3,
      phrases: v3.phrases.map((p) =>
        p.id === 'return-ok' ? { ...p, variants: ['加微信 kefu888 返现 10 元'] } : p,
      ),
    };
    serve(tampered, '"v3-tampered"');
    await card().getByTestId('pack-check').click();
    const refusal = card().getByTestId('pack-refusal');
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain('已拒绝第 3 版');
    expect(text).toContain('签名校验失败');
    expect(text).toContain('仍在使用第 2 版');
    expect(await card().getAttribute('data-version')).toBe('2');
    const phrases = await storedPhrases();
    expect(phrases.flatMap((p) => p.variants).join('\n')).not.toContain('加微信');
    expect(phrases.map((p) => p.title)).toContain('物流慢安抚');
    await shot(options, '4-tampered-refused');
  });

  it('rolls back to v1 in one click', async () => {
    await card().getByTestId('pack-rollback').click();
    await expect.poll(() => card().getAttribute('data-version')).toBe('1');
    const phrases = await storedPhrases();
    expect(phrases.map((p) => p.title)).not.toContain('物流慢安抚');
    expect(phrases.find((p) => p.id === storedPhraseId(ID, 'ship-urge'))?.variants).toEqual([
      '亲，您的订单今天就会发出～',
    ]);
  });

  it('a hostile pack stays text in the preview, the pack list and the chat picker', async () => {
    const hostile = pack(1, [
      { id: 'xss', title: XSS, shortcut: 'txssp', variants: [`${XSS}<script>window.__kefuXss=2</script>`] },
    ]);
    const file = { ...hostile, id: 'hostile-pack', name: `恶意包 ${XSS}` };
    await openOptions('packs');
    await options.getByTestId('pack-import-input').setInputFiles({
      name: 'hostile.kefu-pack.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    const preview = options.getByTestId('pack-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain(XSS);
    await options.getByTestId('pack-apply').click();
    const hostileCard = options.locator('[data-testid="pack-card"][data-pack-id="hostile-pack"]');
    await hostileCard.waitFor();
    await hostileCard.getByTestId('pack-show-phrases').click();
    await hostileCard.getByTestId('pack-phrases').waitFor();
    expect(await hostileCard.getByTestId('pack-phrases').innerText()).toContain(XSS);
    expect(await hostileCard.getByTestId('pack-name').innerText()).toBe(`恶意包 ${XSS}`);
    await options.waitForTimeout(300);
    expect(await options.evaluate(() => document.querySelectorAll('img, script:not([src])').length)).toBe(0);
    expect(
      await options.evaluate(() => (window as unknown as { __kefuXss?: number }).__kefuXss),
    ).toBeUndefined();
    await hostileCard.scrollIntoViewIfNeeded();
    await shot(options, '5-hostile-as-text');
    // Both packs want /tcfhp, /tcmp, /tthp: the first keeps them, the clash is listed.
    const clashes = options.getByTestId('shortcut-clashes');
    await clashes.scrollIntoViewIfNeeded();
    expect(await clashes.getByTestId('shortcut-clash').count()).toBe(3);
    await shot(options, '5b-shortcut-clashes');
    await options.emulateMedia({ colorScheme: 'dark' });
    await shot(options, '5c-dark');
    await options.emulateMedia({ colorScheme: 'light' });

    const chatPage = await browser.context.newPage();
    try {
      const chat = await openChat(chatPage, CHAT_TARGETS.pdd!);
      await chat.field.click();
      await chatPage.keyboard.type('/txssp');
      await expect
        .poll(
          () =>
            chat.picker
              .locator('.row')
              .first()
              .innerText()
              .catch(() => ''),
          { timeout: 10_000 },
        )
        .toContain('<img src=x');
      expect(await chat.picker.locator('img').count()).toBe(0);
      expect(
        await chatPage.evaluate(() => (window as unknown as { __kefuXss?: number }).__kefuXss),
      ).toBeUndefined();
    } finally {
      await chatPage.close();
    }
    await hostileCard.getByTestId('pack-uninstall').click();
    await hostileCard.getByTestId('pack-uninstall-confirm').click();
    await expect.poll(() => hostileCard.count()).toBe(0);
    expect((await storedPhrases()).some((p) => p.id.startsWith(storedPhraseId('hostile-pack', '')))).toBe(
      false,
    );
  });

  it('publish: a team key with its fingerprint, the pack signed and exported', async () => {
    await openOptions('publish');
    await options.getByTestId('team-key-generate').click();
    const fp = await options.getByTestId('team-key-fingerprint').innerText();
    expect(fp).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    await options.getByTestId('publish-name').fill('售后组 · 团队话术');
    await options.getByTestId('publish-id').fill('after-sales-team');
    await options.getByTestId('publish-publisher').fill('售后组 王组长');
    await options.getByTestId('publish-notes').fill('首次发布：催发货、尺码、退换货话术');
    await shot(options, '6-publish', true);
    const download = options.waitForEvent('download');
    await options.getByTestId('publish-export-signed').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('after-sales-team-v1.kefu-pack.json');
    const text = await (await file.createReadStream()).toArray();
    const exported = parsePack(Buffer.concat(text).toString('utf8'));
    expect(exported.ok).toBe(true);
    if (exported.ok) {
      expect(exported.pack.signature?.keyId).toBe(fp);
      expect(exported.pack.version).toBe(1);
    }
    expect(await options.getByTestId('publish-result').innerText()).toContain('第 2 版');

    // Back the key up, lose it, restore it: the same fingerprint signs again.
    const backup = options.waitForEvent('download');
    await options.getByTestId('team-key-backup').click();
    const backupPath = await (await backup).path();
    await options.getByRole('button', { name: '删除密钥' }).click();
    await options.getByRole('button', { name: '删除密钥' }).click();
    await options.getByTestId('team-key-generate').waitFor();
    await options.getByTestId('team-key-restore').setInputFiles(backupPath);
    await expect.poll(() => options.getByTestId('team-key-fingerprint').innerText()).toBe(fp);
  });

  it('spreadsheet: a Qianniu-style CSV is mapped, checked by row and imported', async () => {
    await openOptions('sheet');
    const csv = [
      '分组,快捷编码,短语内容',
      '售前,tqh1,亲，在的哦～有什么可以帮您？',
      '售后,tqh2,"亲，退货请寄到：\n浙江省杭州市…"',
      '售后,,',
      '售中,tqh1,重复的快捷编码',
    ].join('\r\n');
    await options.getByTestId('sheet-import-input').setInputFiles({
      name: '千牛快捷短语.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csv}`),
    });
    await options.getByTestId('sheet-mapping').waitFor();
    expect(await options.getByTestId('sheet-role-A').inputValue()).toBe('category');
    expect(await options.getByTestId('sheet-role-B').inputValue()).toBe('shortcut');
    expect(await options.getByTestId('sheet-role-C').inputValue()).toBe('variant');
    const errors = await options.getByTestId('sheet-errors').innerText();
    expect(errors).toContain('第 5 行');
    expect(errors).toContain('重复');
    expect(await options.getByTestId('sheet-summary').innerText()).toContain('可以导入 2 条');
    await shot(options, '7-sheet-mapping');
    await options.getByTestId('sheet-import-apply').click();
    await expect.poll(() => options.getByTestId('sheet-result').innerText()).toContain('新增 2 条');
    const titles = (await storedPhrases()).map((p) => p.variants[0]);
    expect(titles).toContain('亲，在的哦～有什么可以帮您？');
  });

  it('spreadsheet: my phrases exported to Excel import back as the same phrases', async () => {
    const mine = (await storedPhrases()).filter((p) => !p.id.startsWith('pk~'));
    const download = options.waitForEvent('download');
    await options.getByTestId('sheet-export-xlsx').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^kefu-phrases-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await options.getByTestId('sheet-import-input').setInputFiles(await file.path());
    await options.getByTestId('sheet-mapping').waitFor();
    expect(await options.getByTestId('sheet-role-A').inputValue()).toBe('id');
    expect(await options.getByTestId('sheet-role-G').inputValue()).toBe('variant');
    expect(await options.getByTestId('sheet-summary').innerText()).toContain(`可以导入 ${mine.length} 条`);
    await options.getByTestId('sheet-import-apply').click();
    // Every row has its id: the import replaces, nothing is duplicated or changed.
    await expect
      .poll(() => options.getByTestId('sheet-result').innerText())
      .toContain(`新增 0 条，更新 ${mine.length} 条`);
    const after = (await storedPhrases()).filter((p) => !p.id.startsWith('pk~'));
    const strip = (list: typeof mine) => list.map((p) => [p.id, p.title, p.variants]).sort();
    expect(strip(after)).toEqual(strip(mine));
  });
});
