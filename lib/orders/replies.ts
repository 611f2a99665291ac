import {
  formatYuan,
  type Eligibility,
  type ReturnCheckResult,
  type ReturnKind,
  type ReturnReason,
} from '../returns';

/**
 * Replies to the buyer that go with a return/exchange verdict, as data in one place so a lead
 * can reword them. Warm and short, in the seeds' voice (「抱歉亲，宝贝没有让您满意！」), never a
 * promise the shop has not made: the amounts and dates come from the check.
 *
 * Placeholders: {lastMoment} 截止时刻, {refund} 应退金额, {payer} 运费谁出.
 */
export interface ReplyTemplate {
  kind: ReturnKind;
  reason: ReturnReason;
  eligible: Eligibility;
  text: string;
}

export const REPLY_TEMPLATES: readonly ReplyTemplate[] = [
  {
    kind: 'return',
    reason: 'no_reason',
    eligible: 'yes',
    text: '亲，抱歉宝贝没有让您满意！您的订单还在七天无理由退货期内（{lastMoment} 前申请都可以），请在订单页申请退货，原因选「七天无理由退换货」。审核后我们会把退货地址发给您，{payer}，收到货验好后尽快为您退款{refund}～',
  },
  {
    kind: 'return',
    reason: 'quality',
    eligible: 'yes',
    text: '亲，非常抱歉给您添麻烦了！麻烦先拍几张照片或一段视频给我们看看问题在哪里。核实后为您全额退款{refund}，退回的运费由我们承担，您垫付的运费我们会退到您的支付宝～',
  },
  {
    kind: 'exchange',
    reason: 'no_reason',
    eligible: 'yes',
    text: '亲，可以换的～请告诉我们想换哪一款（颜色/尺码），我们把换货地址和注意事项发给您。请保持商品和吊牌、包装完好，{payer}，寄出后告诉我们单号，收到后马上给您换新发出！',
  },
  {
    kind: 'exchange',
    reason: 'quality',
    eligible: 'yes',
    text: '亲，非常抱歉！麻烦拍照或录个视频给我们看看问题，确认后马上为您换新，来回运费由我们承担，您先垫付的运费我们会退到您的支付宝～',
  },
  {
    kind: 'return',
    reason: 'no_reason',
    eligible: 'flexible',
    text: '亲，您的订单已经超过七天无理由退货的时间了，不过您别着急，我这边帮您申请特殊处理，请稍等，有结果马上回复您～',
  },
  {
    kind: 'return',
    reason: 'quality',
    eligible: 'flexible',
    text: '亲，非常抱歉给您添麻烦了！麻烦先拍照或录个视频给我们看看问题，我这边马上帮您申请处理，有结果第一时间告诉您～',
  },
  {
    kind: 'exchange',
    reason: 'no_reason',
    eligible: 'flexible',
    text: '亲，订单已经过了七天无理由换货的时间，不过我先帮您申请一下，请稍等，有结果马上回复您～',
  },
  {
    kind: 'exchange',
    reason: 'quality',
    eligible: 'flexible',
    text: '亲，非常抱歉！麻烦拍照或录个视频给我们看看问题，我马上帮您申请换货或维修，有结果第一时间告诉您～',
  },
  {
    kind: 'return',
    reason: 'no_reason',
    eligible: 'no',
    text: '亲，非常理解您的心情～不过这件商品已经不符合七天无理由退货的条件了（{why}），实在抱歉。如果使用上有任何问题，随时告诉我，我尽力帮您想办法！',
  },
  {
    kind: 'return',
    reason: 'quality',
    eligible: 'no',
    text: '亲，非常抱歉给您添麻烦了！麻烦拍照或录个视频给我们看看问题，我帮您看看还有什么办法处理，一定给您一个满意的答复～',
  },
  {
    kind: 'exchange',
    reason: 'no_reason',
    eligible: 'no',
    text: '亲，非常理解～不过这件商品已经不符合七天无理由换货的条件了（{why}），实在抱歉。有其他需要随时找我，我尽力帮您！',
  },
  {
    kind: 'exchange',
    reason: 'quality',
    eligible: 'no',
    text: '亲，非常抱歉！麻烦拍照或录个视频给我们看看问题，我帮您看看怎么处理最好，一定给您一个满意的答复～',
  },
];

/** Added after the main reply when the order has 运费险 and the case goes ahead. */
export const INSURANCE_REPLY = '您的订单有运费险，寄回后记得在售后页面填写退货单号，运费险会自动理赔哦～';

const PAYER_TEXT = {
  buyer: '寄回运费需要您先承担',
  seller: '寄回运费由我们承担',
  split: '来回运费我们各出一半',
} as const;

/** How a refusal is explained to the buyer, by the rule that decided it (rule ids from lib/returns). */
export const REFUSAL_REASONS: Readonly<Record<string, string>> = {
  T3: '这类商品依法不适用七天无理由',
  T4: '您下单时已确认这件商品不适用七天无理由',
  T5: '这类交易不适用七天无理由',
  T7: '商品已拆封使用或缺件，影响二次销售',
};

function refusalWhy(result: ReturnCheckResult): string {
  const deciding = result.explanations.filter((e) => e.role === 'decided').map((e) => e.ruleId);
  const condition = deciding.find((id) => REFUSAL_REASONS[id]);
  if (condition) return REFUSAL_REASONS[condition]!;
  if (result.remainingMs < 0) return `已过${result.window.label}期限`;
  return '不在退换范围内';
}

/** The reply that goes with a check, ready to paste into the chat. */
export function buyerReply(
  result: ReturnCheckResult,
  input: { kind: ReturnKind; reason: ReturnReason; shippingInsurance?: string | undefined },
): string {
  const template =
    REPLY_TEMPLATES.find(
      (t) => t.kind === input.kind && t.reason === input.reason && t.eligible === result.eligible,
    ) ?? REPLY_TEMPLATES[0]!;
  const values: Record<string, string> = {
    lastMoment: result.lastMomentText.slice(0, 16),
    refund: result.refundFen === undefined ? '' : ` ${formatYuan(result.refundFen)}`,
    payer: PAYER_TEXT[result.returnShippingPayer],
    why: refusalWhy(result),
  };
  let text = template.text.replace(/\{(\w+)\}/gu, (_, key: string) => values[key] ?? '');
  const insured = input.shippingInsurance === 'buyer' || input.shippingInsurance === 'seller';
  if (insured && result.eligible !== 'no') text += INSURANCE_REPLY;
  return text;
}
