import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATFORMS, type Platform } from '../../../lib/sites/platforms';
import {
  REMARK_FIELD_SPECS,
  UnknownPlatformError,
  composeRemark,
  countRemarkLength,
  mergeRemark,
} from '../../../lib/remarks';

const line = composeRemark({ agent: '蔡蔡', content: '送某某礼物一份,发申通', date: '2014-08-20' });

// Strings of arbitrary UTF-16 code units: lone surrogates, halves of emoji, controls, CJK.
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 })
  .map((units) => String.fromCharCode(...units));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  codeUnits,
  fc.constantFrom('', ' ', '\n', '\u3000', '  \n\t', '旧备注；', '旧备注\n', '👨‍👩‍👧', '\uD83D', '\uDE00x'),
);
const platform = fc.constantFrom<Platform>(...PLATFORMS);

describe('mergeRemark keeps the existing remark byte for byte', () => {
  it('text starts with existing and ends with the addition, for any strings', () => {
    fc.assert(
      fc.property(anyText, anyText, platform, (existing, addition, p) => {
        const result = mergeRemark(existing, addition, { platform: p });
        expect(result.text.startsWith(existing)).toBe(true);
        if (addition.trim()) {
          expect(result.appended).toBe(true);
          expect(result.text.endsWith(addition)).toBe(true);
          expect(result.text.includes(addition)).toBe(true);
          expect(result.text).toBe(existing + result.separator + addition);
        } else {
          expect(result).toMatchObject({ text: existing, appended: false, separator: '' });
        }
        expect(result.length).toBe(countRemarkLength(result.text, REMARK_FIELD_SPECS[p].unit));
      }),
      { numRuns: 2000 },
    );
  });

  it('never truncates: an over-limit result still holds everything', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
        (existing, addition) => {
          const tail = `x${addition}`;
          const result = mergeRemark(existing, tail, { platform: 'douyin' });
          expect(result.text).toBe(existing + result.separator + tail);
          expect(result.overLimit).toBe(result.length > 60);
        },
      ),
    );
  });

  it('keeps a whitespace-only existing remark and adds no separator after it', () => {
    expect(mergeRemark('  \n', line, { platform: 'douyin' }).text).toBe(`  \n${line}`);
    expect(mergeRemark('\u3000', line, { platform: 'taobao' }).text).toBe(`\u3000${line}`);
    expect(mergeRemark('', line, { platform: 'pdd' })).toMatchObject({ text: line, separator: '' });
  });

  it('uses each platform’s separator between two remarks', () => {
    const before = '小王 发顺丰 2014.8.19';
    expect(mergeRemark(before, line, { platform: 'taobao' }).text).toBe(`${before}\n${line}`);
    expect(mergeRemark(before, line, { platform: 'tmall' }).separator).toBe('\n');
    for (const p of ['jd', 'pdd', 'douyin', 'other'] as const) {
      expect(mergeRemark(before, line, { platform: p }).text).toBe(`${before}；${line}`);
    }
    expect(mergeRemark(before, line, { platform: 'jd', separator: ' / ' }).text).toBe(`${before} / ${line}`);
  });

  it('does not double a separator the existing remark already ends with', () => {
    expect(mergeRemark('旧备注；', line, { platform: 'douyin' }).text).toBe(`旧备注；${line}`);
    expect(mergeRemark('旧备注;', line, { platform: 'pdd' }).text).toBe(`旧备注;${line}`);
    expect(mergeRemark('旧备注\n', line, { platform: 'douyin' }).text).toBe(`旧备注\n${line}`);
    expect(mergeRemark('旧备注\r\n', line, { platform: 'taobao' }).text).toBe(`旧备注\r\n${line}`);
    // Trailing spaces are the existing remark's own characters: kept, separator still added.
    expect(mergeRemark('旧备注 ', line, { platform: 'douyin' }).text).toBe(`旧备注 ；${line}`);
  });

  it('rejects an unknown platform in Chinese', () => {
    expect(() => mergeRemark('', line, { platform: 'kuaishou' as Platform })).toThrow(UnknownPlatformError);
    expect(() => mergeRemark('', line, { platform: 'kuaishou' as Platform })).toThrow('未知平台「kuaishou」');
  });
});

describe('length limits', () => {
  it('reports Douyin’s 60-character limit without cutting', () => {
    const existing = '甲'.repeat(49);
    const fits = mergeRemark(existing, '乙'.repeat(10), { platform: 'douyin' });
    expect(fits).toMatchObject({ length: 60, limit: 60, overLimit: false, unit: 'utf16' });
    expect(fits.overBy).toBeUndefined();

    const over = mergeRemark(existing, '乙'.repeat(11), { platform: 'douyin' });
    expect(over).toMatchObject({ length: 61, limit: 60, overLimit: true, overBy: 1 });
    expect(over.text).toBe(`${existing}；${'乙'.repeat(11)}`);
  });

  it('counts an emoji as two on Douyin (the stricter reading until verified)', () => {
    const result = mergeRemark('甲'.repeat(58), '😀', { platform: 'douyin' });
    expect(result.length).toBe(61);
    expect(result.overLimit).toBe(true);
    expect(result.limitVerified).toBe(false);
  });

  it('flags an existing remark that is already over the limit', () => {
    const result = mergeRemark('甲'.repeat(70), '乙', { platform: 'douyin' });
    expect(result).toMatchObject({ overLimit: true, overBy: 12 });
    expect(result.text.startsWith('甲'.repeat(70))).toBe(true);
  });

  it('counts Taobao’s memo in UTF-8 bytes against 1000', () => {
    const result = mergeRemark('甲'.repeat(330), '乙'.repeat(3), { platform: 'taobao' });
    // 333 Chinese characters × 3 bytes + 1 newline = 1000.
    expect(result).toMatchObject({ length: 1000, limit: 1000, overLimit: false, unit: 'utf8-bytes' });
    expect(mergeRemark('甲'.repeat(330), '乙'.repeat(4), { platform: 'taobao' }).overLimit).toBe(true);
  });

  it('has no limit where none is documented, and says so', () => {
    for (const p of ['jd', 'pdd', 'other'] as const) {
      const result = mergeRemark('甲'.repeat(5000), line, { platform: p });
      expect(result.overLimit).toBe(false);
      expect('limit' in result).toBe(false);
      expect(REMARK_FIELD_SPECS[p].verified).toBe(false);
    }
  });

  it('documents a source for every platform’s spec', () => {
    for (const p of PLATFORMS) expect(REMARK_FIELD_SPECS[p].source.length).toBeGreaterThan(5);
  });

  it('countRemarkLength by unit', () => {
    expect(countRemarkLength('a甲😀', 'utf16')).toBe(4);
    expect(countRemarkLength('a甲😀', 'codepoints')).toBe(3);
    expect(countRemarkLength('a甲😀', 'utf8-bytes')).toBe(8);
    expect(countRemarkLength('\uD83D', 'utf8-bytes')).toBe(3);
  });
});

describe('duplicate detection (the agent clicked twice)', () => {
  it('flags an addition the remark already ends with, still appending it', () => {
    const once = mergeRemark('', line, { platform: 'douyin' });
    expect(once.duplicate).toBe(false);
    const twice = mergeRemark(once.text, line, { platform: 'douyin' });
    expect(twice.duplicate).toBe(true);
    expect(twice.text).toBe(`${line}；${line}`);
  });

  it('ignores whitespace differences and trailing whitespace', () => {
    expect(
      mergeRemark(`旧；${line}  \n`, ` ${line.replace(' ', '   ')}`, { platform: 'taobao' }).duplicate,
    ).toBe(true);
  });

  it('does not flag a remark that merely ends with the same words', () => {
    expect(mergeRemark('小王发申通', '发申通', { platform: 'pdd' }).duplicate).toBe(false);
    expect(mergeRemark('小王，发申通', '发申通', { platform: 'pdd' }).duplicate).toBe(true);
    expect(mergeRemark(`${line}；小王 发顺丰 2014.8.21`, line, { platform: 'pdd' }).duplicate).toBe(false);
    expect(mergeRemark(line, '   ', { platform: 'pdd' }).duplicate).toBe(false);
  });
});
