import { normalizeRemarkText, parseRemarkDate, shanghaiDateParts } from './compose';
import type { RemarkTemplate, RemarkTemplateField } from './schema';
import { parseTemplatePattern } from './template-pattern';
import type { SemanticFlag } from './vocabulary';

/**
 * Remark templates for the seeds' cases, as plain data (leads edit them, packs ship them).
 * Each produces the `content` part of `接待客服姓名 客户要求或我们的承诺 接待日期`; composeRemark
 * adds the agent and the date. Bodies avoid spaces because spaces separate the three parts.
 */
export const DEFAULT_REMARK_TEMPLATES = [
  {
    id: 'gift',
    title: '赠品',
    titleEn: 'Gift promised',
    description: '答应送的赠品，提醒仓库发货时放进去。',
    fields: [
      {
        name: 'gift',
        label: '赠品',
        kind: 'text',
        required: true,
        maxLength: 30,
        hint: '如：试用装、同款袜子',
      },
      { name: 'quantity', label: '数量', kind: 'number', decimals: 0, min: 1, max: 99, unit: '份' },
    ],
    body: '送{gift}[{quantity}份]',
    suggestedFlag: 'ship-attention',
  },
  {
    id: 'courier',
    title: '指定快递',
    titleEn: 'Courier requested',
    description: '买家要求的快递，只在店铺能发时答应（切记盲目承诺）。',
    fields: [
      {
        name: 'courier',
        label: '快递',
        kind: 'select',
        required: true,
        options: ['顺丰', '中通', '圆通', '申通', '韵达', '极兔', '邮政', 'EMS', '京东'],
        allowCustom: true,
      },
    ],
    body: '发{courier}',
    suggestedFlag: 'ship-attention',
  },
  {
    id: 'exchange',
    title: '换货',
    titleEn: 'Exchange',
    description: '记下换哪款、为什么换（好算差价和运费），买家寄回后补上单号，仓库发出后补换货单号。',
    fields: [
      {
        name: 'reason',
        label: '换货原因',
        kind: 'select',
        required: true,
        options: ['尺码不合适', '款式不喜欢', '颜色不喜欢', '质量问题', '发错货'],
        allowCustom: true,
      },
      { name: 'from', label: '原款式/尺码', kind: 'text', maxLength: 30 },
      { name: 'to', label: '换成', kind: 'text', required: true, maxLength: 30, hint: '如：黑色L码' },
      { name: 'priceDiff', label: '差价', kind: 'text', maxLength: 20, hint: '如：买家补10元' },
      { name: 'buyerTrackingNo', label: '买家寄回单号', kind: 'text', maxLength: 40 },
      { name: 'resendTrackingNo', label: '换货发出单号', kind: 'text', maxLength: 40 },
    ],
    body: '换货：[{from}→]{to}，{reason}[，差价{priceDiff}][，寄回单号{buyerTrackingNo}][，换货单号{resendTrackingNo}]',
    suggestedFlag: 'exchange',
  },
  {
    id: 'return',
    title: '退货',
    titleEn: 'Return',
    description: '退款申请上的原因（七天无理由或质量问题）、真实原因（用于退货原因汇总）和退货单号。',
    fields: [
      {
        name: 'refundReason',
        label: '申请原因',
        kind: 'select',
        required: true,
        options: ['七天无理由', '质量问题'],
      },
      { name: 'realReason', label: '真实原因', kind: 'text', maxLength: 30, hint: '如：偏大一码' },
      { name: 'refundYuan', label: '退款金额', kind: 'number', min: 0, decimals: 2, unit: '元' },
      { name: 'returnTrackingNo', label: '退货单号', kind: 'text', maxLength: 40 },
    ],
    body: '退货：{refundReason}[（{realReason}）][，退款{refundYuan}元][，退货单号{returnTrackingNo}]',
    suggestedFlag: 'return',
  },
  {
    id: 'shipping-refund-alipay',
    title: '垫付运费退支付宝',
    titleEn: "Refund buyer's shipping to Alipay",
    // The Alipay account is the buyer's personal data: it goes only into the remark the agent
    // writes on the platform. The extension keeps templates, never the values filled into them.
    description:
      '质量问题换/退货时买家垫付的运费，之后退到买家支付宝。支付宝账号属于买家个人信息，只写进这条备注，不要另存。',
    fields: [
      { name: 'alipay', label: '买家支付宝账号', kind: 'text', required: true, maxLength: 64 },
      { name: 'amount', label: '运费', kind: 'number', min: 0, decimals: 2, unit: '元' },
    ],
    body: '待退垫付运费[{amount}元]至支付宝{alipay}',
    suggestedFlag: 'follow-up',
  },
  {
    id: 'extend-receipt',
    title: '延长收货',
    titleEn: 'Receipt extended',
    description: '换货或物流慢时延长了买家的确认收货时间。',
    fields: [
      {
        name: 'days',
        label: '延长天数',
        kind: 'number',
        required: true,
        decimals: 0,
        min: 1,
        max: 30,
        unit: '天',
      },
      {
        name: 'reason',
        label: '原因',
        kind: 'select',
        options: ['换货中', '物流延误', '买家要求'],
        allowCustom: true,
      },
    ],
    body: '已延长收货{days}天[，{reason}]',
    suggestedFlag: 'follow-up',
  },
  {
    id: 'problem',
    title: '问题件',
    titleEn: 'Problem order',
    description: '破损、少件、错发等：写清问题，请买家拍照或录视频。',
    fields: [
      {
        name: 'problem',
        label: '问题',
        kind: 'select',
        required: true,
        options: ['破损', '少件', '错发', '质量问题', '物流异常', '地址有误'],
        allowCustom: true,
      },
      { name: 'detail', label: '说明', kind: 'text', maxLength: 40, hint: '如：外箱压坏，买家已拍照' },
    ],
    body: '问题件：{problem}[，{detail}]',
    suggestedFlag: 'problem',
  },
  {
    id: 'follow-up',
    title: '待跟进',
    titleEn: 'Follow-up',
    description: '答应了后续要做的事：写清做什么、什么时候前，自己跟进，不留给换班同事。',
    fields: [
      { name: 'what', label: '跟进事项', kind: 'text', required: true, maxLength: 40 },
      { name: 'due', label: '跟进日期', kind: 'date' },
    ],
    body: '待跟进：{what}[，{due}前]',
    suggestedFlag: 'follow-up',
  },
] as const satisfies readonly RemarkTemplate[];

export type DefaultRemarkTemplateId = (typeof DEFAULT_REMARK_TEMPLATES)[number]['id'];

/** What the composer may pass for a field; blank strings, null and undefined mean "not filled". */
export type RemarkTemplateValue = string | number | Date | null | undefined;

export type FillRemarkTemplateResult =
  | { ok: true; content: string; suggestedFlag?: SemanticFlag }
  | {
      ok: false;
      /** Keyed by field name; `_template` for a problem with the template itself or no content at all. */
      errors: Record<string, string>;
    };

type FieldOutcome = { value: string } | { error: string };

const FULL_WIDTH_NUMBER = /[０-９．－＋]/gu;

function isBlank(raw: RemarkTemplateValue): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && normalizeRemarkText(raw) === '');
}

function fillField(field: RemarkTemplateField, raw: RemarkTemplateValue): FieldOutcome {
  const label = `「${field.label}」`;
  if (isBlank(raw)) {
    const fallback = 'defaultValue' in field ? field.defaultValue : undefined;
    if (fallback !== undefined) raw = fallback;
    else return field.required ? { error: `请填写${label}` } : { value: '' };
  }

  switch (field.kind) {
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { error: `${label}必须是文字` };
      const text = normalizeRemarkText(String(raw));
      if (field.maxLength !== undefined && [...text].length > field.maxLength) {
        return { error: `${label}不能超过 ${field.maxLength} 个字` };
      }
      return { value: text };
    }
    case 'number': {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string') {
        // A Chinese IME often types full-width digits (１０): read them as the digits they are.
        const text = raw
          .replace(FULL_WIDTH_NUMBER, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
          .trim();
        if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/u.test(text)) return { error: `${label}必须是数字` };
        n = Number(text);
      } else return { error: `${label}必须是数字` };
      if (!Number.isFinite(n)) return { error: `${label}必须是数字` };
      if (field.decimals !== undefined) {
        const scaled = n * 10 ** field.decimals;
        if (Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, Math.abs(scaled))) {
          return {
            error: field.decimals === 0 ? `${label}必须是整数` : `${label}最多 ${field.decimals} 位小数`,
          };
        }
      }
      if (field.min !== undefined && n < field.min) return { error: `${label}不能小于 ${field.min}` };
      if (field.max !== undefined && n > field.max) return { error: `${label}不能大于 ${field.max}` };
      const shown = field.decimals === undefined ? n : Number(n.toFixed(field.decimals));
      return { value: String(shown) };
    }
    case 'date': {
      const parsed = parseRemarkDate(raw, label);
      if (!parsed.ok) return { error: parsed.message };
      const { year, month, day } = shanghaiDateParts(parsed.epochMs);
      return { value: `${year}.${month}.${day}` };
    }
    case 'select': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { error: `${label}必须是文字` };
      const choice = normalizeRemarkText(String(raw));
      if (!field.options.includes(choice) && !field.allowCustom) {
        return { error: `${label}请从选项中选择：${field.options.join('、')}` };
      }
      return { value: choice };
    }
  }
}

/**
 * Fills a template's body with the agent's values. Returns the `content` part of the remark,
 * or Chinese errors keyed by field name. Optional groups `[ … ]` drop when a field inside is empty.
 */
export function fillRemarkTemplate(
  template: RemarkTemplate,
  values: Readonly<Record<string, RemarkTemplateValue>>,
): FillRemarkTemplateResult {
  const parsed = parseTemplatePattern(template.body);
  if (!parsed.ok) return { ok: false, errors: { _template: `模板内容有误：${parsed.error}` } };

  const errors: Record<string, string> = {};
  const filled = new Map<string, string>();
  for (const field of template.fields) {
    const outcome = fillField(field, Object.hasOwn(values, field.name) ? values[field.name] : undefined);
    if ('error' in outcome) errors[field.name] = outcome.error;
    else filled.set(field.name, outcome.value);
  }

  const valueOf = (name: string): string | undefined => {
    if (!template.fields.some((f) => f.name === name)) {
      errors[name] ??= `模板内容用到了未定义的字段「${name}」`;
      return undefined;
    }
    return filled.get(name);
  };

  let content = '';
  for (const token of parsed.tokens) {
    if (token.type === 'text') content += token.text;
    else if (token.type === 'field') content += valueOf(token.name) ?? '';
    else {
      let part = '';
      let complete = true;
      for (const piece of token.parts) {
        if (piece.type === 'text') part += piece.text;
        else {
          const value = valueOf(piece.name);
          if (!value) complete = false;
          else part += value;
        }
      }
      if (complete) content += part;
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  content = normalizeRemarkText(content);
  if (!content) return { ok: false, errors: { _template: '请至少填写一项' } };
  return template.suggestedFlag === undefined
    ? { ok: true, content }
    : { ok: true, content, suggestedFlag: template.suggestedFlag };
}

/** Finds a template by id in a list (the defaults unless a lead's list is given). */
export function findRemarkTemplate(
  id: string,
  templates: readonly RemarkTemplate[] = DEFAULT_REMARK_TEMPLATES,
): RemarkTemplate | undefined {
  return templates.find((template) => template.id === id);
}
