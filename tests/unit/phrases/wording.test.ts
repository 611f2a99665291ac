import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORDING_RULES,
  findWordingIssues,
  wordingRuleSchema,
  wordingRuleSetSchema,
  type WordingRule,
} from '../../../lib/phrases/wording';

const hits = (text: string) => findWordingIssues(text).map((i) => [i.kind, text.slice(i.start, i.end)]);

describe('findWordingIssues', () => {
  it('flags rude and cold habits with the professional alternative', () => {
    const [rude] = findWordingIssues('你必须先付款');
    expect(rude).toMatchObject({ kind: 'rude', start: 0, end: 3 });
    expect(rude!.suggestion).toContain('麻烦您');
    expect(hits('等着吧')).toContainEqual(['cold', '等着']);
    expect(hits('嗯。')).toEqual([['cold', '嗯']]);
    expect(hits('你好')).toEqual([['cold', '你']]);
  });

  it('flags blind promises', () => {
    expect(hits('保证明天到')).toEqual([['promise', '保证']]);
    expect(hits('今天一定发出')).toEqual([['promise', '一定']]);
    expect(hits('百分百正品，绝对没问题')).toEqual([
      ['promise', '百分百'],
      ['promise', '绝对'],
    ]);
    expect(hits('支持无条件退换')).toEqual([['promise', '无条件']]);
  });

  it('flags absolute terms the Advertising Law bans', () => {
    expect(hits('全网最低价')).toEqual([['ad-law', '最']]);
    expect(hits('这是最好用的款')).toEqual([['ad-law', '最好用']]);
    expect(hits('销量第一的顶级面料')).toEqual([
      ['ad-law', '第一'],
      ['ad-law', '顶级'],
    ]);
    expect(hits('国家级工艺，独一无二')).toEqual([
      ['ad-law', '国家级'],
      ['ad-law', '独一无二'],
    ]);
  });

  it('has no false positives on everyday words that contain them', () => {
    for (const fine of [
      '最近发货比较慢',
      '活动最后一天',
      '最快明天到，最晚后天',
      '您最好先拍照留存',
      '最好保留外包装',
      '麻烦你们仓库看一下',
      '我们会第一时间通知您',
      '第一次购买的亲',
      '这款不一定适合您',
      '请一定要保留包装',
      '有一定的色差',
      '让您等着急了',
      '迷你款',
      '保证金由平台收取',
      '尺码不行的话可以换',
      '帮您查一下最新物流',
    ]) {
      expect(findWordingIssues(fine), fine).toEqual([]);
    }
  });

  it('keeps the longer of two overlapping hits of one kind', () => {
    const rules: WordingRule[] = [
      { id: 'short', kind: 'promise', pattern: '包', message: 'm' },
      { id: 'long', kind: 'promise', pattern: '包您满意', message: 'm' },
    ];
    expect(findWordingIssues('包您满意', rules).map((i) => i.ruleId)).toEqual(['long']);
  });

  it('runs on custom rule sets and stays fast on long text', () => {
    const rules = [wordingRuleSchema.parse({ id: 'x', kind: 'cold', pattern: '亲亲', message: '太亲昵' })];
    expect(findWordingIssues('亲亲您好', rules)).toHaveLength(1);
    const long = '亲，您的包裹已经发出，最近快递比较多，请您耐心等待。'.repeat(400);
    const t0 = performance.now();
    findWordingIssues(long);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('wording rule data', () => {
  it('the default set validates, has a source and unique ids', () => {
    expect(wordingRuleSetSchema.parse(DEFAULT_WORDING_RULES)).toBeTruthy();
    expect(DEFAULT_WORDING_RULES.source).toContain('广告法');
    const ids = DEFAULT_WORDING_RULES.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const kind of ['rude', 'cold', 'promise', 'ad-law'] as const) {
      expect(DEFAULT_WORDING_RULES.rules.some((r) => r.kind === kind)).toBe(true);
    }
    expect(
      DEFAULT_WORDING_RULES.rules
        .filter((r) => r.kind === 'ad-law')
        .every((r) => r.source?.includes('第九条')),
    ).toBe(true);
  });

  it('rejects an exception that does not contain its pattern', () => {
    const r = wordingRuleSchema.safeParse({
      id: 'x',
      kind: 'ad-law',
      pattern: '最',
      except: ['第一'],
      message: 'm',
    });
    expect(r.success).toBe(false);
  });
});
