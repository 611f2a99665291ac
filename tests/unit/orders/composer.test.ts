import { describe, expect, it } from 'vitest';
import { buildComposerPreview, lengthUnitLabel, type ComposerInput } from '../../../lib/orders/composer';

// 2026-11-22 20:00 in Shanghai.
const NOW = Date.parse('2026-11-22T20:00:00+08:00');
const base: ComposerInput = {
  platform: 'taobao',
  existing: '',
  agent: '蔡蔡',
  now: NOW,
  content: { kind: 'free', text: '送杯刷一个，发申通' },
  flagChoice: 'auto',
};
const preview = (over: Partial<ComposerInput> = {}) => buildComposerPreview({ ...base, ...over });

describe('composer preview: the remark line and the merged text', () => {
  it("composes the seeds' line with the Shanghai date", () => {
    const p = preview();
    expect(p.ready).toBe(true);
    expect(p.addition).toBe('蔡蔡 送杯刷一个，发申通 2026.11.22');
    expect(p.merged.text).toBe('蔡蔡 送杯刷一个，发申通 2026.11.22');
  });

  it('keeps the existing remark and appends with the platform separator', () => {
    expect(preview({ existing: '阿杰 发顺丰 2026.11.20' }).merged.text).toBe(
      '阿杰 发顺丰 2026.11.20\n蔡蔡 送杯刷一个，发申通 2026.11.22',
    );
    expect(preview({ platform: 'jd', existing: '阿杰 发顺丰 2026.11.20' }).merged.text).toBe(
      '阿杰 发顺丰 2026.11.20；蔡蔡 送杯刷一个，发申通 2026.11.22',
    );
  });

  it('reports the Douyin 60-character limit without cutting anything', () => {
    const long = '买家要求改发顺丰并加急，另送一副耳机套和一根备用充电线，已确认地址不变';
    const p = preview({
      platform: 'douyin',
      existing: '阿杰 买家要求加急改发顺丰，已补差价 2026.11.20',
      content: { kind: 'free', text: long },
    });
    expect(p.merged.overLimit).toBe(true);
    expect(p.merged.limit).toBe(60);
    expect(p.merged.text.endsWith(`${long} 2026.11.22`)).toBe(true);
    expect(p.ready).toBe(true); // the agent may still fill after the warning
  });

  it('flags a second click on the same remark as a duplicate', () => {
    const line = '蔡蔡 送杯刷一个，发申通 2026.11.22';
    expect(preview({ existing: line }).merged.duplicate).toBe(true);
  });

  it('asks for the agent and the content, in Chinese', () => {
    const p = preview({ agent: ' ', content: { kind: 'free', text: '' } });
    expect(p.ready).toBe(false);
    expect(p.addition).toBeUndefined();
    expect(p.errors.agent).toContain('客服姓名');
    expect(p.errors.content).toBeDefined();
    expect(p.merged.text).toBe('');
  });

  it('fills a template and reports its own field errors instead of a vague "content" error', () => {
    const ok = preview({ content: { kind: 'template', templateId: 'courier', values: { courier: '顺丰' } } });
    expect(ok.addition).toBe('蔡蔡 发顺丰 2026.11.22');
    const bad = preview({ content: { kind: 'template', templateId: 'exchange', values: {} } });
    expect(bad.ready).toBe(false);
    expect(bad.errors.reason).toContain('换货原因');
    expect(bad.errors.content).toBeUndefined();
    expect(
      preview({ content: { kind: 'template', templateId: 'nope', values: {} } }).errors._template,
    ).toContain('nope');
  });
});

describe('composer preview: the flag', () => {
  it('follows the template suggestion and maps it to the platform code (Douyin differs)', () => {
    const content = {
      kind: 'template',
      templateId: 'return',
      values: { refundReason: '七天无理由' },
    } as const;
    expect(preview({ content }).flag).toBe('return');
    expect(preview({ content }).flagCode).toBe(5);
    expect(preview({ platform: 'douyin', content }).flagCode).toBe(1);
  });

  it('Douyin has no blue: exchange goes to cyan 2, with a note', () => {
    const p = preview({ platform: 'douyin', flagChoice: 'exchange' });
    expect(p.flagCode).toBe(2);
    expect(p.resolved?.shownColour).toBe('cyan');
    expect(p.flagNote).toContain('青');
  });

  it('Pinduoduo "normal" clears the tag (code 0 to the adapter)', () => {
    expect(preview({ platform: 'pdd', flagChoice: 'normal' }).flagCode).toBe(0);
  });

  it('free text suggests nothing; keep leaves the flag alone', () => {
    expect(preview().flag).toBeNull();
    expect(preview().flagCode).toBeUndefined();
    expect(
      preview({
        flagChoice: 'keep',
        content: { kind: 'template', templateId: 'gift', values: { gift: '杯刷' } },
      }).flag,
    ).toBeNull();
  });

  it('a return check drives the suggestion; a stronger current flag is kept', () => {
    const returnCheck = { kind: 'return', reason: 'no_reason', eligible: 'yes' } as const;
    expect(preview({ returnCheck }).flag).toBe('return');
    // Current purple (5) = 退货 already: nothing to change.
    expect(preview({ returnCheck, currentFlagCode: 5 }).flag).toBeNull();
    expect(preview({ returnCheck, currentFlagCode: 5 }).currentFlag).toBe('return');
    // A refused no-reason request changes no flag.
    expect(preview({ returnCheck: { ...returnCheck, eligible: 'no' } }).flag).toBeNull();
  });
});

it('names the unit the platform counts in', () => {
  expect(lengthUnitLabel('utf8-bytes')).toBe('字节');
  expect(lengthUnitLabel('utf16')).toBe('字');
});
