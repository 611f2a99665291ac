/**
 * Pack bench (standalone, no assertions):  npx tsx tests/bench/packs.bench.ts
 * Realistic 10k-phrase packs: parsePack from text and from a value, diff of two 10k packs,
 * sign + verify, CSV export + import. Prints a markdown table of p50/p95 over several runs.
 */
import { parsePack, type Pack } from '../../lib/packs';
import { diffPacks } from '../../lib/packs/diff';
import { guessColumnMapping, parseCsv, phrasesToCsv, rowsToPhrases } from '../../lib/packs/sheet';
import { generateTeamKey, signPack, verifyPack } from '../../lib/packs/sign';
import { makePack } from '../unit/packs/fixtures';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

async function measure(fn: () => unknown): Promise<{ p50: number; p95: number; min: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), min: times[0] as number };
}

function mustParse(input: unknown): Pack {
  const r = parsePack(input);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.pack;
}

async function main() {
  const rawA = makePack(10_000, 1, 1);
  const textA = JSON.stringify(rawA, null, 2);
  const packA = mustParse(textA);
  // The update a lead would publish: same ids, ~1/3 reworded, some added and removed.
  const rawB = makePack(10_000, 1, 2);
  rawB.phrases = rawB.phrases.map((p, i) =>
    i % 3 === 0 ? { ...p, variants: [...p.variants, '（新增话术）'] } : p,
  );
  rawB.phrases.splice(0, 200);
  rawB.phrases.push(
    ...makePack(300, 9).phrases.map((p, i) => ({ ...p, id: `new${i}`, shortcut: undefined })),
  );
  const packB = mustParse(rawB);
  const pair = await generateTeamKey();
  const signed = await signPack(packA, pair);
  const csv = phrasesToCsv(packA.phrases);

  const rows: [string, string, Awaited<ReturnType<typeof measure>>][] = [];
  rows.push([
    'parsePack(text)',
    `10k phrases, ${(textA.length / 1024 / 1024).toFixed(2)} MB`,
    await measure(() => parsePack(textA)),
  ]);
  rows.push(['parsePack(value)', '10k phrases, already parsed', await measure(() => parsePack(rawA))]);
  const d = diffPacks(packA, packB);
  rows.push([
    'diffPacks',
    `10k vs 10.1k (+${d.phrases.added.length} ~${d.phrases.changed.length} −${d.phrases.removed.length})`,
    await measure(() => diffPacks(packA, packB)),
  ]);
  rows.push([
    'signPack',
    '10k phrases (normalise + canonical JSON + ECDSA)',
    await measure(() => signPack(packA, pair)),
  ]);
  rows.push(['verifyPack', '10k phrases', await measure(() => verifyPack(signed, pair.publicKey))]);
  rows.push([
    'sign + verify',
    '10k phrases',
    await measure(async () => verifyPack(await signPack(packA, pair), pair.publicKey)),
  ]);
  rows.push(['phrasesToCsv', '10k phrases', await measure(() => phrasesToCsv(packA.phrases))]);
  rows.push([
    'CSV import',
    `10k rows, ${(csv.length / 1024 / 1024).toFixed(2)} MB`,
    await measure(() => {
      const read = parseCsv(csv);
      if (!read.ok) throw new Error(read.message);
      return rowsToPhrases(read.rows, guessColumnMapping(read.rows[0] ?? []));
    }),
  ]);

  const fmt = (n: number) => n.toFixed(1);
  console.log(`\nPacks bench — Node ${process.version}, ${RUNS} runs after ${WARMUP} warm-up\n`);
  console.log('| operation | input | p50 ms | p95 ms | min ms |');
  console.log('|---|---|---:|---:|---:|');
  for (const [name, input, t] of rows)
    console.log(`| ${name} | ${input} | ${fmt(t.p50)} | ${fmt(t.p95)} | ${fmt(t.min)} |`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
