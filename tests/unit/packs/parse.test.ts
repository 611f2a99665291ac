import { describe, expect, it } from 'vitest';
import { parsePack, PACK_LIMITS, type PackError } from '../../../lib/packs';
import { samplePack } from './fixtures';

type Mutable = Record<string, unknown> & { phrases: Record<string, unknown>[] };

function mutated(change: (p: Mutable) => void): Mutable {
  const p = structuredClone(samplePack()) as unknown as Mutable;
  change(p);
  return p;
}

function errorsOf(input: unknown): PackError[] {
  const r = parsePack(input);
  if (r.ok) throw new Error('expected the pack to be rejected');
  return r.errors;
}

function errorAt(input: unknown, path: string): PackError {
  const errors = errorsOf(input);
  const found = errors.find((e) => e.path === path);
  if (!found) throw new Error(`no error at ${path}; got ${JSON.stringify(errors)}`);
  return found;
}

const CHINESE = /[\u4e00-\u9fff]/;

describe('parsePack: valid packs', () => {
  it('accepts the sample pack as an object and as text', () => {
    const fromValue = parsePack(samplePack());
    const fromText = parsePack(JSON.stringify(samplePack(), null, 2));
    expect(fromValue.ok).toBe(true);
    expect(fromText).toEqual(fromValue);
    if (!fromValue.ok) return;
    expect(fromValue.pack.phrases.map((p) => p.id)).toEqual([
      'ship-urge',
      'logistics-slow',
      'size-advice',
      'return-ok',
    ]);
    expect(fromValue.pack.flagLegend?.flags.problem.label.zh).toBe('问题件·缺货');
    expect(fromValue.pack.returnPolicy?.noReasonDays).toBe(15);
    expect(fromValue.warnings).toEqual([]);
  });

  it('accepts bytes, with or without a UTF-8 BOM', () => {
    const text = JSON.stringify(samplePack());
    const bytes = new TextEncoder().encode(`\uFEFF${text}`);
    expect(parsePack(bytes).ok).toBe(true);
    expect(parsePack(bytes.buffer).ok).toBe(true);
    expect(parsePack(`\uFEFF${text}`).ok).toBe(true);
  });

  it('drops per-agent fields (usage, timestamps, source) from pack phrases', () => {
    const r = parsePack(
      mutated((p) => {
        Object.assign(p.phrases[0] as object, {
          usageCount: 12,
          createdAt: 1,
          lastUsedAt: 2,
          source: { kind: 'mine' },
        });
      }),
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(Object.keys(r.pack.phrases[0] as object).sort()).toEqual([
        'category',
        'id',
        'shortcut',
        'tags',
        'title',
        'variants',
      ]);
  });

  it('accepts a plain-text changelog and no optional sections', () => {
    const r = parsePack({
      format: 'kefu-pack/1',
      id: 'x',
      name: '最小短语包',
      version: 1,
      publisher: '组长',
      updatedAt: '2025-01-01T00:00:00Z',
      changelog: '',
      phrases: [],
    });
    expect(r.ok).toBe(true);
  });

  it('warns about unknown top-level fields but still imports', () => {
    const r = parsePack(mutated((p) => (p.phrase = [])));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings).toEqual([{ path: '$.phrase', message: expect.stringContaining('phrase') }]);
  });

  it('keeps HTML-looking text byte for byte (it is text, never HTML)', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const tricky = `${hostile}\n<script>alert("x")</script> &amp; \u202e\u0000 😀`;
    const r = parsePack(
      JSON.stringify(
        mutated((p) => {
          (p.phrases[0] as { variants: string[] }).variants = [hostile, tricky];
          (p.phrases[0] as { title: string }).title = hostile;
        }),
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pack.phrases[0]?.variants).toEqual([hostile, tricky]);
    expect(r.pack.phrases[0]?.title).toBe(hostile);
  });
});

describe('parsePack: every error class has a path and a Chinese message', () => {
  it('JSON syntax errors give line and column', () => {
    const text = '{\n  "format": "kefu-pack/1",\n  "name": "售后",\n  "version": 2,\n}';
    const [e] = errorsOf(text);
    expect(e).toMatchObject({ path: '$', line: 5, column: 1 });
    expect(e?.message).toContain('第 5 行第 1 列');
    expect(e?.message).toContain('多余的逗号');
  });

  it('explains Chinese punctuation typed by an input method', () => {
    const [e] = errorsOf('{"format"："kefu-pack/1"}');
    expect(e?.message).toContain('中文冒号');
    const [q] = errorsOf('{"name": “售后”}');
    expect(q?.message).toContain('中文引号');
  });

  it('empty and whitespace-only files', () => {
    expect(errorsOf('')[0]?.message).toContain('空');
    expect(errorsOf(' \n\t ')[0]?.message).toContain('空');
  });

  it('a top-level value that is not an object', () => {
    for (const v of [[], 'null', '42', '"text"', null, 7, true]) {
      const [e] = errorsOf(v);
      expect(e?.path).toBe('$');
      expect(e?.message).toMatch(CHINESE);
    }
  });

  it('a future format version asks to upgrade instead of listing every field', () => {
    const errors = errorsOf({ format: 'kefu-pack/2', whatever: true });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: '$.format' });
    expect(errors[0]?.message).toContain('升级');
  });

  it('missing and mistyped required fields', () => {
    const p = mutated((x) => {
      delete x.name;
      x.version = '3';
      x.format = 'kefu-pack';
    });
    expect(errorAt(p, '$.name').message).toBe('短语包名称（name）缺失（必填）');
    expect(errorAt(p, '$.version').message).toBe('版本号（version）应为数字，实际是文字');
    expect(errorAt(p, '$.format').message).toContain('kefu-pack/1');
  });

  it('version must be a positive integer', () => {
    expect(
      errorAt(
        mutated((x) => (x.version = 0)),
        '$.version',
      ).message,
    ).toContain('必须大于 0');
    expect(
      errorAt(
        mutated((x) => (x.version = 1.5)),
        '$.version',
      ).message,
    ).toContain('整数');
  });

  it('pack id must be a slug', () => {
    expect(
      errorAt(
        mutated((x) => (x.id = 'My Pack')),
        '$.id',
      ).message,
    ).toContain('小写英文字母');
  });

  it('updatedAt must be ISO 8601 with a zone', () => {
    expect(
      errorAt(
        mutated((x) => (x.updatedAt = '2025/03/01')),
        '$.updatedAt',
      ).message,
    ).toContain('ISO 8601');
  });

  it('updateUrl must be https', () => {
    expect(
      errorAt(
        mutated((x) => (x.updateUrl = 'http://example.com/p.json')),
        '$.updateUrl',
      ).message,
    ).toContain('https');
  });

  it('changelog entries are reported inside the list, not as "no union matched"', () => {
    const p = mutated(
      (x) =>
        (x.changelog = [
          { version: 1, notes: '' },
          { version: 2, notes: 'ok', date: 'yesterday' },
        ]),
    );
    expect(errorAt(p, '$.changelog[0].notes').message).toBe('第 1 条更新说明的内容不能为空');
    expect(errorAt(p, '$.changelog[1].date').message).toContain('YYYY-MM-DD');
  });

  it('phrase field errors read as "第 N 条短语的…"', () => {
    const p = mutated((x) => {
      x.phrases[3] = {
        id: 'bad',
        title: '',
        shortcut: '有 空格',
        tags: [3],
        variants: ['好的', '   '],
        platforms: ['taobao', 'weidian'],
      };
    });
    expect(errorAt(p, '$.phrases[3].variants[1]').message).toBe('第 4 条短语的第 2 个变体为空');
    expect(errorAt(p, '$.phrases[3].title').message).toBe('第 4 条短语的标题为空');
    expect(errorAt(p, '$.phrases[3].shortcut').message).toContain('第 4 条短语的快捷码只能包含');
    expect(errorAt(p, '$.phrases[3].tags[0]').message).toBe('第 4 条短语的第 1 个标签应为文字，实际是数字');
    expect(errorAt(p, '$.phrases[3].platforms[1]').message).toContain('第 4 条短语的第 2 个平台只能是');
  });

  it('phrase string limits come from PHRASE_LIMITS', () => {
    const { variantMax, titleMax, variantsMax } = PACK_LIMITS.phrase;
    const p = mutated((x) => {
      x.phrases[0] = { id: 'a', title: 'x'.repeat(titleMax + 1), variants: ['y'.repeat(variantMax + 1)] };
      x.phrases[1] = {
        id: 'b',
        title: 't',
        variants: Array.from({ length: variantsMax + 1 }, (_, i) => `v${i}`),
      };
      x.phrases[2] = { id: 'c', title: 't', variants: [] };
    });
    expect(errorAt(p, '$.phrases[0].title').message).toContain(`${titleMax}`);
    expect(errorAt(p, '$.phrases[0].variants[0]').message).toContain(`${variantMax}`);
    expect(errorAt(p, '$.phrases[1].variants').message).toContain(`${variantsMax}`);
    expect(errorAt(p, '$.phrases[2].variants').message).toContain('至少需要一条话术');
  });

  it('duplicate ids and shortcuts name both places, even alongside other errors', () => {
    const p = mutated((x) => {
      x.phrases.push({ id: 'ship-urge', title: '重复', variants: ['a'] });
      x.phrases.push({ id: 'other', title: '重复快捷码', shortcut: 'CFH', variants: ['b'] });
      x.version = -1;
    });
    const dupId = errorAt(p, '$.phrases[4].id');
    expect(dupId.relatedPath).toBe('$.phrases[0].id');
    expect(dupId.message).toBe('第 5 条短语的编号（id）「ship-urge」与第 1 条短语重复');
    const dupShortcut = errorAt(p, '$.phrases[5].shortcut');
    expect(dupShortcut.relatedPath).toBe('$.phrases[0].shortcut');
    expect(dupShortcut.message).toContain('快捷码「CFH」与第 1 条短语重复');
    expect(errorAt(p, '$.version')).toBeTruthy();
  });

  it('duplicate template ids and register reasons', () => {
    const p = mutated((x) => {
      const t = (x.remarkTemplates as unknown[])[0];
      x.remarkTemplates = [t, t];
      x.registerReasons = ['质量问题', '质量问题'];
    });
    expect(errorAt(p, '$.remarkTemplates[1].id').relatedPath).toBe('$.remarkTemplates[0].id');
    expect(errorAt(p, '$.registerReasons[1]').relatedPath).toBe('$.registerReasons[0]');
  });

  it('errors inside the legend, templates and policy keep their owners’ Chinese messages', () => {
    const p = mutated((x) => {
      const legend = x.flagLegend as { flags: Record<string, { colour: string }> };
      (legend.flags.exchange as { colour: string }).colour = 'pink';
      const tpl = (x.remarkTemplates as { body: string }[])[0] as { body: string };
      tpl.body = '送{unknown}';
      x.returnPolicy = { noReasonDays: 3 };
    });
    expect(errorAt(p, '$.flagLegend.flags.exchange.colour').message).toContain('调色板');
    expect(errorAt(p, '$.remarkTemplates[0].body').message).toContain('unknown');
    expect(errorAt(p, '$.returnPolicy.noReasonDays').message).toContain('7 天');
  });

  it('wording rules are validated by their own schema', () => {
    expect(
      errorAt(
        mutated((x) => (x.wordingRules = '绝对')),
        '$.wordingRules',
      ).message,
    ).toContain('用语规则列表（wordingRules）应为列表');
    expect(
      errorsOf(mutated((x) => (x.wordingRules = [{}]))).some((e) => e.path.startsWith('$.wordingRules[0]')),
    ).toBe(true);
  });

  it('too many phrases is one clear error', () => {
    const many = Array.from({ length: PACK_LIMITS.phrasesMax + 1 }, (_, i) => ({
      id: `p${i}`,
      title: 't',
      variants: ['v'],
    }));
    const errors = errorsOf(mutated((x) => (x.phrases = many)));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('$.phrases');
    expect(errors[0]?.message).toContain(`${PACK_LIMITS.phrasesMax}`);
  });

  it('files over 5 MB are refused before parsing', () => {
    const huge = `{"x":"${'字'.repeat(2_000_000)}"}`;
    const [e] = errorsOf(huge);
    expect(e?.path).toBe('$');
    expect(e?.message).toContain('5 MB');
    expect(errorsOf(new Uint8Array(PACK_LIMITS.fileBytes + 1))[0]?.message).toContain('5 MB');
  });

  it('bytes that are not UTF-8', () => {
    const gbk = new Uint8Array([0x7b, 0x22, 0xc4, 0xe3, 0xba, 0xc3, 0x22, 0x7d]); // {"你好"} in GBK
    expect(errorsOf(gbk)[0]?.message).toContain('UTF-8');
  });

  it('prototype-pollution keys are rejected wherever they are', () => {
    const text =
      '{"format":"kefu-pack/1","__proto__":{"polluted":1},"phrases":[{"constructor":{"prototype":{}}}]}';
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual(['$.__proto__', '$.phrases[0].constructor']);
    expect(errors[0]?.message).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('values JSON cannot hold: cycles, BigInt, Symbol, functions, NaN, holes, class instances', () => {
    const p = mutated(() => undefined) as Record<string, unknown>;
    p.self = p;
    p.big = 10n;
    p.sym = Symbol('s');
    p.fn = () => 1;
    p.nan = NaN;
    p.holes = [1, undefined];
    p.when = new Date(0);
    p.map = new Map();
    const errors = errorsOf(p);
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath['$.self']).toContain('循环引用');
    expect(byPath['$.big']).toContain('BigInt');
    expect(byPath['$.sym']).toContain('Symbol');
    expect(byPath['$.fn']).toContain('函数');
    expect(byPath['$.nan']).toContain('NaN');
    expect(byPath['$.holes[1]']).toContain('空位');
    expect(byPath['$.when']).toContain('Date');
    expect(byPath['$.map']).toContain('Map');
  });

  it('nesting deeper than the limit', () => {
    const deep = `{"x":${'['.repeat(100)}${']'.repeat(100)}}`;
    const [e] = errorsOf(deep);
    expect(e?.message).toContain('嵌套太深');
    // A 100k-deep file must not overflow the stack anywhere.
    expect(parsePack('['.repeat(100_000) + ']'.repeat(100_000)).ok).toBe(false);
    expect(parsePack('['.repeat(100_000)).ok).toBe(false);
  });

  it('hostile objects (throwing getters, Proxies) become an error, not an exception', () => {
    const getter = Object.defineProperty({ format: 'kefu-pack/1' }, 'name', {
      enumerable: true,
      get() {
        throw new Error('gotcha');
      },
    });
    expect(parsePack(getter).ok).toBe(false);
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    const r = parsePack(proxy);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(CHINESE);
  });

  it('caps the list of errors and says how many more there are', () => {
    const bad = Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, title: '', variants: [] }));
    const errors = errorsOf(mutated((x) => (x.phrases = bad)));
    expect(errors).toHaveLength(PACK_LIMITS.errorsMax + 1);
    expect(errors.at(-1)?.message).toMatch(/还有 \d+ 处问题/);
  });

  it('every message is Chinese and every path is a JSON path', () => {
    const p = mutated((x) => {
      x.phrases[0] = { id: '', title: 5, variants: 'no' };
      x.version = null;
      x.publisher = '';
    });
    for (const e of errorsOf(p)) {
      expect(e.path).toMatch(/^\$/);
      expect(e.message).toMatch(CHINESE);
    }
  });
});
