import { describe, expect, it } from 'vitest';
import { PHRASE_LIMITS } from '../../../lib/phrases/model';
import {
  findNearDuplicates,
  normalizeForSimilarity,
  textSimilarity,
  validatePhraseForm,
} from '../../../lib/phrases/validate';

const others = [
  { id: 'a', title: '催发货', shortcut: 'cfh', variants: ['亲，已经帮您催仓库了，发出后第一时间告诉您。'] },
  { id: 'b', title: '议价', shortcut: 'YJ', variants: ['这款已经是活动价了，价格调不了哦。'] },
  { id: 'c', title: '旧话术', shortcut: 'old', variants: ['旧的'], deletedAt: 1 },
];

describe('validatePhraseForm', () => {
  it('accepts a good phrase and returns it parsed', () => {
    const r = validatePhraseForm(
      { id: 'n', title: ' 到货时间 ', shortcut: 'dh', variants: ['{买家|亲}，一般三天左右到'] },
      others,
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.phrase).toMatchObject({ title: '到货时间', source: { kind: 'mine' } });
  });

  it('keys Chinese messages by field', () => {
    const r = validatePhraseForm(
      {
        id: 'n',
        title: '',
        shortcut: 'cfh',
        variants: ['  ', '您好{昵称}', 'x'.repeat(PHRASE_LIMITS.variantMax + 1)],
      },
      others,
    );
    expect(r.ok).toBe(false);
    expect(r.errors).toMatchObject({
      title: '标题不能为空',
      shortcut: '快捷码 “cfh” 已被短语「催发货」使用',
      'variants.0': '话术内容不能为空',
      'variants.2': `每条话术不能超过 ${PHRASE_LIMITS.variantMax} 个字`,
    });
    expect(r.errors['variants.1']).toContain('未知变量 {昵称}');
  });

  it('compares shortcuts ignoring case and width, but not with itself or the trash', () => {
    expect(
      validatePhraseForm({ id: 'n', title: 't', shortcut: 'ｙｊ', variants: ['v'] }, others).errors.shortcut,
    ).toContain('议价');
    expect(
      validatePhraseForm({ id: 'a', title: '催发货', shortcut: 'cfh', variants: ['v'] }, others).ok,
    ).toBe(true);
    expect(validatePhraseForm({ id: 'n', title: 't', shortcut: 'old', variants: ['v'] }, others).ok).toBe(
      true,
    );
  });

  it('flags an empty variant list, bad shortcuts and repeated variants', () => {
    expect(validatePhraseForm({ id: 'n', title: 't', variants: [] }, []).errors.variants).toBe(
      '至少需要一条话术',
    );
    expect(
      validatePhraseForm({ id: 'n', title: 't', shortcut: 'a b', variants: ['v'] }, []).errors.shortcut,
    ).toContain('快捷码只能包含');
    const r = validatePhraseForm({ id: 'n', title: 't', variants: ['同一句', '同一句 '] }, []);
    expect(r.errors['variants.1']).toContain('和第 1 条一样');
  });
});

describe('near duplicates', () => {
  it('normalizes away variables, punctuation, spaces and case', () => {
    expect(normalizeForSimilarity('{买家|亲}，您好 OK！')).toBe('您好ok');
    expect(textSimilarity('已经帮您催仓库了！', '已经帮您，催仓库了。')).toBe(1);
    expect(textSimilarity('亲，已经帮您催仓库了！', '已经帮您催仓库了。')).toBeGreaterThan(0.9);
    expect(textSimilarity('退货地址', '发货时间')).toBe(0);
  });

  it('finds a reworded copy of another phrase, best first', () => {
    const found = findNearDuplicates(
      { id: 'n', variants: ['无关的话', '{买家|亲}，已经帮您催仓库了，发出后第一时间告诉您哦'] },
      others,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: 'a', title: '催发货', variant: 1, otherVariant: 0 });
    expect(found[0]!.similarity).toBeGreaterThan(0.8);
  });

  it('ignores the phrase itself, the trash and merely related texts', () => {
    expect(findNearDuplicates({ id: 'a', variants: others[0]!.variants }, others)).toEqual([]);
    expect(findNearDuplicates({ variants: ['旧的'] }, others)).toEqual([]);
    expect(findNearDuplicates({ variants: ['这款已经是活动价了，还可以领券'] }, others)).toEqual([]);
  });
});
