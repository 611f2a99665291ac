/**
 * Popup open → first results painted, in real Chromium with the built extension and 20k phrases.
 * Run: `npx tsx tests/bench/popup.bench.ts` (or `npm run bench -- popup`); honours KEFU_OUT_DIR.
 * Prints a markdown table.
 *
 * Side by side in the same run, same browser, same phrases:
 * - kefu popup: the popup cache (meta → 最近使用/常用 at once; the list → a plain scan until the
 *   worker's index is built), lib/popup/phrase-source.ts;
 * - naive: popup.html?source=direct — ask the background for all phrases on every open
 *   (phrases:list), then filter them with a plain scan; no cache, no index;
 * - kefu popup right after the phrases changed (the cache is stale: the first open after an edit
 *   pays the naive price once, then caches).
 * Each open is a fresh page load. Times are from navigation start (performance.now() in the
 * popup) to the frame that shows the results (see components/popup/popup-util.ts markPaint).
 * Two measures per open: the empty-query lists, and results for "cfh" typed the moment the
 * search box exists.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchWithExtension } from '../harness/browser';
import { mulberry32, pick } from './seeded';

const N = 20_000;
const OPENS = 10;
const QUERY = 'cfh';

// ---------------------------------------------------------------------------------------------
// A seeded, realistic corpus: customer-service replies over products, couriers, sizes, cities.

const PRODUCTS = [
  '连衣裙',
  '牛仔裤',
  '羽绒服',
  '卫衣',
  '运动鞋',
  '双肩包',
  '保温杯',
  '蓝牙耳机',
  '充电宝',
  '电饭煲',
  '空气炸锅',
  '补水面膜',
  '口红',
  '防晒霜',
  '纸尿裤',
  '坚果礼盒',
  '龙井茶叶',
  '猫粮',
  '瑜伽垫',
  '护眼台灯',
  '床上四件套',
  '乳胶枕',
  '冲锋衣',
  '电动牙刷',
  '吹风机',
];
const COURIERS = ['顺丰', '中通', '圆通', '韵达', '申通', '极兔', '京东物流', '邮政EMS'];
const SIZES = ['S码', 'M码', 'L码', 'XL码', '36码', '38码', '40码', '42码'];
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都', '重庆', '武汉', '乌鲁木齐', '拉萨'];
const DAYS = ['24小时', '48小时', '3天', '5天', '7天'];
const TOPICS: {
  code: string;
  category: string;
  title: (r: () => number) => string;
  say: ((r: () => number) => string)[];
}[] = [
  {
    code: 'yj',
    category: '售前/议价',
    title: (r) => `议价-${pick(r, PRODUCTS)}`,
    say: [
      (r) => `亲，${pick(r, PRODUCTS)}现在已经是活动价了`,
      () => '小店利润很薄，价格上实在没法再让了',
      () => '满两件可以用店铺券，算下来更划算',
    ],
  },
  {
    code: 'fh',
    category: '售中/发货时间',
    title: (r) => `${pick(r, PRODUCTS)}什么时候发货`,
    say: [
      (r) => `您拍下的宝贝会在${pick(r, DAYS)}内安排发货`,
      () => '仓库正在按付款顺序打包，请您耐心等一下',
      (r) => `默认发${pick(r, COURIERS)}，发出后会同步单号`,
    ],
  },
  {
    code: 'dh',
    category: '售中/物流查询',
    title: (r) => `到${pick(r, CITIES)}几天`,
    say: [
      (r) => `发${pick(r, COURIERS)}到${pick(r, CITIES)}一般${pick(r, DAYS)}左右`,
      () => '偏远地区可能会慢一两天，请您留意电话',
    ],
  },
  {
    code: 'cm',
    category: '售前/尺码推荐',
    title: (r) => `尺码-${pick(r, SIZES)}`,
    say: [() => '版型偏小一码，平时穿M的可以拍L', () => '详情页有尺码表，您可以对照一下'],
  },
  {
    code: 'th',
    category: '售后/退货',
    title: (r) => `${pick(r, PRODUCTS)}退货流程`,
    say: [
      () => '签收后七天内商品完好不影响二次销售，都可以申请退货',
      () => '您在订单里点申请退款，原因选七天无理由',
      () => '仓库收到退货后一到两天内给您处理退款',
    ],
  },
  {
    code: 'hh',
    category: '售后/换货',
    title: (r) => `换${pick(r, SIZES)}`,
    say: [() => '换货寄回的运费需要您先垫付一下', () => '换货单号请发给我们，方便仓库登记'],
  },
  {
    code: 'zl',
    category: '售后/质量问题',
    title: (r) => `${pick(r, PRODUCTS)}质量问题`,
    say: [() => '非常抱歉给您带来不好的体验', () => '麻烦您拍几张照片或视频发给我们看一下'],
  },
];

function corpus(n: number) {
  const r = mulberry32(20250820);
  const counts = new Map<string, number>();
  return Array.from({ length: n }, (_, i) => {
    const t = pick(r, TOPICS);
    const k = (counts.get(t.code) ?? 0) + 1;
    counts.set(t.code, k);
    const sentence = () =>
      Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, t.say)(r)).join('，') + '。';
    return {
      id: `bench-${i}`,
      title: t.title(r),
      shortcut: `${t.code}${k}`,
      category: t.category,
      tags: r() < 0.5 ? [pick(r, PRODUCTS)] : [],
      variants: Array.from({ length: r() < 0.4 ? 3 : 1 }, sentence),
      usageCount: Math.floor(200 / (1 + r() * 60)),
      lastUsedAt: Date.now() - Math.floor(r() * 90 * 86400_000),
      source: { kind: 'mine' },
    };
  });
}

// ---------------------------------------------------------------------------------------------

type Paint = { query: string; at: number; engine: string; count: number; inputAt?: number };
type PopupState = { paints: Paint[]; engines?: { engine: string; at: number }[] };

async function openOnce(page: Page, url: string, typeQuery: boolean) {
  await page.goto('about:blank');
  await page.waitForTimeout(400); // let the previous open's work finish: popups open seconds apart
  await page.goto(url, { waitUntil: 'commit' });
  if (typeQuery) {
    const box = page.locator('[data-testid="popup-search"]');
    await box.waitFor();
    await box.pressSequentially(QUERY);
  }
  const wanted = typeQuery ? QUERY : '';
  const handle = await page.waitForFunction(
    (q) => {
      const state = (window as unknown as { __kefuPopup?: PopupState }).__kefuPopup;
      const paint = state?.paints.find((p) => p.query === q && p.count > 0);
      const script = performance.getEntriesByName('kefu:popup-script')[0]?.startTime ?? NaN;
      return paint ? { paint, engines: state?.engines ?? [], paints: state?.paints ?? [], script } : null;
    },
    wanted,
    { timeout: 60_000, polling: 20 },
  );
  return (await handle.jsonValue()) as {
    paint: Paint;
    engines: { engine: string; at: number }[];
    paints: Paint[];
    /** When the popup's own code started (after the browser loaded the page and its modules). */
    script: number;
  };
}

/** The files popup.html itself asks for (scripts, module preloads, stylesheets) and their sizes. */
function criticalPath(): string {
  const html = readFileSync(join(EXTENSION_DIR, 'popup.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const kb = (file: string) => (statSync(join(EXTENSION_DIR, file)).size / 1024).toFixed(1);
  return `${files.length} file(s): ${files.map((file) => `${file} ${kb(file)} kB`).join(', ')}`;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function main() {
  const browser = await launchWithExtension();
  const { context, extensionId } = browser;
  const base = `chrome-extension://${extensionId}/popup.html`;
  const page = await context.newPage();
  await page.setViewportSize({ width: 420, height: 600 });
  await page.goto(base);
  const send = (message: unknown) =>
    page.evaluate(
      (m) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }
        ).chrome.runtime.sendMessage(m),
      message,
    ) as Promise<{ ok: boolean; data: Record<string, unknown> }>;

  const phrases = corpus(N);
  const t0 = performance.now();
  for (let i = 0; i < phrases.length; i += 5000) {
    const r = await send({ type: 'phrases:import', data: { phrases: phrases.slice(i, i + 5000) } });
    if (!r.ok || !(r.data as { ok: boolean }).ok)
      throw new Error(`import failed: ${JSON.stringify(r).slice(0, 300)}`);
  }
  const importMs = performance.now() - t0;
  const total = ((await send({ type: 'phrases:list', data: {} })).data.phrases as unknown[]).length;

  type Row = {
    name: string;
    top: number[];
    load: number[];
    own: number[];
    typed: number[];
    engines: string[];
    index: number[];
    keys: number[];
  };
  const rows: Row[] = [];
  const measure = async (name: string, url: string, opens: number, before?: () => Promise<void>) => {
    const row: Row = { name, top: [], load: [], own: [], typed: [], engines: [], index: [], keys: [] };
    for (let k = 0; k < opens; k++) {
      await before?.();
      const first = await openOnce(page, url, false);
      row.top.push(first.paint.at);
      row.load.push(first.script);
      row.own.push(first.paint.at - first.script);
      await before?.();
      const typed = await openOnce(page, url, true);
      row.typed.push(typed.paint.at);
      row.engines.push(typed.paint.engine);
      // Keystroke → its results on screen, for each prefix typed (c, cf, cfh): first paint of each.
      for (const prefix of ['c', 'cf', 'cfh']) {
        const p = typed.paints.find((x) => x.query === prefix && x.inputAt !== undefined);
        if (p) row.keys.push(p.at - p.inputAt!);
      }
      if (!url.includes('source=direct')) {
        const ready = await page
          .waitForFunction(
            () =>
              (window as unknown as { __kefuPopup?: PopupState }).__kefuPopup?.engines?.find(
                (e) => e.engine === 'index',
              )?.at ?? null,
            null,
            { timeout: 30_000, polling: 50 },
          )
          .then((h) => h.jsonValue() as Promise<number>)
          .catch(() => undefined);
        if (ready !== undefined) row.index.push(ready);
      }
    }
    rows.push(row);
  };

  // Warm-up: fills the popup cache and the JIT; not measured.
  for (let k = 0; k < 2; k++) await openOnce(page, base, true);
  await openOnce(page, `${base}?source=direct`, true);

  await measure('kefu popup (cache + worker index)', base, OPENS);
  await measure('naive: phrases:list on every open + plain scan', `${base}?source=direct`, OPENS);
  // Saving a phrase moves the revision: the next open finds its cache stale.
  let bump = 0;
  await measure('kefu popup, first open after an edit (stale cache)', base, 3, async () => {
    await send({ type: 'phrases:save', data: { phrase: { ...phrases[0], title: `议价-说明 ${++bump}` } } });
  });

  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');
  console.log(
    `| popup variant (${(total / 1000).toFixed(1)}k phrases) | opens | open → first results painted p50 / p95 ms | of which the browser loading popup.html and its scripts (→ script start) p50 / p95 ms | and the popup's own code (script start → painted) p50 / p95 ms | open → "${QUERY}" results painted p50 / p95 ms | keystroke → results painted p50 / p95 ms | "${QUERY}" answered by | worker index ready p50 ms |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const engines = [...new Set(r.engines)]
      .map((e) => `${e} ×${r.engines.filter((x) => x === e).length}`)
      .join(', ');
    console.log(
      `| ${r.name} | ${r.top.length} | ${f(pct(r.top, 50))} / ${f(pct(r.top, 95))} | ${f(pct(r.load, 50))} / ${f(pct(r.load, 95))} | ${f(pct(r.own, 50))} / ${f(pct(r.own, 95))} | ${f(pct(r.typed, 50))} / ${f(pct(r.typed, 95))} | ${f(pct(r.keys, 50))} / ${f(pct(r.keys, 95))} | ${engines} | ${r.index.length ? f(pct(r.index, 50)) : '—'} |`,
    );
  }
  console.log('');
  console.log(
    `- ${N} generated phrases imported in ${(importMs / 1000).toFixed(1)} s (4 × phrases:import of 5k, pinyin derived in the background) plus the starter set.`,
  );
  console.log(
    '- Each open is a fresh load of popup.html in a tab (the real popup loads the same page); times from navigation start.',
  );
  console.log(`- Before its first frame popup.html loads ${criticalPath()}; the rest loads after it.`);
  console.log(
    `- "${QUERY}" is typed with Playwright as soon as the search box exists, so "open → ${QUERY}" includes Playwright's typing; "keystroke → results" is measured inside the page (input event → the frame showing that query's results), over c, cf, cfh of every open.`,
  );
  console.log(
    '- "scan" = answered by the snapshot scan (kefu) or the plain scan (naive) before any index; kefu\'s worker index takes over when ready.',
  );
  console.log(
    `- Chromium ${browser.context.browser()?.version() ?? ''}, ${process.platform}, node ${process.version}; the machine is shared, so absolute numbers vary between runs — compare the rows.`,
  );
  await browser.close();
}

await main();
