import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMARK_TEMPLATES,
  composeRemark,
  fillRemarkTemplate,
  findRemarkTemplate,
  joinRemarkContents,
  parseTemplatePattern,
  remarkTemplateListSchema,
  remarkTemplateSchema,
  type RemarkTemplate,
} from '../../../lib/remarks';

function template(id: string): RemarkTemplate {
  const found = findRemarkTemplate(id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
}

function content(id: string, values: Record<string, string | number | Date | undefined>): string {
  const result = fillRemarkTemplate(template(id), values);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.content;
}

function errors(id: string, values: Record<string, string | number | Date | undefined>) {
  const result = fillRemarkTemplate(template(id), values);
  return result.ok ? undefined : result.errors;
}

describe('default templates', () => {
  it('cover the seeds’ cases and are valid, pack-shippable data', () => {
    expect(DEFAULT_REMARK_TEMPLATES.map((t) => t.id)).toEqual([
      'gift',
      'courier',
      'exchange',
      'return',
      'shipping-refund-alipay',
      'extend-receipt',
      'problem',
      'follow-up',
    ]);
    const viaJson = JSON.parse(JSON.stringify(DEFAULT_REMARK_TEMPLATES));
    expect(remarkTemplateListSchema.parse(viaJson)).toEqual(viaJson);
  });

  it('reproduce the seeds’ example remark from two templates', () => {
    const promise = joinRemarkContents(
      [content('gift', { gift: '某某礼物一份' }), content('courier', { courier: '申通' })],
      ',',
    );
    expect(composeRemark({ agent: '蔡蔡', content: promise, date: '2014-08-20' })).toBe(
      '蔡蔡 送某某礼物一份,发申通 2014.8.20',
    );
  });

  it('suggest a flag with the content', () => {
    expect(fillRemarkTemplate(template('exchange'), { to: '黑色L码', reason: '尺码不合适' })).toEqual({
      ok: true,
      content: '换货：黑色L码，尺码不合适',
      suggestedFlag: 'exchange',
    });
  });
});

describe('fillRemarkTemplate', () => {
  it('drops optional groups whose fields are empty', () => {
    expect(content('gift', { gift: '试用装' })).toBe('送试用装');
    expect(content('gift', { gift: '试用装', quantity: 2 })).toBe('送试用装2份');
    expect(
      content('exchange', {
        from: '黑色M码',
        to: '黑色L码',
        reason: '尺码不合适',
        priceDiff: '',
        buyerTrackingNo: 'SF1234567890',
        resendTrackingNo: '  ',
      }),
    ).toBe('换货：黑色M码→黑色L码，尺码不合适，寄回单号SF1234567890');
    expect(
      content('return', {
        refundReason: '七天无理由',
        realReason: '偏大一码',
        refundYuan: '89.5',
        returnTrackingNo: 'YT88',
      }),
    ).toBe('退货：七天无理由（偏大一码），退款89.5元，退货单号YT88');
    expect(content('problem', { problem: '破损', detail: '外箱压坏,\n买家已拍照' })).toBe(
      '问题件：破损，外箱压坏, 买家已拍照',
    );
  });

  it('formats date fields as YYYY.M.D in Shanghai', () => {
    expect(content('follow-up', { what: '补发袜子', due: '2014-08-24T17:00:00Z' })).toBe(
      '待跟进：补发袜子，2014.8.25前',
    );
    expect(content('follow-up', { what: '补发袜子', due: new Date('2014-08-25T09:00:00+08:00') })).toBe(
      '待跟进：补发袜子，2014.8.25前',
    );
    expect(content('follow-up', { what: '补发袜子' })).toBe('待跟进：补发袜子');
  });

  it('keeps the buyer’s Alipay account only in the filled content', () => {
    expect(content('shipping-refund-alipay', { alipay: 'buyer@example.com', amount: '１２' })).toBe(
      '待退垫付运费12元至支付宝buyer@example.com',
    );
    expect(JSON.stringify(template('shipping-refund-alipay'))).not.toContain('example.com');
  });

  it('accepts custom select values only where allowed', () => {
    expect(content('courier', { courier: '德邦' })).toBe('发德邦');
    expect(errors('return', { refundReason: '不想要了' })).toEqual({
      refundReason: '「申请原因」请从选项中选择：七天无理由、质量问题',
    });
  });

  it('returns Chinese errors keyed by field', () => {
    expect(errors('courier', {})).toEqual({ courier: '请填写「快递」' });
    expect(errors('extend-receipt', { days: '3.5' })).toEqual({ days: '「延长天数」必须是整数' });
    expect(errors('extend-receipt', { days: 0 })).toEqual({ days: '「延长天数」不能小于 1' });
    expect(errors('extend-receipt', { days: 31 })).toEqual({ days: '「延长天数」不能大于 30' });
    expect(errors('extend-receipt', { days: '三天' })).toEqual({ days: '「延长天数」必须是数字' });
    expect(errors('return', { refundReason: '七天无理由', refundYuan: '12.345' })).toEqual({
      refundYuan: '「退款金额」最多 2 位小数',
    });
    expect(errors('follow-up', { what: '回电', due: '2014-02-30' })).toEqual({
      due: '「跟进日期」「2014-02-30」无法识别，请用 2014-08-20、2014.8.20 或带时区的 ISO 时间',
    });
    expect(errors('gift', { gift: '礼'.repeat(31), quantity: -1 })).toEqual({
      gift: '「赠品」不能超过 30 个字',
      quantity: '「数量」不能小于 1',
    });
    expect(errors('exchange', { from: 'M' })).toEqual({ reason: '请填写「换货原因」', to: '请填写「换成」' });
  });

  it('reads full-width digits typed with a Chinese IME', () => {
    expect(content('extend-receipt', { days: '７', reason: '换货中' })).toBe('已延长收货7天，换货中');
  });

  it('uses default values and ignores values for unknown fields', () => {
    const withDefault = remarkTemplateSchema.parse({
      id: 'shop:bag',
      title: '送购物袋',
      fields: [{ name: 'n', label: '数量', kind: 'number', defaultValue: 1 }],
      body: '送购物袋{n}个',
    });
    expect(fillRemarkTemplate(withDefault, { n: '', stray: 'x' })).toEqual({
      ok: true,
      content: '送购物袋1个',
    });
  });

  it('reports a template with nothing filled in', () => {
    const allOptional = remarkTemplateSchema.parse({
      id: 'note',
      title: '备注',
      fields: [{ name: 'text', label: '内容', kind: 'text' }],
      body: '[{text}]',
    });
    expect(fillRemarkTemplate(allOptional, {})).toEqual({
      ok: false,
      errors: { _template: '请至少填写一项' },
    });
  });
});

describe('remarkTemplateSchema', () => {
  const base = {
    id: 'x',
    title: '测试',
    fields: [{ name: 'a', label: '甲', kind: 'text', required: true }],
    body: '甲{a}',
  };
  const messages = (input: unknown) => {
    const result = remarkTemplateSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it('accepts a lead’s template, Chinese field names included', () => {
    expect(
      messages({
        ...base,
        fields: [{ name: '赠品', label: '赠品', kind: 'text', required: true }],
        body: '送{赠品}',
      }),
    ).toEqual([]);
  });

  it.each([
    [{ body: '甲{b}' }, '模板内容用到了未定义的字段「b」'],
    [{ body: '甲' }, '字段「甲」没有出现在模板内容里（用 {a} 引用）'],
    [{ body: '甲{a' }, '模板内容有误：第 2 个字符：「{」没有对应的「}」'],
    [{ body: '甲[{a}' }, '模板内容有误：「[」没有对应的「]」'],
    [{ body: '[甲[{a}]]' }, '模板内容有误：第 3 个字符：可选段「[ ]」不能嵌套'],
    [{ body: '{a}[甲]' }, '模板内容有误：第 6 个字符：可选段「[ ]」里至少要有一个字段'],
    [{ body: '{a}}' }, '模板内容有误：第 4 个字符：多余的「}」（要写这个符号请用 \\}）'],
    [
      { fields: [{ name: 'a', label: '甲', kind: 'text' }] },
      '选填字段「甲」要放在 [ ] 里，不填时整段省略；或者把它设为必填',
    ],
    [
      {
        fields: [
          { name: 'a', label: '甲', kind: 'text', required: true },
          { name: 'a', label: '乙', kind: 'text', required: true },
        ],
      },
      '字段名「a」重复',
    ],
    [
      { fields: [{ name: 'a', label: '甲', kind: 'select', required: true, options: [] }] },
      '下拉字段至少需要一个选项',
    ],
    [
      {
        fields: [
          { name: 'a', label: '甲', kind: 'select', required: true, options: ['x'], defaultValue: 'y' },
        ],
      },
      '「甲」的默认值不在选项里',
    ],
    [
      { fields: [{ name: 'a', label: '甲', kind: 'number', required: true, min: 5, max: 1 }] },
      '「甲」的最大值不能小于最小值',
    ],
    [
      { fields: [{ name: 'a', label: '甲', kind: 'colour', required: true }] },
      '字段类型（kind）只能是 text、number、date 或 select',
    ],
    [
      { suggestedFlag: 'fake-order' },
      '建议旗帜只能是：normal、ship-attention、problem、follow-up、exchange、return',
    ],
    [{ title: ' ' }, '模板标题不能为空'],
  ])('rejects %j', (patch, message) => {
    expect(messages({ ...base, ...patch })).toContain(message);
  });

  it('rejects duplicate template ids in a list', () => {
    const result = remarkTemplateListSchema.safeParse([base, base]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('模板 id「x」重复');
  });
});

describe('parseTemplatePattern', () => {
  it('lets a backslash write literal brackets', () => {
    const parsed = parseTemplatePattern('\\[加急\\]{a}\\{\\}\\\\');
    expect(parsed).toEqual({
      ok: true,
      tokens: [
        { type: 'text', text: '[加急]' },
        { type: 'field', name: 'a' },
        { type: 'text', text: '{}\\' },
      ],
    });
    const t = remarkTemplateSchema.parse({
      id: 'urgent',
      title: '加急',
      fields: [{ name: 'a', label: '甲', kind: 'text', required: true }],
      body: '【加急】\\[{a}\\]',
    });
    expect(fillRemarkTemplate(t, { a: '今天发' })).toEqual({ ok: true, content: '【加急】[今天发]' });
  });

  it('rejects a stray backslash', () => {
    expect(parseTemplatePattern('a\\b')).toEqual({
      ok: false,
      error: '第 2 个字符：反斜杠后面只能跟 { } [ ] 或 \\',
    });
  });
});
