import type { Platform } from '../sites/platforms';
import type { PolicyRuleId } from './policy';
import type { ReturnKind, ReturnReason, RuleId } from './rules';

/**
 * The seeds' after-sales procedure (shared/seeds/000_*.txt, 售后客服工作流程 e/f) as data:
 * the engine picks the steps that fit the case and fills the {placeholders}.
 */

export type Eligibility = 'yes' | 'no' | 'flexible';
export type FlagId = 'return' | 'exchange' | 'problem' | 'follow-up';
export type AnyRuleId = RuleId | PolicyRuleId;

/** Semantic flags (lib/remarks maps them to each platform's colours); default colours from the seeds. */
export const FLAG_LABELS: Record<FlagId, string> = {
  return: '退货（默认紫旗）',
  exchange: '换货（默认蓝旗）',
  problem: '问题件（默认黄旗）',
  'follow-up': '待跟进（默认绿旗）',
};

/** Shown for the {flag} of a refused no-reason case, whose flag stays as it is. */
export const NO_FLAG_CHANGE = '不用改（保留订单原来的旗帜）';

export type ChecklistCondition = 'insurance' | 'noInsurance' | 'receiptExtend' | 'autoConfirm';

export interface ChecklistStepDef {
  id: string;
  /** Placeholders: {window} {lastMoment} {status} {kind} {refund} {payer} {flag} {remark} {extendDays} {autoDays} {extendOnce} */
  text: string;
  ruleId?: AnyRuleId;
  kinds?: readonly ReturnKind[];
  reasons?: readonly ReturnReason[];
  platforms?: readonly Platform[];
  /** Default: ['yes', 'flexible'] (the case goes ahead). */
  eligible?: readonly Eligibility[];
  when?: ChecklistCondition;
}

const ALL: readonly Eligibility[] = ['yes', 'no', 'flexible'];

export const CHECKLIST_STEPS: readonly ChecklistStepDef[] = [
  { id: 'check-window', text: '查看签收时间：{window}，截止 {lastMoment}（{status}）。', eligible: ALL },
  {
    id: 'flexible',
    text: '不在常规条件内：灵活处理（看买家是否已评价、以往情况等），必要时请示主管，并把处理结果备注清楚。',
    eligible: ['flexible'],
  },
  {
    id: 'decline',
    text: '礼貌说明不能{kind}的原因（见下方依据），可建议其他解决办法；切记不要盲目承诺。',
    eligible: ['no'],
  },
  {
    id: 'ask-real-reason',
    text: '先说“抱歉亲，宝贝没有让您满意！”，了解真正的退货原因，可以建议换其合适的款。',
    kinds: ['return'],
    reasons: ['no_reason'],
  },
  {
    id: 'register-return-reason',
    text: '买家只愿意退的，登记《退货原因汇总表》，周会/月会汇总前三原因及占比。',
    kinds: ['return'],
  },
  { id: 'evidence', text: '了解是什么质量问题，请买家拍照或拍视频。', reasons: ['quality'] },
  {
    id: 'ask-alipay',
    text: '询问买家支付宝账号并备注后台，以便退还其垫付的运费。',
    kinds: ['return'],
    reasons: ['quality'],
  },
  {
    id: 'resale-check',
    text: '询问商品是否影响二次销售（吊牌、包装、使用痕迹），影响则不予换货。',
    kinds: ['exchange'],
    reasons: ['no_reason'],
  },
  {
    id: 'exchange-what',
    text: '了解换货原因和换哪款，算清差价与运费（{payer}），差价与买家支付宝备注清楚。',
    kinds: ['exchange'],
  },
  {
    id: 'apply-no-reason',
    text: '让买家在后台申请退款，退款原因必须选“七天无理由退换货”；核对退款金额：{refund}。',
    kinds: ['return'],
    reasons: ['no_reason'],
  },
  {
    id: 'apply-quality',
    text: '让买家在后台申请退款：原因选“七天无理由”最好，买家坚持可选“质量问题”；退款为全款：{refund}。',
    kinds: ['return'],
    reasons: ['quality'],
  },
  {
    id: 'send-return-address',
    text: '核实无误后同意退款，把退货地址和注意事项发给买家（不得指定快递，也不得要求到付）。',
    kinds: ['return'],
    ruleId: 'T12',
  },
  { id: 'send-exchange-address', text: '把准确的换货地址和换货注意事项发给买家。', kinds: ['exchange'] },
  {
    id: 'extend-receipt',
    text: '在后台为买家延长收货时间（可选 {extendDays} 天），以免换货期间订单自动确认收货。',
    kinds: ['exchange'],
    when: 'receiptExtend',
    ruleId: 'T22',
  },
  {
    id: 'auto-confirm',
    text: '抖店发货 {autoDays} 天后自动确认收货，买家可延长一次 {extendOnce} 天；自动确认不影响七天时限。',
    when: 'autoConfirm',
    ruleId: 'T22',
  },
  { id: 'remark-flag', text: '后台备注“{remark}”并标旗：{flag}。', eligible: ALL },
  {
    id: 'tracking',
    text: '可以加好友，请买家寄出后告知退回单号，客服备注到后台，方便第一时间处理。',
    when: 'noInsurance',
  },
  {
    id: 'tracking-insurance',
    text: '买家有运费险：寄出后必须在后台填写退回物流单号，否则无法理赔。',
    when: 'insurance',
    ruleId: 'T11',
  },
  {
    id: 'warehouse-return',
    text: '仓库收到退货验货无误后入库并登记《退货登记表》，当天（24 小时内）处理；最迟收到后 7 日内退款。',
    kinds: ['return'],
    ruleId: 'T13',
  },
  {
    id: 'refund-postage-return',
    text: '收到退货当天，把买家垫付的运费一并退到其支付宝。',
    kinds: ['return'],
    reasons: ['quality'],
  },
  {
    id: 'warehouse-exchange',
    text: '仓库收到买家寄回的商品后尽快换货，并在后台备注换货单号，以备查询。',
    kinds: ['exchange'],
  },
  {
    id: 'refund-postage-exchange',
    text: '买家收到换货后，把其垫付的运费退到支付宝。',
    kinds: ['exchange'],
    reasons: ['quality'],
  },
  { id: 'thank', text: '处理完后留言买家：辛苦查账，希望以后多多支持！', kinds: ['return'] },
];
