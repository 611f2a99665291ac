import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePack, type ParsePackResult } from '../../../lib/packs';
import { findJsonSyntaxProblem } from '../../../lib/packs/json-error';
import { makePhrases, samplePack } from './fixtures';

const CHINESE = /[\u4e00-\u9fff]/;

function neverThrows(input: unknown): ParsePackResult {
  let r: ParsePackResult | undefined;
  expect(() => (r = parsePack(input))).not.toThrow();
  return r as ParsePackResult;
}

function checkRejection(r: ParsePackResult): void {
  if (r.ok) return;
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(e.path).toMatch(/^\$/);
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.message).toMatch(CHINESE);
  }
}

/** A JSON path like `$.phrases[2].title` → the segments to walk. */
type Seg = string | number;

/** Replaces the value at a random place in the pack with something arbitrary. */
function mutateAt(root: unknown, path: readonly Seg[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [Seg, ...Seg[]];
  if (Array.isArray(root)) {
    const copy = [...root];
    const i = typeof head === 'number' ? head % Math.max(1, copy.length) : 0;
    copy[i] = mutateAt(copy[i], rest, replacement);
    return copy;
  }
  if (typeof root === 'object' && root !== null) {
    return {
      ...(root as object),
      [String(head)]: mutateAt((root as Record<string, unknown>)[String(head)], rest, replacement),
    };
  }
  return replacement;
}

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withBigInt: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
  }),
  fc.constantFrom(
    NaN,
    Infinity,
    -0,
    Symbol('s'),
    () => 1,
    10n,
    undefined,
    '',
    ' ',
    '\u0000',
    '<img src=x onerror=alert(1)>',
  ),
);

const packPath = fc.oneof(
  fc.constantFrom<Seg[]>(
    [],
    ['format'],
    ['id'],
    ['name'],
    ['version'],
    ['publisher'],
    ['updatedAt'],
    ['changelog'],
    ['changelog', 0],
    ['changelog', 0, 'date'],
    ['phrases'],
    ['flagLegend'],
    ['flagLegend', 'flags', 'normal'],
    ['remarkTemplates', 0, 'fields'],
    ['remarkTemplates', 0, 'body'],
    ['returnPolicy'],
    ['registerReasons', 1],
    ['signature'],
    ['__proto__'],
    ['constructor'],
  ),
  fc
    .tuple(
      fc.nat(3),
      fc.constantFrom('id', 'title', 'shortcut', 'category', 'tags', 'variants', 'platforms', 'prototype'),
    )
    .map(([i, f]): Seg[] => ['phrases', i, f]),
  fc.tuple(fc.nat(3), fc.nat(3)).map(([i, j]): Seg[] => ['phrases', i, 'variants', j]),
);

describe('parsePack properties', () => {
  it('never throws on random JSON values, and every rejection is explained', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        checkRejection(neverThrows(v));
        checkRejection(neverThrows(JSON.stringify(v) ?? ''));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JS values (BigInt, Symbol, Map, sparse arrays…)', () => {
    fc.assert(
      fc.property(anyValue, (v) => checkRejection(neverThrows(v))),
      { numRuns: 300 },
    );
  });

  it('never throws on random text, and syntax errors point inside the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.json().map((j) => j.slice(0, -1)),
        ),
        (text) => {
          const r = neverThrows(text);
          checkRejection(r);
          if (!r.ok && r.errors[0]?.line !== undefined) {
            const lines = text.split('\n').length;
            expect(r.errors[0].line).toBeLessThanOrEqual(lines);
            expect(r.errors[0].column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('mutated valid packs never throw; rejections name a path and say why in Chinese', () => {
    fc.assert(
      fc.property(packPath, anyValue, (path, replacement) => {
        const pack = mutateAt(samplePack(), path, replacement);
        checkRejection(neverThrows(pack));
        let text: string | undefined;
        try {
          text = JSON.stringify(pack);
        } catch {
          text = undefined; // BigInt or a cycle: nothing to stringify
        }
        if (text !== undefined) checkRejection(neverThrows(text));
      }),
      { numRuns: 400 },
    );
  });

  it('valid packs round-trip: parse(stringify(pack)) gives the same pack', () => {
    const phrase = fc.record(
      {
        id: fc.string({ minLength: 1, maxLength: 20 }),
        title: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
        shortcut: fc.stringMatching(/^[a-z0-9_-]{1,10}$/),
        category: fc.string({ maxLength: 20 }),
        tags: fc.array(
          fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim().length > 0),
          { maxLength: 3 },
        ),
        variants: fc.array(
          fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }).filter((s) => s.trim().length > 0),
          { minLength: 1, maxLength: 3 },
        ),
        platforms: fc.uniqueArray(fc.constantFrom('taobao', 'tmall', 'jd', 'pdd', 'douyin', 'other'), {
          maxLength: 3,
        }),
      },
      { requiredKeys: ['id', 'title', 'variants'] },
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(phrase, { selector: (p) => p.id, maxLength: 8 }).map((ps) => {
          // Shortcuts are unique case-insensitively within a pack.
          const seen = new Set<string>();
          return ps.map((p) => {
            if (p.shortcut === undefined || seen.has(p.shortcut)) return { ...p, shortcut: undefined };
            seen.add(p.shortcut);
            return p;
          });
        }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (phrases, version) => {
          const first = parsePack({ ...samplePack(), version, phrases });
          expect(first.ok).toBe(true);
          if (!first.ok) return;
          const again = parsePack(JSON.stringify(first.pack));
          expect(again).toEqual(first);
          // Variants are never trimmed or rewritten.
          first.pack.phrases.forEach((p, i) => expect(p.variants).toEqual(phrases[i]?.variants));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a large generated pack round-trips too', () => {
    const pack = { ...samplePack(), phrases: makePhrases(2000) };
    const r = parsePack(JSON.stringify(pack));
    expect(r.ok).toBe(true);
    if (r.ok) expect(parsePack(JSON.stringify(r.pack))).toEqual(r);
  });
});

describe('JSON syntax locator', () => {
  it('agrees with JSON.parse on validity', () => {
    const nearlyJson = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '，', 'x', ' ', '\n'))
      .map(([j, at, insert]) => {
        const i = at % (j.length + 1);
        return j.slice(0, i) + insert + j.slice(i);
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), nearlyJson, fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const problem = findJsonSyntaxProblem(text);
        expect(problem === null).toBe(valid);
        if (problem) {
          expect(problem.offset).toBeGreaterThanOrEqual(0);
          expect(problem.offset).toBeLessThanOrEqual(text.length);
          expect(problem.message).toMatch(CHINESE);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
