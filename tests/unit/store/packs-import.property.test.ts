import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  exportKeyJwk,
  generateTeamKey,
  publicJwkOf,
  signPack,
  type Pack,
} from '../../../lib/packs';
import { storedPhraseId } from '../../../lib/packs/installed';
import { savePhrase } from '../../../lib/store/phrases-repo';
import { getPackRecord, installPack, type ApplyResult } from '../../../lib/store/packs-repo';
import { freshDb, mustParse, packPhraseRecords, snapshot, storedPhrase, teamPack } from './packs-helpers';

/**
 * The import path under random and hostile input: whatever arrives, installPack answers (never
 * throws), a refusal says where (a JSON path) and what (Chinese), and a refused import leaves
 * every store byte-for-byte as it was — no half-written pack.
 */

const ID = 'team-after-sales';
const RUNS = Number(process.env.PROPERTY_RUNS ?? 120);
const CHINESE = /[\u4e00-\u9fff]/;

/** A database with something to lose: a personal phrase, the pack at v2, and another pack. */
async function baseline(options: { pinned?: JsonWebKey; v2?: unknown } = {}) {
  const db = await freshDb();
  await savePhrase(db, { id: 'mine', title: '我的催发货', shortcut: 'cfh', variants: ['我自己的话术'] }, 1);
  const v1 = await installPack(db, options.v2 ?? teamPack(2), {
    now: 2,
    ...(options.pinned ? { trust: { publicJwk: options.pinned } } : {}),
  });
  expect(v1.ok).toBe(true);
  await installPack(db, { ...teamPack(1), id: 'other-pack', name: '别的包' }, { now: 3 });
  return db;
}

function checkAnswer(r: ApplyResult): void {
  if (r.ok) return;
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(e.path).toMatch(/^\$/);
    expect(e.message).toMatch(CHINESE);
  }
}

/** After an accepted import: the stored phrases are exactly the pack's, nobody else's changed. */
async function checkAccepted(
  db: Awaited<ReturnType<typeof freshDb>>,
  r: ApplyResult,
  before: Record<string, unknown>,
) {
  if (!r.ok) return;
  const record = await getPackRecord(db, r.record.id);
  expect(record?.pack.version).toBe(r.record.pack.version);
  const ids = (await packPhraseRecords(db, r.record.id)).map((x) => x.id).sort();
  expect(ids).toEqual(r.record.pack.phrases.map((p) => storedPhraseId(r.record.id, p.id)).sort());
  const after = await snapshot(db);
  type Row = [string, { source: { kind: string; packId?: string }; shortcut?: string; py?: unknown }];
  const rows = (snap: Record<string, unknown>) => snap.phrases as Row[];
  const mine = (snap: Record<string, unknown>) => rows(snap).filter(([, v]) => v.source.kind !== 'pack');
  // Personal phrases only give up a shortcut when the agent says so; nobody did here.
  expect(mine(after)).toEqual(mine(before));
  // Other packs' phrases keep their text; they may only gain a shortcut this pack gave up.
  const otherPacks = (snap: Record<string, unknown>) =>
    rows(snap)
      .filter(([, v]) => v.source.kind === 'pack' && v.source.packId !== r.record.id)
      .map(([k, v]) => {
        const { shortcut: _s, py: _p, ...rest } = v;
        return [k, rest];
      });
  expect(otherPacks(after)).toEqual(otherPacks(before));
}

const hostileStrings = fc.constantFrom(
  '<img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  '',
  ' ',
  '\u0000',
  '\uFEFF',
  '\uD800',
  'x'.repeat(3000),
  '加微信返现',
  '{"format":"kefu-pack/1"}',
);
const anyValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  hostileStrings,
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(hostileStrings, { maxLength: 3 }),
);

/** Paths into a pack where a mutation lands. */
const packPath = fc.oneof(
  fc
    .constantFrom(
      'format',
      'id',
      'name',
      'version',
      'publisher',
      'updatedAt',
      'changelog',
      'phrases',
      'updateUrl',
      'flagLegend',
      'signature',
      '__proto__',
      'unknownField',
    )
    .map((k) => [k]),
  fc
    .tuple(
      fc.nat(3),
      fc.constantFrom('id', 'title', 'shortcut', 'category', 'tags', 'variants', 'platforms', 'constructor'),
    )
    .map(([i, f]) => ['phrases', i, f]),
  fc.tuple(fc.nat(3), fc.nat(3)).map(([i, j]) => ['phrases', i, 'variants', j]),
);

function setAt(root: unknown, path: readonly (string | number)[], value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    const copy = [...root];
    const i = typeof head === 'number' ? head : 0;
    if (remove && rest.length === 0) copy.splice(i, 1);
    else copy[i] = setAt(copy[i], rest, value, remove);
    return copy;
  }
  const obj: Record<string, unknown> =
    typeof root === 'object' && root !== null ? { ...(root as object) } : {};
  if (remove && rest.length === 0) delete obj[String(head)];
  else
    Object.defineProperty(obj, String(head), {
      value: setAt(obj[String(head)], rest, value, remove),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return obj;
}

// Generous timeout: hundreds of databases on a shared two-core machine.
describe('import path properties (installPack on fake-indexeddb)', { timeout: 120_000 }, () => {
  let pair: CryptoKeyPair;
  let publicJwk: JsonWebKey;
  let signedV3: Pack;
  beforeAll(async () => {
    pair = await generateTeamKey();
    publicJwk = publicJwkOf(await exportKeyJwk(pair.publicKey));
    signedV3 = await signPack(
      mustParse(teamPack(3, [{ id: 'n', title: '新增', shortcut: 'xz', variants: ['新增的话术'] }])),
      pair,
    );
  });

  it('random values and random text: an answer, never a crash, never a partial write', async () => {
    const db = await baseline();
    const before = await snapshot(db);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything({ maxDepth: 4 }),
          fc.string(),
          fc.json(),
          fc.uint8Array({ maxLength: 200 }),
          hostileStrings,
        ),
        async (input) => {
          const r = await installPack(db, input);
          checkAnswer(r);
          // None of these is a valid pack, so the database must be untouched.
          expect(r.ok).toBe(false);
          expect(await snapshot(db)).toEqual(before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a valid pack mutated anywhere: refused untouched, or accepted consistently', async () => {
    await fc.assert(
      fc.asyncProperty(
        packPath,
        anyValue,
        fc.boolean(),
        fc.boolean(),
        async (path, value, remove, asText) => {
          const db = await baseline();
          const before = await snapshot(db);
          const mutated = setAt(
            teamPack(3, [{ id: 'n', title: '新增', shortcut: 'xz', variants: ['新增'] }]),
            path,
            value,
            remove,
          );
          let input: unknown = mutated;
          if (asText) {
            try {
              input = JSON.stringify(mutated);
            } catch {
              input = mutated;
            }
          }
          const r = await installPack(db, input);
          checkAnswer(r);
          if (r.ok) await checkAccepted(db, r, before);
          else expect(await snapshot(db)).toEqual(before);
          db.close();
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('pack text cut or corrupted at a random place: refused with a path, nothing written', async () => {
    const text = JSON.stringify(teamPack(3), null, 2);
    let db = await baseline();
    let before = await snapshot(db);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(text.length - 1),
        fc.string({ minLength: 1, maxLength: 3 }),
        async (at, junk) => {
          const cut = text.slice(0, at);
          const corrupted = text.slice(0, at) + junk + text.slice(at + 1);
          for (const input of [cut, corrupted]) {
            const r = await installPack(db, input);
            checkAnswer(r);
            if (r.ok) {
              // The junk landed where JSON allows it (whitespace, inside a string): a valid pack.
              await checkAccepted(db, r, before);
              db.close();
              db = await baseline();
              before = await snapshot(db);
            } else {
              expect(await snapshot(db)).toEqual(before);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('with a pinned key, any change to a signed pack is refused (or is no change at all)', async () => {
    const baselineSigned = await signPack(mustParse(teamPack(2)), pair);
    await fc.assert(
      fc.asyncProperty(packPath, anyValue, fc.boolean(), async (path, value, remove) => {
        if (path[0] === 'signature') return;
        const db = await baseline({ pinned: publicJwk, v2: baselineSigned });
        const before = await snapshot(db);
        const r = await installPack(db, setAt(signedV3, path, value, remove));
        checkAnswer(r);
        if (r.ok) {
          // Accepted only when the mutation did not change what was signed (e.g. an ignored field).
          const { signature: _a, ...got } = r.record.pack;
          const { signature: _b, ...signed } = signedV3;
          expect(canonicalJson(got)).toBe(canonicalJson(signed));
        } else {
          expect(await snapshot(db)).toEqual(before);
        }
        db.close();
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('a storage failure at any write inside the apply leaves everything as it was', async () => {
    const proto = IDBObjectStore.prototype as unknown as { put: (...a: unknown[]) => unknown };
    const realPut = proto.put;
    await fc.assert(
      fc.asyncProperty(fc.nat(12), async (failAt) => {
        const db = await baseline();
        const before = await snapshot(db);
        let calls = 0;
        proto.put = function (this: unknown, ...args: unknown[]) {
          if (calls++ === failAt) throw new DOMException('磁盘已满', 'QuotaExceededError');
          return realPut.apply(this, args);
        };
        let r: ApplyResult;
        try {
          r = await installPack(
            db,
            teamPack(3, [{ id: 'n', title: '新增', shortcut: 'xz', variants: ['新增'] }]),
          );
        } finally {
          proto.put = realPut;
        }
        checkAnswer(r);
        if (!r.ok) {
          expect(r.reason).toBe('storage');
          expect(r.errors[0]?.message).toMatch(/已安装的内容没有改变/);
          expect(await snapshot(db)).toEqual(before);
        } else {
          // failAt beyond the number of writes: the apply went through.
          expect(calls).toBeLessThanOrEqual(failAt);
        }
        db.close();
      }),
      { numRuns: 30 },
    );
  });

  it('a hostile phrase is stored as the same plain text it arrived as', async () => {
    const db = await freshDb();
    const xss = '<img src=x onerror="alert(1)">';
    const r = await installPack(
      db,
      teamPack(1, [{ id: 'x', title: xss, variants: [xss, '<script>alert(2)</script>'] }]),
    );
    expect(r.ok).toBe(true);
    const rec = await storedPhrase(db, storedPhraseId(ID, 'x'));
    expect(rec?.title).toBe(xss);
    expect(rec?.variants).toEqual([xss, '<script>alert(2)</script>']);
  });
});
