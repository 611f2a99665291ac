import { describe, expect, it } from 'vitest';
import {
  TEMPLATE_VARIABLES,
  findVariables,
  parseTemplate,
  renderTemplate,
  validateTemplate,
} from '../../../lib/phrases/template';

describe('templates', () => {
  it('parses variables with and without defaults', () => {
    const { parts, errors } = parseTemplate('{买家|亲}，{快递}单号{单号}');
    expect(errors).toEqual([]);
    expect(parts).toEqual([
      { kind: 'variable', name: '买家', fallback: '亲', known: true, start: 0, end: 6 },
      { kind: 'text', text: '，' },
      { kind: 'variable', name: '快递', known: true, start: 7, end: 11 },
      { kind: 'text', text: '单号' },
      { kind: 'variable', name: '单号', known: true, start: 13, end: 17 },
    ]);
  });

  it('lists variables once, in order of use', () => {
    expect(findVariables('{买家|亲}好，{单号} {买家}')).toEqual(['买家', '单号']);
    expect(TEMPLATE_VARIABLES).toContain('店铺');
  });

  it('renders values, then defaults', () => {
    expect(renderTemplate('{买家|亲}，您好', { 买家: '小王' })).toEqual({ text: '小王，您好', missing: [] });
    expect(renderTemplate('{买家|亲}，您好', {})).toEqual({ text: '亲，您好', missing: [] });
    expect(renderTemplate('{买家|亲}，您好', { 买家: '  ' }).text).toBe('亲，您好');
    expect(renderTemplate('您好{买家|}！').text).toBe('您好！');
  });

  it('never leaves a variable in the text: missing ones are reported', () => {
    const r = renderTemplate('{快递}单号：{单号}，{买家}请查收', { 快递: '中通' });
    expect(r.text).toBe('中通单号：，请查收');
    expect(r.missing).toEqual(['单号', '买家']);
    expect(r.text).not.toMatch(/\{[^{}]*\}/);
    // unknown names are missing too, not printed
    expect(renderTemplate('{昵称}您好')).toEqual({ text: '您好', missing: ['昵称'] });
  });

  it('inserts values literally, even with braces in them', () => {
    expect(renderTemplate('{买家}', { 买家: '{单号}' }).text).toBe('{单号}');
  });

  it('writes literal braces as {{ and }}', () => {
    expect(renderTemplate('赠品{{小样}}一份，{买家|亲}')).toEqual({
      text: '赠品{小样}一份，亲',
      missing: [],
    });
    expect(validateTemplate('赠品{{小样}}')).toEqual([]);
  });

  it('flags unknown variables in Chinese, naming the available ones', () => {
    const [issue] = validateTemplate('您好{昵称}，{买家}');
    expect(issue).toMatchObject({ start: 2, end: 6 });
    expect(issue!.message).toContain('未知变量 {昵称}：可用的有 {买家}、{客服}');
    expect(validateTemplate('{买家|亲}{订单号}{商品}{快递}{单号}{日期}{店铺}{客服}')).toEqual([]);
  });

  it('flags unbalanced and empty braces', () => {
    expect(validateTemplate('您好{买家')[0]?.message).toContain('没有配对');
    expect(validateTemplate('您好}')[0]?.message).toContain('多余');
    expect(validateTemplate('{}')[0]?.message).toContain('变量名不能为空');
    expect(validateTemplate('{买{家}}').length).toBeGreaterThan(0);
  });
});
