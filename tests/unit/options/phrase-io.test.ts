import { describe, expect, it } from 'vitest';
import { checkPhraseImport, describeImportErrors, exportPhraseList } from '../../../lib/options/phrase-io';
import type { PhraseRecord } from '../../../lib/store/db';

const stored: PhraseRecord[] = [
  { id: 's1', title: '催发货', shortcut: 'cfh', variants: ['亲，马上发'], source: { kind: 'mine' } },
  {
    id: 'team-1',
    title: '团队欢迎语',
    shortcut: 'hy',
    variants: ['您好'],
    source: { kind: 'pack', packId: 'team', version: 1 },
  },
];
const text = (x: unknown) => JSON.stringify(x);
const errorsOf = (x: string) => {
  const r = checkPhraseImport(x, stored);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => e.message);
};

describe('importing a plain JSON list of phrases', () => {
  it('accepts a valid list: counts new and replaced, gives ids to items without one', () => {
    const r = checkPhraseImport(
      text([
        { id: 's1', title: '催发货（新）', shortcut: 'cfh', variants: ['亲，今天发'] },
        { title: '到货时间', variants: ['一般 2-3 天到'], source: { kind: 'pack', packId: 'x', version: 1 } },
      ]),
      stored,
    );
    expect(r).toMatchObject({ ok: true, added: 1, replaced: 1 });
    if (!r.ok) return;
    expect(r.phrases[1]!.id).toMatch(/^mine-/);
    // a list brings the agent's own phrases: pack provenance is not kept
    expect(r.phrases[1]!.source).toEqual({ kind: 'mine' });
  });

  it('names every problem by item, in Chinese, and accepts nothing', () => {
    const messages = errorsOf(
      text([
        { title: '好的', variants: ['收到'] },
        { title: '', variants: ['x'] },
        { title: '退货地址', variants: [''] },
        { title: '议价', shortcut: 'a b', variants: ['不议价'] },
        { title: '太贵', variants: 'not a list' },
        { title: '超长', variants: ['x'.repeat(2001)] },
      ]),
    );
    expect(messages).toEqual([
      '第 2 条短语的标题：标题不能为空',
      '第 3 条短语「退货地址」的第 1 条话术：话术内容不能为空',
      '第 4 条短语「议价」的快捷码：快捷码只能包含字母、数字、汉字、下划线和连字符',
      '第 5 条短语「太贵」的话术应为列表（[ … ]），实际是文字',
      '第 6 条短语「超长」的第 1 条话术：每条话术不能超过 2000 个字',
    ]);
  });

  it('refuses duplicate ids and shortcuts in the file, a shortcut already used, and pack ids', () => {
    const messages = errorsOf(
      text([
        { id: 'a', title: '一', shortcut: 'x1', variants: ['1'] },
        { id: 'a', title: '二', variants: ['2'] },
        { id: 'c', title: '三', shortcut: 'X1', variants: ['3'] },
        { id: 'd', title: '四', shortcut: 'cfh', variants: ['4'] },
        { id: 'team-1', title: '五', variants: ['5'] },
      ]),
    );
    expect(messages).toEqual([
      '第 2 条短语「二」的编号（id）：编号「a」和第 1 条重复',
      '第 3 条短语「三」的快捷码：快捷码「X1」和第 1 条重复',
      '第 4 条短语「四」的快捷码：快捷码「cfh」已被现有短语「催发货」使用',
      '第 5 条短语「五」的编号（id）：编号「team-1」属于短语包里的短语，不能被覆盖',
    ]);
  });

  it('explains files that are not a phrase list', () => {
    expect(errorsOf('')).toEqual(['文件是空的']);
    expect(errorsOf('[]')).toEqual(['列表是空的，没有可导入的短语']);
    expect(errorsOf(text({ format: 'kefu-backup/1' }))[0]).toContain('备份与恢复');
    expect(errorsOf(text({ format: 'kefu-pack/1' }))[0]).toContain('短语包');
    expect(errorsOf(text({ a: 1 }))[0]).toContain('短语列表');
    expect(errorsOf('[{"title": “催发货”}]')[0]).toMatch(/^不是有效的 JSON：第 1 行第 12 列，使用了中文引号/);
  });

  it('reads the background’s item errors the same way', () => {
    const out = describeImportErrors(
      [{ field: '[2].variants.0', message: '话术内容不能为空' }],
      [{ title: 'a' }, { title: 'b' }, { title: '退货地址' }],
    );
    expect(out).toEqual([
      { path: 'phrases[2].variants[0]', message: '第 3 条短语「退货地址」的第 1 条话术：话术内容不能为空' },
    ]);
  });
});

describe('exporting', () => {
  it('writes a plain list without pinyin or the trash, which imports back unchanged', () => {
    const list: PhraseRecord[] = [
      { ...stored[0]!, py: { v: 1, fp: 1, title: 'cui fa huo' } },
      { id: 'gone', title: '删了', variants: ['x'], source: { kind: 'mine' }, deletedAt: 1 },
    ];
    const json = exportPhraseList(list);
    const parsed = JSON.parse(json);
    expect(parsed).toEqual([
      { id: 's1', title: '催发货', shortcut: 'cfh', variants: ['亲，马上发'], source: { kind: 'mine' } },
    ]);
    expect(checkPhraseImport(json, stored)).toMatchObject({ ok: true, added: 0, replaced: 1 });
  });
});
