/**
 * Pack import bench (standalone, no assertions):  npx tsx tests/bench/pack-import.bench.ts
 *
 * Part 1, Node + fake-indexeddb: the import path as the background runs it (parsePack → decide
 * → ONE transaction over phrases + packs + kv) next to the naive alternative (one transaction per
 * phrase), the deferred pinyin fill, and the update diff of two 10k packs next to a naive diff.
 * fake-indexeddb is a pure-JS IndexedDB: slower than Chromium's, so these numbers are pessimistic.
 *
 * Part 2, real Chromium (when the extension is built: KEFU_OUT_DIR or .output): the same 10k pack
 * sent from the options page through `packs:preview` + `packs:apply` into the background's real
 * IndexedDB, and raw IndexedDB in an extension page: one transaction vs one per record.
 * Skip it with BENCH_CHROMIUM=0.
 */
import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { diffPacks, parsePack, type Pack, type PackInput } from '../../lib/packs';
import { storedPhraseId } from '../../lib/packs/installed';
import { openKefuDB } from '../../lib/store/db';
import { fillPackPinyin, installPack } from '../../lib/store/packs-repo';
import { makePack, makePhrases } from '../unit/packs/fixtures';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARMUP = 2;

interface Stat {
  p50: number;
  p95: number;
  min: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** `setup` runs before each measured call, outside the timing. */
async function measure<S>(
  setup: () => Promise<S> | S,
  fn: (s: S) => unknown,
  runs = RUNS,
  warmup = WARMUP,
): Promise<Stat> {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const s = await setup();
    const t0 = performance.now();
    await fn(s);
    const dt = performance.now() - t0;
    if (i >= warmup) times.push(dt);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), min: times[0] as number };
}

let dbCount = 0;
const freshDb = () => openKefuDB(`bench-${process.pid}-${dbCount++}`);

function mustParse(input: unknown): Pack {
  const r = parsePack(input);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.pack;
}

/** The update a lead would publish: ~1/3 reworded, 200 removed, 300 added. */
function nextVersion(base: PackInput): PackInput {
  const next = makePack(10_000, 1, 2);
  next.phrases = base.phrases.map((p, i) =>
    i % 3 === 0 ? { ...p, variants: [...p.variants, '（新增话术）'] } : p,
  );
  next.phrases.splice(0, 200);
  next.phrases.push(...makePhrases(300, 9, 'new').map((p) => ({ ...p, shortcut: undefined })));
  return next;
}

/** The naive import: validated the same way, then one transaction per phrase. */
async function naiveImport(db: Awaited<ReturnType<typeof freshDb>>, text: string): Promise<void> {
  const pack = mustParse(text);
  for (const p of pack.phrases) {
    await db.put('phrases', {
      ...p,
      id: storedPhraseId(pack.id, p.id),
      source: { kind: 'pack', packId: pack.id, version: pack.version },
      createdAt: 0,
      updatedAt: 0,
      usageCount: 0,
    });
  }
  await db.put('packs', { id: pack.id, pack });
}

/** The naive diff: find each phrase by scanning the old list, compare by JSON. */
function naiveDiff(a: Pack, b: Pack) {
  const added = [];
  const changed = [];
  for (const p of b.phrases) {
    const old = a.phrases.find((o) => o.id === p.id);
    if (!old) added.push(p);
    else if (JSON.stringify(old) !== JSON.stringify(p)) changed.push(p);
  }
  const removed = a.phrases.filter((o) => !b.phrases.some((p) => p.id === o.id));
  return { added, changed, removed };
}

const rows: { where: string; what: string; input: string; stat: Stat; target?: string }[] = [];

async function nodePart() {
  const v1 = makePack(10_000, 1, 1);
  const v1Text = JSON.stringify(v1);
  const v2 = nextVersion(v1);
  const v2Text = JSON.stringify(v2);
  const mb = (s: string) => `${(Buffer.byteLength(s) / 1024 / 1024).toFixed(2)} MB`;

  rows.push({
    where: 'Node · fake-indexeddb',
    what: '**installPack** (validate + 1 transaction)',
    input: `10k phrases, ${mb(v1Text)}`,
    stat: await measure(freshDb, (db) => installPack(db, v1Text)),
    target: '< 1000',
  });
  rows.push({
    where: 'Node · fake-indexeddb',
    what: 'naive: validate + 1 transaction per phrase',
    input: '10k phrases',
    stat: await measure(freshDb, (db) => naiveImport(db, v1Text), 3, 1),
  });
  rows.push({
    where: 'Node · fake-indexeddb',
    what: '**installPack upgrade** v1 → v2 (diff + 1 transaction)',
    input: '10k → 10.1k (+300 ~3.3k −200)',
    stat: await measure(
      async () => {
        const db = await freshDb();
        await installPack(db, v1Text);
        return db;
      },
      (db) => installPack(db, v2Text),
    ),
    target: '< 1000',
  });
  rows.push({
    where: 'Node · fake-indexeddb',
    what: 'pinyin fill after the import (deferred, chunks of 500)',
    input: '10k phrases',
    stat: await measure(
      async () => {
        const db = await freshDb();
        await installPack(db, v1Text);
        return db;
      },
      (db) => fillPackPinyin(db, 'bench-pack'),
      3,
      1,
    ),
  });

  const a = mustParse(v1);
  const b = mustParse(v2);
  rows.push({
    where: 'Node',
    what: '**diffPacks** (maps by id)',
    input: '10k vs 10.1k',
    stat: await measure(
      () => undefined,
      () => diffPacks(a, b),
      15,
      3,
    ),
    target: '< 200',
  });
  rows.push({
    where: 'Node',
    what: 'naive diff (scan by id + JSON compare)',
    input: '10k vs 10.1k',
    stat: await measure(
      () => undefined,
      () => naiveDiff(a, b),
      3,
      1,
    ),
  });
}

/** Real Chromium: the built extension's background, and raw IndexedDB in an extension page. */
async function chromiumPart() {
  if (process.env.BENCH_CHROMIUM === '0') return;
  const { EXTENSION_DIR, launchWithExtension } = await import('../harness/browser');
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    console.log(`(skipping the Chromium part: no built extension at ${EXTENSION_DIR})`);
    return;
  }
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#packs`);
    // tsx names functions with an `__name` helper that the page does not have.
    await page.evaluate('globalThis.__name = (f) => f');
    const text = JSON.stringify(makePack(10_000, 1, 1));
    type Chrome = {
      chrome: {
        runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: unknown; error?: string }> };
      };
    };

    const importOnce = () =>
      page.evaluate(async (packText) => {
        const send = (m: unknown) => (globalThis as unknown as Chrome).chrome.runtime.sendMessage(m);
        const t0 = performance.now();
        const preview = await send({
          type: 'packs:preview',
          data: { source: { kind: 'text', text: packText } },
        });
        const t1 = performance.now();
        const token = (preview.data as { preview?: { token: string } }).preview?.token;
        if (!token) throw new Error(JSON.stringify(preview).slice(0, 300));
        const applied = await send({ type: 'packs:apply', data: { token } });
        const t2 = performance.now();
        if (!(applied.data as { ok?: boolean }).ok) throw new Error(JSON.stringify(applied).slice(0, 300));
        // The pinyin is filled in after the reply; wait for it so runs do not overlap.
        for (let k = 0; k < 600; k++) {
          const list = await send({ type: 'packs:list', data: {} });
          const packs = (list.data as { packs: { id: string; pinyinPending?: boolean }[] }).packs;
          if (!packs.find((p) => p.id === 'bench-pack')?.pinyinPending) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        const t3 = performance.now();
        await send({ type: 'packs:uninstall', data: { id: 'bench-pack' } });
        return { preview: t1 - t0, apply: t2 - t1, total: t2 - t0, pinyin: t3 - t2 };
      }, text);
    const totals: number[] = [];
    const applies: number[] = [];
    const pinyin: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const r = await importOnce();
      if (i >= WARMUP) {
        totals.push(r.total);
        applies.push(r.apply);
        pinyin.push(r.pinyin);
      }
    }
    const stat = (xs: number[]): Stat => {
      const s = [...xs].sort((x, y) => x - y);
      return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0] as number };
    };
    rows.push({
      where: 'Chromium · extension',
      what: '**packs:preview + packs:apply** (message 3 MB, parse, verify, diff, 1 transaction)',
      input: '10k phrases',
      stat: stat(totals),
      target: '< 1000',
    });
    rows.push({
      where: 'Chromium · extension',
      what: '…of which packs:apply (decide again + 1 transaction)',
      input: '10k phrases',
      stat: stat(applies),
    });
    rows.push({
      where: 'Chromium · extension',
      what: 'then: pinyin filled in the background (pickers already work)',
      input: '10k phrases',
      stat: stat(pinyin),
    });

    // Raw IndexedDB in an extension page: the storage strategy alone, one tx vs one per record.
    const raw = await page.evaluate(async () => {
      const records = Array.from({ length: 10_000 }, (_, i) => ({
        id: `pk~bench~p${i}`,
        title: `标题 ${i}`,
        variants: [`亲，这是第 ${i} 条话术，今天下单明天发货哦～`],
        source: { kind: 'pack', packId: 'bench', version: 1 },
        shortcut: `k${i}`,
        updatedAt: i,
      }));
      const open = (name: string) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name, 1);
          // The same shape as the extension's phrases store: three indexes.
          req.onupgradeneeded = () => {
            const store = req.result.createObjectStore('phrases', { keyPath: 'id' });
            store.createIndex('by-shortcut', 'shortcut');
            store.createIndex('by-updated', 'updatedAt');
            store.createIndex('by-pack', 'source.packId');
          };
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const done = (tx: IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      const one = await open(`bench-one-${Date.now()}`);
      let t0 = performance.now();
      const tx = one.transaction('phrases', 'readwrite');
      for (const r of records) tx.objectStore('phrases').put(r);
      await done(tx);
      const single = performance.now() - t0;
      const many = await open(`bench-many-${Date.now()}`);
      t0 = performance.now();
      for (const r of records) {
        const t = many.transaction('phrases', 'readwrite');
        t.objectStore('phrases').put(r);
        await done(t);
      }
      const perRecord = performance.now() - t0;
      return { single, perRecord };
    });
    rows.push({
      where: 'Chromium · raw IndexedDB',
      what: '10k puts in **one transaction** (same store shape, no app logic: the floor)',
      input: '10k records',
      stat: { p50: raw.single, p95: raw.single, min: raw.single },
    });
    rows.push({
      where: 'Chromium · raw IndexedDB',
      what: 'naive: 10k transactions, one put each',
      input: '10k records',
      stat: { p50: raw.perRecord, p95: raw.perRecord, min: raw.perRecord },
    });
  } finally {
    await browser.close();
  }
}

async function main() {
  await nodePart();
  await chromiumPart();
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  console.log(
    `\nPack import bench — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1/5/15 min), ${RUNS} runs after ${WARMUP} warm-up (naive rows: fewer)\n`,
  );
  console.log('| where | operation | input | p50 ms | p95 ms | min ms | target |');
  console.log('|---|---|---|---:|---:|---:|---|');
  for (const r of rows) {
    console.log(
      `| ${r.where} | ${r.what} | ${r.input} | ${fmt(r.stat.p50)} | ${fmt(r.stat.p95)} | ${fmt(r.stat.min)} | ${r.target ?? ''} |`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
