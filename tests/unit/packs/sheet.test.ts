import { describe, expect, it } from 'vitest';
import type { PackPhrase } from '../../../lib/packs';
import {
  columnLetter,
  detectMojibake,
  escapeCsvCell,
  guessColumnMapping,
  mappingProblems,
  parseCsv,
  phrasesToCsv,
  phrasesToXlsx,
  readCsv,
  readSheetFile,
  readXlsx,
  rowsToPhrases,
  titleFromContent,
  unescapeCsvCell,
} from '../../../lib/packs/sheet';
import { makePhrases } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)>';

const tricky: PackPhrase[] = [
  {
    id: 'ship-urge',
    title: '催发货',
    shortcut: 'cfh',
    category: '售中/发货时间',
    tags: ['发货', '催单'],
    variants: ['亲，今天 17 点前发出～', '亲亲别着急，\n仓库正在加急，"马上"就好！', '  前后有空格  '],
  },
  {
    id: 'formula',
    title: '公式样',
    variants: ['=HYPERLINK("http://evil","点我")', "'=already quoted", '-5 元优惠', '+1', '@me'],
  },
  { id: 'html', title: HOSTILE, variants: [HOSTILE, 'a,b;c\td'], platforms: ['taobao', 'jd'] },
  { id: 'emoji', title: '表情😀', shortcut: 'bq', variants: ['好的😀👍🏻'], platforms: ['douyin'] },
];

let counter = 0;
const makeId = () => `gen-${++counter}`;

function importCsv(text: string) {
  const read = parseCsv(text);
  if (!read.ok) throw new Error(read.message);
  const mapping = guessColumnMapping(read.rows[0] ?? []);
  return { read, mapping, ...rowsToPhrases(read.rows, mapping, { makeId }) };
}

describe('guessColumnMapping', () => {
  it("recognises Qianniu's 分组 / 快捷编码 / 短语内容", () => {
    expect(guessColumnMapping(['分组', '快捷编码', '短语内容'])).toEqual({
      category: 0,
      shortcut: 1,
      variants: [2],
      hasHeader: true,
    });
  });

  it('recognises 标题 / 分类 / 标签 / 快捷语 / 内容 (快捷语 is the shortcut here)', () => {
    expect(guessColumnMapping(['标题', '分类', '标签', '快捷语', '内容'])).toEqual({
      title: 0,
      category: 1,
      tags: 2,
      shortcut: 3,
      variants: [4],
      hasHeader: true,
    });
  });

  it('快捷语 alone is the content', () => {
    expect(guessColumnMapping(['分组', '快捷语'])).toMatchObject({ category: 0, variants: [1] });
  });

  it('recognises English headers, case and punctuation aside', () => {
    expect(guessColumnMapping(['Title', 'Short cut', 'CATEGORY', 'Content'])).toEqual({
      title: 0,
      shortcut: 1,
      category: 2,
      variants: [3],
      hasHeader: true,
    });
  });

  it('numbered content columns become variants in order; 分类 beats 分组', () => {
    expect(guessColumnMapping(['话术2', '分组', '话术1', '分类', '快捷码（必填）', '话术3'])).toEqual({
      category: 3,
      shortcut: 4,
      variants: [2, 0, 5],
      hasHeader: true,
    });
  });

  it('no recognisable header: row 1 is data, column A the content', () => {
    expect(guessColumnMapping(['亲，在的～', 'x'])).toEqual({ variants: [0], hasHeader: false });
  });

  it('reports unusable mappings', () => {
    expect(mappingProblems({ variants: [], hasHeader: true })[0]).toContain('内容');
    expect(mappingProblems({ title: 1, variants: [1], hasHeader: true })[0]).toContain('B 列');
  });
});

describe('CSV round trip', () => {
  it('export then import gives the same phrases (quotes, newlines, commas, formulas, HTML, emoji)', () => {
    const csv = phrasesToCsv(tricky);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const { phrases, errors, read } = importCsv(csv);
    expect(read.ok && read.warnings).toEqual([]);
    expect(errors).toEqual([]);
    expect(phrases).toEqual(tricky);
  });

  it('formula-looking cells are escaped in the file', () => {
    const csv = phrasesToCsv(tricky, { bom: false });
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""点我"")"`);
    expect(csv).toContain("''=already quoted");
    for (const s of ['=1', "'=1", "''+x", '-', 'plain', "'plain"])
      expect(unescapeCsvCell(escapeCsvCell(s))).toBe(s);
  });

  it('a thousand generated phrases round-trip', () => {
    const many = makePhrases(1000, 7);
    const { phrases, errors } = importCsv(phrasesToCsv(many));
    expect(errors).toEqual([]);
    expect(phrases).toEqual(many);
  });
});

describe('XLSX round trip', () => {
  it('export then import gives the same phrases (Blob and ArrayBuffer)', async () => {
    const blob = await phrasesToXlsx(tricky);
    expect(blob.size).toBeGreaterThan(0);
    for (const input of [blob, await blob.arrayBuffer()]) {
      const read = await readXlsx(input);
      if (!read.ok) throw new Error(read.message);
      const mapping = guessColumnMapping(read.rows[0] ?? []);
      const { phrases, errors } = rowsToPhrases(read.rows, mapping, { makeId });
      expect(errors).toEqual([]);
      expect(phrases).toEqual(tricky);
    }
  });

  it('readSheetFile tells XLSX from CSV by content', async () => {
    const xlsx = await readSheetFile(await phrasesToXlsx(tricky));
    const csv = await readSheetFile(new Blob([phrasesToCsv(tricky)]));
    expect(xlsx.ok && csv.ok).toBe(true);
    if (xlsx.ok && csv.ok) expect(xlsx.rows).toEqual(csv.rows);
  });

  it('a broken or old-format file is a Chinese message, not an exception', async () => {
    const broken = await readXlsx(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]).buffer);
    expect(broken).toMatchObject({ ok: false, message: expect.stringContaining('Excel') });
    const xls = await readSheetFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]).buffer);
    expect(xls).toMatchObject({ ok: false, message: expect.stringContaining('.xls') });
  });
});

describe('rowsToPhrases: errors by row, nothing half-imported', () => {
  const csv = [
    '标题,快捷码,分类,标签,平台,内容1,内容2',
    '催发货,cfh,售中,发货、催单,淘宝,亲，今天发出～,',
    '',
    '没有内容,nr,售中,,,,',
    '快捷码坏了,有 空格,售中,,,好的,',
    '平台不对,pt,,,微店,好的,',
    '重复快捷码,CFH,,,,好的,',
    `太长,cc,,,,${'字'.repeat(2001)},`,
    ',,,,,"无标题的内容，第一行做标题\n第二行",',
    '   ,  ,,,,   ,',
  ].join('\r\n');

  it('reports each bad row with its spreadsheet row number and column letter', () => {
    const { errors, phrases } = importCsv(csv);
    const where = errors.map((e) => `${e.row}${e.column}`);
    expect(where).toEqual(['4F', '5B', '6E', '7B', '8F']);
    expect(errors[0]?.message).toContain('第 4 行没有短语内容');
    expect(errors[1]?.message).toContain('快捷码只能包含');
    expect(errors[2]?.message).toContain('微店');
    expect(errors[3]?.message).toContain('与第 2 行重复');
    expect(errors[4]?.message).toContain('2000');
    for (const e of errors) expect(e.message).toMatch(/^第 \d+ 行/);
    // Valid rows only, whole.
    expect(phrases.map((p) => p.title)).toEqual(['催发货', '无标题的内容，第一行做标题']);
    expect(phrases[0]).toMatchObject({
      tags: ['发货', '催单'],
      platforms: ['taobao'],
      variants: ['亲，今天发出～'],
    });
    expect(phrases[1]?.variants).toEqual(['无标题的内容，第一行做标题\n第二行']);
  });

  it('counts empty rows instead of failing on them', () => {
    expect(importCsv(csv).emptyRows).toBe(2);
  });

  it('a header-less sheet numbers rows from 1', () => {
    const r = rowsToPhrases([['好的'], [''], ['   ']], { variants: [0], hasHeader: false }, { makeId });
    expect(r.phrases).toHaveLength(1);
    expect(r.emptyRows).toBe(2);
    const bad = rowsToPhrases([['x'.repeat(2001)]], { variants: [0], hasHeader: false }, { makeId });
    expect(bad.errors[0]).toMatchObject({ row: 1, column: 'A' });
  });

  it('an unclosed quote is reported with its row', () => {
    const read = parseCsv('标题,内容\r\n好,"没有结束\r\n下一行,内容');
    expect(read.ok).toBe(true);
    if (read.ok)
      expect(read.errors[0]).toMatchObject({ row: 2, message: expect.stringContaining('引号没有配对') });
  });

  it('derives titles from content when the sheet has none', () => {
    expect(titleFromContent('  亲，您好！\n第二行')).toBe('亲，您好！');
    expect(titleFromContent('一二三四五六七八九十一二三四五六七八九十多')).toBe(
      '一二三四五六七八九十一二三四五六七八九十…',
    );
  });

  it('Qianniu layout imports with generated ids', () => {
    const { phrases, errors } = importCsv(
      '分组,快捷编码,短语内容\n售前,hy,欢迎光临～\n售后,th,退货请保持商品完好',
    );
    expect(errors).toEqual([]);
    expect(phrases.map((p) => [p.category, p.shortcut, p.title])).toEqual([
      ['售前', 'hy', '欢迎光临～'],
      ['售后', 'th', '退货请保持商品完好'],
    ]);
    expect(new Set(phrases.map((p) => p.id)).size).toBe(2);
  });
});

describe('encodings', () => {
  it('strips the BOM', () => {
    const r = parseCsv('\uFEFF标题,内容\n你好,在的');
    expect(r.ok && r.rows[0]).toEqual(['标题', '内容']);
  });

  it('GBK bytes are detected, decoded when possible, and the lead is told to save as UTF-8', async () => {
    // "标题,内容\r\n你好,在的" in GBK
    const gbk = new Uint8Array([
      0xb1, 0xea, 0xcc, 0xe2, 0x2c, 0xc4, 0xda, 0xc8, 0xdd, 0x0d, 0x0a, 0xc4, 0xe3, 0xba, 0xc3, 0x2c, 0xd4,
      0xda, 0xb5, 0xc4,
    ]);
    const r = await readCsv(gbk);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.join()).toContain('UTF-8');
    if (r.encoding === 'gb18030')
      expect(r.rows).toEqual([
        ['标题', '内容'],
        ['你好', '在的'],
      ]);
  });

  it('UTF-16 "Unicode text" from Excel (tab-separated)', async () => {
    const text = '标题\t内容\r\n你好\t在的\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const r = await readCsv(bytes);
    expect(r.ok && r.rows).toEqual([
      ['标题', '内容'],
      ['你好', '在的'],
    ]);
  });

  it('warns about text that was already decoded wrongly', () => {
    expect(detectMojibake('锟斤拷,烫烫烫')).toContain('UTF-8');
    expect(detectMojibake('æ ‡é¢˜,å†…å®¹')).toContain('UTF-8');
    expect(detectMojibake('ab\uFFFDcd')).toContain('另存为');
    expect(detectMojibake('标题,内容\n你好,在的')).toBeNull();
    expect(detectMojibake('Café, naïve résumé')).toBeNull();
    const r = parseCsv('\uFFFD\uFFFD,\uFFFD\n1,2');
    expect(r.ok && r.warnings[0]).toContain('CSV UTF-8');
  });
});

describe('columnLetter', () => {
  it('names columns like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});
