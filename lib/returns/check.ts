import { suggestFlagForReturnCheck } from '../remarks/suggest';
import { PLATFORM_LABELS, type Platform } from '../sites/platforms';
import {
  CHECKLIST_STEPS,
  FLAG_LABELS,
  NO_FLAG_CHANGE,
  type AnyRuleId,
  type ChecklistCondition,
  type Eligibility,
  type FlagId,
} from './checklist';
import { holidayNoteForLastDay, holidayYearCovered } from './holidays';
import type { NormalizedReturnInput } from './input';
import { POLICY_RULES, type PolicyRuleId, type ShopPolicy } from './policy';
import {
  CATEGORIES,
  DEFAULT_WINDOWS,
  LEGAL_FLOOR_WINDOW_ID,
  PLATFORM_RULES,
  RULES,
  ruleSourceText,
  type CategoryDef,
  type RuleId,
  type WindowDef,
} from './rules';
import {
  DAY_MS,
  HOUR_MS,
  addMonthsToDay,
  formatDayZh,
  formatShanghaiIso,
  formatShanghaiText,
  shanghaiDayNumber,
  startOfShanghaiDay,
} from './time';

export type ShippingPayer = 'buyer' | 'seller' | 'split';

export interface ReturnExplanation {
  ruleId: AnyRuleId;
  title: string;
  /** The rule in plain Chinese. */
  text: string;
  /** How it applies to this case, when there is something specific to say. */
  detail?: string;
  /** Short source name + article, e.g. `《七日无理由退货暂行办法》第10条`, or `店铺政策`. */
  source: string;
  /** When the rule was last checked (shop policy: the policy's own date, if set). */
  asOf?: string;
  /** 'decided': listed in `rules`; 'info': an obligation or note that did not change the outcome. */
  role: 'decided' | 'info';
}

export interface RefundLine {
  label: string;
  /** Signed: deductions are negative; the lines add up to refundFen. */
  fen: number;
  ruleId?: AnyRuleId;
}

export interface ChecklistItem {
  id: string;
  text: string;
  ruleId?: AnyRuleId;
}

export interface ReturnWindowInfo {
  id: string;
  label: string;
  ruleId: AnyRuleId;
  unit: 'day' | 'hour';
  length: number;
}

export interface ReturnCheckResult {
  eligible: Eligibility;
  /** Exclusive end of the deciding window, ISO-8601 with +08:00. */
  deadline: string;
  refundFen?: number;
  returnShippingPayer: ShippingPayer;
  /** Rule ids (T…, P-…) that decided the outcome. */
  rules: AnyRuleId[];
  explanations: ReturnExplanation[];
  refundBreakdown: RefundLine[];
  notes: string[];
  checklist: ChecklistItem[];
  /** Same as lib/remarks' suggestFlagForReturnCheck; null: leave the order's flag as it is. */
  suggestedFlag: FlagId | null;
  // Extra fields for the UI.
  deadlineMs: number;
  /** `2026-03-08 23:59:59`: the last whole second inside the window, Beijing time. */
  lastMomentText: string;
  /** deadline − now; negative once the window has passed. */
  remainingMs: number;
  window: ReturnWindowInfo;
  /** End of the statutory 7 days when a shorter platform window applied (T1/T14 floor). */
  legalFloorDeadline?: string;
  /** End of the shop's grace period (P-grace), when it applied. */
  graceUntil?: string;
  /** One line for the panel header. */
  summary: string;
  /** Content for the order remark (lib/remarks adds agent and date). */
  remarkContent: string;
}

type ActiveWindow = Omit<WindowDef, 'ruleId'> & { ruleId: AnyRuleId; tier: number };

const KIND_ZH = { return: '退货', exchange: '换货' } as const;
const REASON_ZH = { no_reason: '七天无理由', quality: '质量问题' } as const;
const PAYER_ZH: Record<ShippingPayer, string> = {
  buyer: '运费由买家承担',
  seller: '运费由卖家承担',
  split: '运费买卖双方各出一半',
};
const VERDICT_ORDER: Record<Eligibility, number> = { no: 0, flexible: 1, yes: 2 };
const worse = (a: Eligibility, b: Eligibility): Eligibility => (VERDICT_ORDER[a] <= VERDICT_ORDER[b] ? a : b);

export const formatYuan = (fen: number): string =>
  `${fen < 0 ? '-' : ''}¥${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

/** Collects decided/info rules and notes, deduplicated, in the order they were met. */
class Trail {
  private readonly items = new Map<AnyRuleId, { role: 'decided' | 'info'; details: string[] }>();
  readonly notes: string[] = [];
  constructor(
    private readonly policy: ShopPolicy,
    private readonly platform: Platform,
  ) {}

  decided(id: AnyRuleId, detail?: string): void {
    this.add(id, 'decided', detail);
  }
  info(id: AnyRuleId, detail?: string): void {
    this.add(id, 'info', detail);
  }
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
  private add(id: AnyRuleId, role: 'decided' | 'info', detail?: string): void {
    const item = this.items.get(id) ?? { role, details: [] };
    if (role === 'decided') item.role = 'decided';
    if (detail && !item.details.includes(detail)) item.details.push(detail);
    this.items.set(id, item);
  }
  /** Moves decided rules to info (their decision was overridden by a stronger one). */
  demote(ids: Iterable<AnyRuleId>): void {
    for (const id of ids) {
      const item = this.items.get(id);
      if (item) item.role = 'info';
    }
  }
  rules(): AnyRuleId[] {
    return [...this.items].filter(([, v]) => v.role === 'decided').map(([id]) => id);
  }
  /** Deciding rules first (in the order they were met), then the informational ones. */
  explanations(): ReturnExplanation[] {
    const ordered = [...this.items].sort(([, a], [, b]) =>
      a.role === b.role ? 0 : a.role === 'decided' ? -1 : 1,
    );
    return ordered.map(([id, v]) => {
      const base = id.startsWith('P-')
        ? {
            title: POLICY_RULES[id as PolicyRuleId].title,
            text: POLICY_RULES[id as PolicyRuleId].text,
            source: '店铺政策',
            asOf: this.policy.asOf,
          }
        : {
            title: RULES[id as RuleId].title,
            text: RULES[id as RuleId].text,
            source: ruleSourceText(id as RuleId, this.platform),
            asOf: RULES[id as RuleId].asOf,
          };
      const explanation: ReturnExplanation = { ruleId: id, ...base, role: v.role };
      if (v.details.length > 0) explanation.detail = v.details.join(' ');
      if (explanation.asOf === undefined) delete explanation.asOf;
      return explanation;
    });
  }
}

function windowEnd(w: { unit: 'day' | 'hour'; length: number }, signedAtMs: number): number {
  return w.unit === 'day'
    ? startOfShanghaiDay(shanghaiDayNumber(signedAtMs) + 1 + w.length)
    : signedAtMs + w.length * HOUR_MS;
}

function windowMatches(w: WindowDef, v: NormalizedReturnInput, allergyClaim: boolean): boolean {
  if (w.platforms && !w.platforms.includes(v.platform)) return false;
  if (w.kinds && !w.kinds.includes(v.kind)) return false;
  if (w.reasons && !w.reasons.includes(v.reason)) return false;
  if (w.defectTypes && !(v.defectType && w.defectTypes.includes(v.defectType))) return false;
  if (w.allergy && !allergyClaim) return false;
  return true;
}

/**
 * The deciding window: windows tied to a specific claim (allergy, defect type) beat category
 * windows, which beat the defaults; within a tier the latest end wins (the buyer gets the more
 * generous of a platform rule and a shop promise).
 */
function selectWindow(v: NormalizedReturnInput, cat: CategoryDef, policy: ShopPolicy, allergyClaim: boolean) {
  const candidates: ActiveWindow[] = [];
  for (const w of cat.windows ?? []) {
    if (windowMatches(w, v, allergyClaim))
      candidates.push({ ...w, tier: w.allergy || w.defectTypes ? 2 : 1 });
  }
  for (const w of DEFAULT_WINDOWS) if (windowMatches(w, v, allergyClaim)) candidates.push({ ...w, tier: 0 });
  if (allergyClaim && policy.allergyReturnDays) {
    candidates.push({
      id: 'policy-allergy',
      ruleId: 'P-allergy',
      label: `本店过敏包退 ${policy.allergyReturnDays} 天`,
      unit: 'day',
      length: policy.allergyReturnDays,
      allergy: true,
      afterExpiry: 'no',
      tier: 2,
    });
  }
  const top = Math.max(...candidates.map((c) => c.tier));
  let chosen = candidates
    .filter((c) => c.tier === top)
    .reduce((a, b) => (windowEnd(b, v.signedAtMs) > windowEnd(a, v.signedAtMs) ? b : a));
  if (
    v.reason === 'no_reason' &&
    policy.noReasonDays &&
    chosen.tier < 2 &&
    windowEnd({ unit: 'day', length: policy.noReasonDays }, v.signedAtMs) > windowEnd(chosen, v.signedAtMs)
  ) {
    chosen = {
      id: 'policy-no-reason-days',
      ruleId: 'P-no-reason-days',
      label: `本店 ${policy.noReasonDays} 天无理由退换`,
      unit: 'day',
      length: policy.noReasonDays,
      tier: chosen.tier,
    };
  }
  return chosen;
}

function windowLengthText(w: { unit: 'day' | 'hour'; length: number }): string {
  return w.unit === 'day' ? `${w.length} 天（签收次日 0 点起算）` : `${w.length} 小时（从签收时刻起算）`;
}

/** The engine proper; input already validated (see index.ts for the public entry points). */
/** `flagLabels`: how the checklist names each flag; the team's legend can move the colours. */
export function evaluateReturn(
  v: NormalizedReturnInput,
  policy: ShopPolicy,
  flagLabels: Readonly<Record<FlagId, string>> = FLAG_LABELS,
): ReturnCheckResult {
  const trail = new Trail(policy, v.platform);
  const cat: CategoryDef = CATEGORIES[v.category];
  const plat = PLATFORM_RULES[v.platform];
  const allergyClaim = v.allergy === true && cat.allergyClaims === true;

  // 1. The time window.
  const w = selectWindow(v, cat, policy, allergyClaim);
  // Only an allergy window (platform rule or shop promise) changes how an allergy is handled.
  const allergyCovered = w.allergy === true;
  if (v.allergy && !allergyCovered) {
    trail.note(
      allergyClaim
        ? `没有适用的过敏包退规则或店铺承诺，按所选原因（${REASON_ZH[v.reason]}）处理。`
        : `“${cat.label}”没有过敏退货的专门规则，按所选原因（${REASON_ZH[v.reason]}）处理。`,
    );
  }
  const deadlineMs = windowEnd(w, v.signedAtMs);
  const windowRules: AnyRuleId[] = [w.ruleId];
  let timeVerdict: Eligibility;
  let legalFloorMs: number | undefined;
  let graceUntilMs: number | undefined;
  const until = `截止 ${formatShanghaiText(deadlineMs - 1000)}`;
  if (v.nowMs < deadlineMs) {
    timeVerdict = 'yes';
    trail.decided(w.ruleId, `${w.label}：${windowLengthText(w)}，${until}，仍在时限内。`);
  } else {
    const afterExpiry = w.afterExpiry ?? (v.reason === 'quality' ? 'flexible' : 'no');
    trail.decided(w.ruleId, `${w.label}：${windowLengthText(w)}，${until}，已超过。`);
    const floor = DEFAULT_WINDOWS.find((d) => d.id === LEGAL_FLOOR_WINDOW_ID[v.reason]);
    const floorEnd = floor ? windowEnd(floor, v.signedAtMs) : deadlineMs;
    let lastEnd = deadlineMs;
    if (floor && w.legalFloor !== false && !w.allergy && floorEnd > deadlineMs) {
      legalFloorMs = floorEnd;
      lastEnd = floorEnd;
    }
    if (legalFloorMs !== undefined && v.nowMs < legalFloorMs && floor) {
      timeVerdict = 'flexible';
      windowRules.push(floor.ruleId);
      trail.decided(
        floor.ruleId,
        `平台时限较短，但法定 7 天（至 ${formatShanghaiText(legalFloorMs - 1000)}）尚未届满：买家坚持的，建议按法律受理。`,
      );
    } else if (afterExpiry === 'flexible') {
      timeVerdict = 'flexible';
      if (v.reason === 'quality') {
        trail.decided(
          'T14',
          '已过 7 日：符合法定解除合同条件的仍可退货，否则可换货或修理；请核实质量问题后灵活处理。',
        );
        windowRules.push('T14');
      }
    } else if (policy.graceDays && v.nowMs < lastEnd + policy.graceDays * DAY_MS) {
      timeVerdict = 'flexible';
      graceUntilMs = lastEnd + policy.graceDays * DAY_MS;
      windowRules.push('P-grace');
      trail.decided(
        'P-grace',
        `超过时限不到 ${policy.graceDays} 天（宽限至 ${formatShanghaiText(graceUntilMs - 1000)}）。`,
      );
    } else {
      timeVerdict = 'no';
    }
  }

  // 2. Exclusions and condition (no-reason claims only; an allergy promise covers opened goods).
  let conditionVerdict: Eligibility = 'yes';
  if (v.reason === 'no_reason' && !allergyCovered) {
    if (cat.platformExclusion?.platforms.includes(v.platform)) {
      conditionVerdict = 'no';
      trail.decided('T5', `${cat.platformExclusion.why}不适用七天无理由。`);
    }
    if (cat.legalExclusion) {
      conditionVerdict = 'no';
      trail.decided('T3', `${cat.legalExclusion}依法不适用七天无理由。`);
    }
    if (v.buyerConfirmedNoReturn) {
      if (cat.confirmationExcludable) {
        conditionVerdict = 'no';
        trail.decided(
          'T4',
          `${cat.confirmationExcludable}，且买家下单时已确认不适用。请核实确认是逐单、醒目且非默认勾选的。`,
        );
      } else {
        conditionVerdict = worse(conditionVerdict, 'flexible');
        trail.decided(
          'T4',
          `“${cat.label}”一般不在须确认的范围内：只有销售时已说明临期或有瑕疵的商品，买家的确认才有效，请核实。`,
        );
      }
    } else if (cat.confirmationExcludable) {
      trail.info('T4', `${cat.confirmationExcludable}：买家下单时没有确认不适用，不能以此拒绝。`);
    }
    if (v.intact === false) {
      conditionVerdict = 'no';
      trail.decided('T7', cat.intactHint ?? '商品不完好（缺件、损坏、影响二次销售），不适用七天无理由。');
    } else if (v.intact === true) {
      trail.decided('T6', '已确认商品完好。');
    } else {
      trail.info('T6', cat.intactHint);
      trail.note('结论以商品完好为前提：请向买家确认吊牌、包装、配件齐全，不影响二次销售。');
    }
  }
  for (const n of cat.notes ?? []) {
    if (!n.platforms || n.platforms.includes(v.platform)) trail.info(n.ruleId, n.text);
  }

  const eligible = worse(timeVerdict, conditionVerdict);
  // A condition that rules the case out makes the clock irrelevant.
  if (conditionVerdict === 'no' && timeVerdict !== 'no') trail.demote(windowRules);

  // 3. Who pays the return shipping.
  let payer: ShippingPayer;
  if (v.reason === 'quality') {
    payer = 'seller';
    trail.decided('T14', '质量问题：运输等必要费用由卖家承担。');
    if (plat.qualityRuleId === 'T16') trail.decided('T16', '淘宝/天猫质量纠纷默认退货退款，运费由卖家承担。');
    if (plat.qualityRuleId === 'T17') {
      trail.decided('T17', '京东卖家责任：来回运费都由卖家承担。');
      trail.note('京东：不适合寄回的商品，可以不退货直接退款（T17）。');
    }
  } else if (v.kind === 'return') {
    if (policy.returnShippingFree) {
      payer = 'seller';
      trail.decided('P-return-shipping-free');
    } else {
      payer = 'buyer';
      trail.decided('T10', '七天无理由退货：寄回运费由买家承担。');
    }
  } else if (policy.exchangeShippingSplit) {
    payer = 'split';
    trail.decided('P-exchange-split');
  } else {
    payer = 'buyer';
    trail.decided(
      'T10',
      plat.noReasonExchangeBuyerPaysAll
        ? '淘宝/天猫七天无理由换货：寄回和换出的运费都由买家承担。'
        : '无理由换货：寄回运费由买家承担，换出的运费按双方约定。',
    );
  }
  if (v.shippingInsurance === 'buyer' || v.shippingInsurance === 'seller') {
    trail.decided(
      'T11',
      `${v.shippingInsurance === 'buyer' ? '买家购买了' : '卖家赠送了'}运费险：买家先垫付运费，退款完成后由保险公司按固定金额赔付；必须填写退回单号。`,
    );
  }

  // 4. Refund arithmetic (returns only).
  const refundBreakdown: RefundLine[] = [];
  let refundFen: number | undefined;
  if (v.kind === 'return' && eligible !== 'no') {
    if (v.paidFen === undefined) {
      trail.note('填写实付金额（paidFen）后可计算应退金额。');
    } else {
      refundBreakdown.push({ label: '买家实付金额', fen: v.paidFen, ruleId: 'T9' });
      trail.decided('T9');
      if (v.reason === 'no_reason') {
        let deductWhy: string | undefined;
        if (v.freeShipping === 'none') deductWhy = '扣除我司发货运费（非包邮）';
        else if (v.freeShipping === 'threshold' && v.thresholdStillMet === false) {
          deductWhy = '扣除我司发货运费（部分退货后不再满足满额包邮）';
        } else if (v.freeShipping === 'threshold' && v.thresholdStillMet === undefined) {
          trail.note('满额包邮：请核实退货后剩余商品是否仍满足包邮门槛；不满足的可扣除发货运费（T10）。');
        } else if (v.freeShipping === 'unconditional') {
          trail.decided('T10', '无条件包邮：发货运费由卖家承担，不从退款中扣。');
        } else if (v.freeShipping === undefined) {
          trail.note('未说明是否包邮，未扣发货运费；非包邮商品须扣除我司发出的运费（T10）。');
        }
        if (deductWhy) {
          if (v.outboundShippingFen === undefined) {
            trail.note('请填写发货运费（outboundShippingFen）：非包邮须从退款中扣除（T10）。');
          } else if (v.outboundShippingFen > 0) {
            refundBreakdown.push({ label: deductWhy, fen: -v.outboundShippingFen, ruleId: 'T10' });
            trail.decided('T10', `${deductWhy} ${formatYuan(v.outboundShippingFen)}。`);
          }
        }
      } else {
        trail.note('质量问题退款为全款；买家垫付的退货运费另行退还（不计入上面的退款金额）。');
      }
      if (v.giftFenNotReturned && v.giftFenNotReturned > 0) {
        refundBreakdown.push({
          label: '扣除未退回的赠品（按标价）',
          fen: -v.giftFenNotReturned,
          ruleId: 'T8',
        });
        trail.decided('T8', `赠品未退回，按标价扣除 ${formatYuan(v.giftFenNotReturned)}；主商品照常退。`);
      }
      const sum = refundBreakdown.reduce((s, l) => s + l.fen, 0);
      if (sum < 0) {
        // Deductions can only eat what was paid: the buyer never owes money on a refund.
        refundBreakdown.push({ label: '扣减以实付金额为限', fen: -sum });
        trail.note('扣减合计超过实付金额，应退金额按 0 计；请核对金额。');
      }
      refundFen = Math.max(0, sum);
      trail.note('套装或满减优惠因退货不再满足的，按购买时价格重新计算（T9），本工具未计入。');
    }
  }

  // 5. Obligations and notes that do not change the outcome.
  if (eligible !== 'no') {
    trail.info('T12');
    if (v.kind === 'return') trail.info('T13');
  }
  if (v.reason === 'quality' && cat.durable) {
    const until6m = formatDayZh(addMonthsToDay(shanghaiDayNumber(v.signedAtMs), 6));
    trail.info('T14', `耐用商品：签收后 6 个月内（至 ${until6m}）发现瑕疵的，由卖家证明没有瑕疵。`);
  }
  if (w.unit === 'day') {
    const lastDay = shanghaiDayNumber(deadlineMs) - 1;
    const holiday = holidayNoteForLastDay(lastDay);
    if (holiday) {
      trail.info('T2', holiday.text);
      trail.note(holiday.text);
    } else if (!holidayYearCovered(lastDay)) {
      trail.note(`暂无 ${formatDayZh(lastDay).slice(0, 4)} 年的法定节假日数据，未检查节假日顺延（T2）。`);
    }
  }
  if (plat.receiptExtendDays || plat.autoConfirm) trail.info('T22');
  if (plat.autoConfirm) {
    trail.note(
      `${PLATFORM_LABELS[v.platform].zh}发货 ${plat.autoConfirm.daysAfterShipping} 天后自动确认收货，买家可延长一次 ${plat.autoConfirm.buyerExtendOnceDays} 天；自动确认不影响七天时限（T22）。`,
    );
  }
  if (plat.legalFloorOnly) {
    trail.note(
      `${PLATFORM_LABELS[v.platform].zh}：资料中没有公开的七天无理由细则，按法律底线处理，并兑现订单页展示的承诺（如退货包运费、过敏包退）。`,
    );
  }

  // 6. Flag, checklist, summary.
  // One rule for the whole product (lib/remarks): a refused no-reason request changes no flag.
  const suggestedFlag = suggestFlagForReturnCheck({ kind: v.kind, reason: v.reason, eligible })
    .flag as FlagId | null;
  const refundText =
    refundFen === undefined
      ? '待填写实付金额'
      : refundBreakdown.length > 1
        ? `${formatYuan(refundFen)}（已扣减，见明细）`
        : formatYuan(refundFen);
  const remarkContent = [
    `${REASON_ZH[v.reason]}${KIND_ZH[v.kind]}`,
    eligible === 'no' ? '不符合条件' : eligible === 'flexible' ? '灵活处理' : '',
    refundFen !== undefined ? `退款${formatYuan(refundFen)}` : '',
    eligible !== 'no' ? PAYER_ZH[payer] : '',
  ]
    .filter(Boolean)
    // Not spaces: in a remark line spaces separate 客服, 内容 and 日期.
    .join('，');
  const verdictZh = { yes: `可以${KIND_ZH[v.kind]}`, flexible: '可灵活处理', no: `不能${KIND_ZH[v.kind]}` }[
    eligible
  ];
  const status = v.nowMs < deadlineMs ? '仍在时限内' : '已超过时限';
  const conditions: Record<ChecklistCondition, boolean> = {
    insurance: v.shippingInsurance === 'buyer' || v.shippingInsurance === 'seller',
    noInsurance: !(v.shippingInsurance === 'buyer' || v.shippingInsurance === 'seller'),
    receiptExtend: Boolean(plat.receiptExtendDays),
    autoConfirm: Boolean(plat.autoConfirm),
  };
  const fill: Record<string, string> = {
    window: w.label,
    lastMoment: formatShanghaiText(deadlineMs - 1000),
    status,
    kind: KIND_ZH[v.kind],
    refund: refundText,
    payer: PAYER_ZH[payer],
    flag: suggestedFlag ? flagLabels[suggestedFlag] : NO_FLAG_CHANGE,
    remark: remarkContent,
    extendDays: (plat.receiptExtendDays ?? []).join('/'),
    autoDays: String(plat.autoConfirm?.daysAfterShipping ?? ''),
    extendOnce: String(plat.autoConfirm?.buyerExtendOnceDays ?? ''),
  };
  const checklist: ChecklistItem[] = CHECKLIST_STEPS.filter(
    (s) =>
      (s.eligible ?? ['yes', 'flexible']).includes(eligible) &&
      (!s.kinds || s.kinds.includes(v.kind)) &&
      (!s.reasons || s.reasons.includes(v.reason)) &&
      (!s.platforms || s.platforms.includes(v.platform)) &&
      (!s.when || conditions[s.when]),
  ).map((s) => {
    const item: ChecklistItem = {
      id: s.id,
      text: s.text.replace(/\{(\w+)\}/g, (_, k: string) => fill[k] ?? ''),
    };
    if (s.ruleId) item.ruleId = s.ruleId;
    return item;
  });

  const result: ReturnCheckResult = {
    eligible,
    deadline: formatShanghaiIso(deadlineMs),
    returnShippingPayer: payer,
    rules: trail.rules(),
    explanations: trail.explanations(),
    refundBreakdown,
    notes: trail.notes,
    checklist,
    suggestedFlag,
    deadlineMs,
    lastMomentText: formatShanghaiText(deadlineMs - 1000),
    remainingMs: deadlineMs - v.nowMs,
    window: { id: w.id, label: w.label, ruleId: w.ruleId, unit: w.unit, length: w.length },
    summary: `${verdictZh}：${w.label}，截止 ${formatShanghaiText(deadlineMs - 1000)}（${status}）；${PAYER_ZH[payer]}。`,
    remarkContent,
  };
  if (refundFen !== undefined) result.refundFen = refundFen;
  if (legalFloorMs !== undefined) result.legalFloorDeadline = formatShanghaiIso(legalFloorMs);
  if (graceUntilMs !== undefined) result.graceUntil = formatShanghaiIso(graceUntilMs);
  return result;
}
