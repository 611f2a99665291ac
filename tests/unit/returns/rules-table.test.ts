import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  CATEGORY_IDS,
  POLICY_RULES,
  RULE_IDS,
  type AnyRuleId,
  type Eligibility,
  type ReturnInput,
  type ShippingPayer,
  type ShopPolicyInput,
} from '../../../lib/returns';
import { DEFAULT_WINDOWS } from '../../../lib/returns/rules';
import { BASE, bj, check, mentioned } from './helpers';

/**
 * One row per behaviour, each naming the rule it exercises. The coverage tests below derive the
 * list of rule ids and window ids from the data, so adding a rule without a row fails here.
 */
interface Row {
  name: string;
  ruleId: AnyRuleId;
  /** 'decided': must be in `rules`; 'info': must be explained but not in `rules`. */
  role?: 'decided' | 'info';
  input: Partial<ReturnInput>;
  policy?: ShopPolicyInput;
  eligible?: Eligibility;
  payer?: ShippingPayer;
  refundFen?: number | null;
  deadline?: string;
  window?: string;
  detailIncludes?: string;
  checklistIncludes?: string;
}

const SIGNED = bj('2026-03-01T15:20:00');
const day = (d: number, time = '10:00:00'): string => bj(`2026-03-${String(d).padStart(2, '0')}T${time}`);

const ROWS: Row[] = [
  // T1: the 7-day window
  {
    name: 'T1 within 7 days',
    ruleId: 'T1',
    role: 'decided',
    input: { now: day(5) },
    eligible: 'yes',
    deadline: '2026-03-09T00:00:00+08:00',
    window: 'no-reason-7d',
  },
  { name: 'T1 last second', ruleId: 'T1', input: { now: day(8, '23:59:59') }, eligible: 'yes' },
  { name: 'T1 first instant after', ruleId: 'T1', input: { now: day(9, '00:00:00') }, eligible: 'no' },
  // T2: holiday note only
  {
    name: 'T2 last day on 国庆 2026 is a note, verdict unchanged',
    ruleId: 'T2',
    role: 'info',
    input: { signedAt: bj('2026-09-26T10:00:00'), now: bj('2026-09-27T10:00:00') },
    eligible: 'yes',
    deadline: '2026-10-04T00:00:00+08:00',
    detailIncludes: '2026年10月8日',
  },
  // T3: legal exclusions
  { name: 'T3 fresh', ruleId: 'T3', role: 'decided', input: { category: 'fresh' }, eligible: 'no' },
  { name: 'T3 made to order', ruleId: 'T3', input: { category: 'custom_made' }, eligible: 'no' },
  { name: 'T3 digital download', ruleId: 'T3', input: { category: 'digital_download' }, eligible: 'no' },
  { name: 'T3 periodical', ruleId: 'T3', input: { category: 'periodical' }, eligible: 'no' },
  {
    name: 'T3 JD 定制 note',
    ruleId: 'T3',
    input: { platform: 'jd', category: 'custom_made' },
    eligible: 'no',
    detailIncludes: '下单前',
  },
  {
    name: 'T3 does not block a quality claim',
    ruleId: 'T14',
    input: { category: 'fresh', reason: 'quality' },
    eligible: 'yes',
  },
  // T4: only with the buyer's confirmation
  {
    name: 'T4 confirmed cosmetics',
    ruleId: 'T4',
    role: 'decided',
    input: { category: 'cosmetics', buyerConfirmedNoReturn: true },
    eligible: 'no',
  },
  {
    name: 'T4 unconfirmed cosmetics must be accepted',
    ruleId: 'T4',
    role: 'info',
    input: { category: 'cosmetics' },
    eligible: 'yes',
  },
  {
    name: 'T4 confirmation on a general item is doubtful',
    ruleId: 'T4',
    role: 'decided',
    input: { buyerConfirmedNoReturn: true },
    eligible: 'flexible',
  },
  {
    name: 'T4 confirmed phone (activation)',
    ruleId: 'T4',
    input: { category: 'mobile_phone', buyerConfirmedNoReturn: true },
    eligible: 'no',
  },
  // T5: Taobao exclusions
  {
    name: 'T5 taobao second-hand',
    ruleId: 'T5',
    role: 'decided',
    input: { category: 'second_hand' },
    eligible: 'no',
  },
  {
    name: 'T5 tmall auction',
    ruleId: 'T5',
    input: { platform: 'tmall', category: 'auction' },
    eligible: 'no',
  },
  { name: 'T5 taobao service', ruleId: 'T5', input: { category: 'service' }, eligible: 'no' },
  {
    name: 'T5 is Taobao-only',
    ruleId: 'T1',
    input: { platform: 'jd', category: 'second_hand' },
    eligible: 'yes',
  },
  // T6/T7: condition
  { name: 'T6 intact', ruleId: 'T6', role: 'decided', input: { intact: true }, eligible: 'yes' },
  { name: 'T6 unknown is assumed, with a note', ruleId: 'T6', role: 'info', input: {}, eligible: 'yes' },
  {
    name: 'T7 apparel tag cut',
    ruleId: 'T7',
    role: 'decided',
    input: { category: 'apparel', intact: false },
    eligible: 'no',
    detailIncludes: '吊牌',
  },
  {
    name: 'T7 cosmetics seal',
    ruleId: 'T7',
    input: { category: 'cosmetics', intact: false },
    eligible: 'no',
    detailIncludes: '密封',
  },
  {
    name: 'T7 phone activated',
    ruleId: 'T7',
    input: { category: 'mobile_phone', intact: false },
    eligible: 'no',
    detailIncludes: '激活',
  },
  // T8/T9/T10: money
  {
    name: 'T8 unreturned gift deducted',
    ruleId: 'T8',
    role: 'decided',
    input: { freeShipping: 'unconditional', paidFen: 9900, giftFenNotReturned: 500 },
    eligible: 'yes',
    refundFen: 9400,
  },
  {
    name: 'T9 refund = paid when 包邮',
    ruleId: 'T9',
    role: 'decided',
    input: { freeShipping: 'unconditional', paidFen: 9900 },
    refundFen: 9900,
  },
  {
    name: 'T10 not 包邮: outbound deducted',
    ruleId: 'T10',
    role: 'decided',
    input: { freeShipping: 'none', paidFen: 10900, outboundShippingFen: 1000 },
    payer: 'buyer',
    refundFen: 9900,
  },
  {
    name: 'T10 threshold no longer met',
    ruleId: 'T10',
    input: { freeShipping: 'threshold', thresholdStillMet: false, paidFen: 5900, outboundShippingFen: 800 },
    refundFen: 5100,
  },
  {
    name: 'T10 threshold still met',
    ruleId: 'T10',
    input: { freeShipping: 'threshold', thresholdStillMet: true, paidFen: 5900, outboundShippingFen: 800 },
    refundFen: 5900,
  },
  {
    name: 'T10 taobao no-reason exchange: buyer pays all',
    ruleId: 'T10',
    input: { kind: 'exchange' },
    eligible: 'yes',
    payer: 'buyer',
    detailIncludes: '都由买家承担',
    refundFen: null,
  },
  // T11..T13
  {
    name: 'T11 运费险',
    ruleId: 'T11',
    role: 'decided',
    input: { shippingInsurance: 'buyer' },
    checklistIncludes: '单号',
  },
  {
    name: 'T11 seller-given 运费险',
    ruleId: 'T11',
    input: { shippingInsurance: 'seller', kind: 'exchange' },
    checklistIncludes: '单号',
  },
  { name: 'T12 return method', ruleId: 'T12', role: 'info', input: {}, checklistIncludes: '到付' },
  {
    name: 'T13 refund within 7 days',
    ruleId: 'T13',
    role: 'info',
    input: {},
    checklistIncludes: '7 日内退款',
  },
  // T14: quality
  {
    name: 'T14 quality within 7 days',
    ruleId: 'T14',
    role: 'decided',
    input: { reason: 'quality', now: day(8) },
    eligible: 'yes',
    payer: 'seller',
    window: 'quality-7d',
  },
  {
    name: 'T14 quality after 7 days is flexible',
    ruleId: 'T14',
    input: { reason: 'quality', now: day(12) },
    eligible: 'flexible',
    payer: 'seller',
  },
  {
    name: 'T14 durable goods 6-month burden',
    ruleId: 'T14',
    input: { reason: 'quality', category: 'durables' },
    detailIncludes: '6 个月',
  },
  {
    name: 'T14 quality refund is the full payment',
    ruleId: 'T14',
    input: { reason: 'quality', freeShipping: 'none', paidFen: 10900, outboundShippingFen: 1000 },
    refundFen: 10900,
  },
  // T15: 三包 phones
  {
    name: 'T15 phone quality return day 7',
    ruleId: 'T15',
    role: 'decided',
    input: { category: 'mobile_phone', reason: 'quality', now: day(8, '23:59:59') },
    eligible: 'yes',
    window: 'sanbao-phone-return-7d',
  },
  {
    name: 'T15 phone quality return day 8: no',
    ruleId: 'T15',
    input: { category: 'mobile_phone', reason: 'quality', now: day(9, '00:00:00') },
    eligible: 'no',
  },
  {
    name: 'T15 phone quality exchange day 15',
    ruleId: 'T15',
    input: { category: 'mobile_phone', reason: 'quality', kind: 'exchange', now: day(16, '23:59:59') },
    eligible: 'yes',
    deadline: '2026-03-17T00:00:00+08:00',
    window: 'sanbao-phone-exchange-15d',
  },
  {
    name: 'T15 phone quality exchange day 16: no',
    ruleId: 'T15',
    input: { category: 'mobile_phone', reason: 'quality', kind: 'exchange', now: day(17, '00:00:00') },
    eligible: 'no',
  },
  // T16/T17: platform quality handling
  {
    name: 'T16 taobao quality',
    ruleId: 'T16',
    role: 'decided',
    input: { reason: 'quality' },
    payer: 'seller',
  },
  {
    name: 'T16 tmall quality',
    ruleId: 'T16',
    input: { platform: 'tmall', reason: 'quality' },
    payer: 'seller',
  },
  {
    name: 'T17 jd seller at fault',
    ruleId: 'T17',
    role: 'decided',
    input: { platform: 'jd', reason: 'quality' },
    payer: 'seller',
  },
  // T18: JD category windows (from the day after sign-for)
  {
    name: 'T18 jd shoes/bags exchange 15d',
    ruleId: 'T18',
    role: 'decided',
    input: { platform: 'jd', category: 'shoes_bags', kind: 'exchange', now: day(16, '23:59:59') },
    eligible: 'yes',
    deadline: '2026-03-17T00:00:00+08:00',
    window: 'jd-shoes-bags-exchange-15d',
  },
  {
    name: 'T18 jd shoes/bags return 7d',
    ruleId: 'T18',
    input: { platform: 'jd', category: 'shoes_bags', now: day(9, '00:00:00') },
    eligible: 'no',
    window: 'jd-shoes-bags-return-7d',
  },
  {
    name: 'T18 jd apparel quality 15d',
    ruleId: 'T18',
    input: { platform: 'jd', category: 'apparel', reason: 'quality', now: day(12) },
    eligible: 'yes',
    window: 'jd-apparel-quality-15d',
  },
  {
    name: 'T18 jd precious jewellery 48h return',
    ruleId: 'T18',
    input: { platform: 'jd', category: 'jewellery_precious', now: day(3, '23:59:59') },
    eligible: 'yes',
    deadline: '2026-03-04T00:00:00+08:00',
    window: 'jd-precious-return-48h',
  },
  {
    name: 'T18 jd precious jewellery after 48h: legal 7 days make it flexible',
    ruleId: 'T1',
    role: 'decided',
    input: { platform: 'jd', category: 'jewellery_precious', now: day(5) },
    eligible: 'flexible',
    window: 'jd-precious-return-48h',
  },
  {
    name: 'T18 jd precious jewellery after the legal 7 days',
    ruleId: 'T18',
    input: { platform: 'jd', category: 'jewellery_precious', now: day(9, '00:00:00') },
    eligible: 'no',
  },
  {
    name: 'T18 jd precious jewellery exchange 7d',
    ruleId: 'T18',
    input: { platform: 'jd', category: 'jewellery_precious', kind: 'exchange', now: day(8) },
    eligible: 'yes',
    window: 'jd-precious-exchange-7d',
  },
  {
    name: 'T18 jd other jewellery return 7d',
    ruleId: 'T18',
    input: { platform: 'jd', category: 'jewellery_other', now: day(8) },
    eligible: 'yes',
    window: 'jd-jewellery-return-7d',
  },
  {
    name: 'T18 jd other jewellery exchange 15d',
    ruleId: 'T18',
    input: { platform: 'jd', category: 'jewellery_other', kind: 'exchange', now: day(14) },
    eligible: 'yes',
    window: 'jd-jewellery-exchange-15d',
  },
  {
    name: 'T18 jd home textiles quality 15d',
    ruleId: 'T18',
    input: { platform: 'jd', category: 'home_textiles', reason: 'quality', now: day(15) },
    eligible: 'yes',
    window: 'jd-home-textiles-quality-15d',
  },
  {
    name: 'T18 jd ceramics quality 7d',
    ruleId: 'T18',
    input: { platform: 'jd', category: 'ceramics', reason: 'quality', now: day(9, '00:00:00') },
    eligible: 'flexible',
    window: 'jd-ceramics-quality-7d',
  },
  {
    name: 'T18 jd car supplies quality 15d',
    ruleId: 'T18',
    input: { platform: 'jd', category: 'car_supplies', reason: 'quality', now: day(16) },
    eligible: 'yes',
    window: 'jd-car-supplies-quality-15d',
  },
  {
    name: 'T18 jd cosmetics allergy 60d',
    ruleId: 'T18',
    input: {
      platform: 'jd',
      category: 'cosmetics',
      allergy: true,
      intact: false,
      now: bj('2026-04-30T23:00:00'),
    },
    eligible: 'yes',
    deadline: '2026-05-01T00:00:00+08:00',
    window: 'jd-cosmetics-allergy-60d',
  },
  {
    name: 'T18 is JD-only',
    ruleId: 'T1',
    input: { platform: 'taobao', category: 'shoes_bags', kind: 'exchange', now: day(12) },
    eligible: 'no',
    window: 'no-reason-7d',
  },
  // T19: JD hour windows (from the sign-for instant)
  {
    name: 'T19 jd fresh photos within 48h',
    ruleId: 'T19',
    role: 'decided',
    input: { platform: 'jd', category: 'fresh', reason: 'quality', now: bj('2026-03-03T15:19:59') },
    eligible: 'yes',
    deadline: '2026-03-03T15:20:00+08:00',
    window: 'jd-fresh-48h',
  },
  {
    name: 'T19 jd fresh at 48h: no',
    ruleId: 'T19',
    input: { platform: 'jd', category: 'fresh', reason: 'quality', now: bj('2026-03-03T15:20:00') },
    eligible: 'no',
  },
  {
    name: 'T19 jd live fresh 12h',
    ruleId: 'T19',
    input: { platform: 'jd', category: 'fresh_live', reason: 'quality', now: bj('2026-03-02T03:19:59') },
    eligible: 'yes',
    deadline: '2026-03-02T03:20:00+08:00',
    window: 'jd-fresh-live-12h',
  },
  {
    name: 'T19 jd 3C appearance 48h',
    ruleId: 'T19',
    input: {
      platform: 'jd',
      category: 'electronics',
      reason: 'quality',
      defectType: 'appearance',
      now: bj('2026-03-03T15:20:00'),
    },
    eligible: 'no',
    window: 'jd-3c-portable-appearance-48h',
  },
  {
    name: 'T19 jd phone appearance 48h',
    ruleId: 'T19',
    input: {
      platform: 'jd',
      category: 'mobile_phone',
      reason: 'quality',
      defectType: 'appearance',
      now: bj('2026-03-03T15:00:00'),
    },
    eligible: 'yes',
    window: 'jd-3c-phone-appearance-48h',
  },
  {
    name: 'T19 jd large appliance appearance 72h',
    ruleId: 'T19',
    input: {
      platform: 'jd',
      category: 'large_appliances',
      reason: 'quality',
      defectType: 'appearance',
      now: bj('2026-03-04T15:19:59'),
    },
    eligible: 'yes',
    deadline: '2026-03-04T15:20:00+08:00',
    window: 'jd-3c-fixed-appearance-72h',
  },
  {
    name: 'T19 a functional defect uses the normal window',
    ruleId: 'T14',
    input: {
      platform: 'jd',
      category: 'electronics',
      reason: 'quality',
      defectType: 'function',
      now: day(5),
    },
    eligible: 'yes',
    window: 'quality-7d',
  },
  // T22: receipt confirmation
  {
    name: 'T22 taobao exchange: extend receipt',
    ruleId: 'T22',
    role: 'info',
    input: { kind: 'exchange' },
    checklistIncludes: '延长收货',
  },
  {
    name: 'T22 douyin auto-confirm note',
    ruleId: 'T22',
    role: 'info',
    input: { platform: 'douyin' },
    detailIncludes: '自动确认',
  },
  // Shop policy overrides
  {
    name: 'P exchange split',
    ruleId: 'P-exchange-split',
    role: 'decided',
    input: { kind: 'exchange' },
    policy: { exchangeShippingSplit: true },
    payer: 'split',
  },
  {
    name: 'P return shipping free',
    ruleId: 'P-return-shipping-free',
    role: 'decided',
    input: {},
    policy: { returnShippingFree: true },
    payer: 'seller',
  },
  {
    name: 'P allergy 60 days (tmall 过敏包退)',
    ruleId: 'P-allergy',
    role: 'decided',
    input: { platform: 'tmall', category: 'cosmetics', allergy: true, now: bj('2026-04-30T12:00:00') },
    policy: { allergyReturnDays: 60 },
    eligible: 'yes',
    deadline: '2026-05-01T00:00:00+08:00',
    window: 'policy-allergy',
  },
  {
    name: 'P grace: just missed → flexible',
    ruleId: 'P-grace',
    role: 'decided',
    input: { now: day(10) },
    policy: { graceDays: 3 },
    eligible: 'flexible',
    window: 'no-reason-7d',
  },
  {
    name: 'P no-reason 15 days',
    ruleId: 'P-no-reason-days',
    role: 'decided',
    input: { now: day(16) },
    policy: { noReasonDays: 15 },
    eligible: 'yes',
    deadline: '2026-03-17T00:00:00+08:00',
    window: 'policy-no-reason-days',
  },
];

describe('rules table', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const r = check({ signedAt: SIGNED, ...row.input }, row.policy);
    const ids = mentioned(r);
    expect(ids.has(row.ruleId), `${row.ruleId} not mentioned: ${[...ids].join(',')}`).toBe(true);
    if (row.role === 'decided') expect(r.rules).toContain(row.ruleId);
    if (row.role === 'info') {
      expect(r.rules).not.toContain(row.ruleId);
      expect(r.explanations.find((e) => e.ruleId === row.ruleId)?.role).toBe('info');
    }
    if (row.eligible) expect(r.eligible).toBe(row.eligible);
    if (row.payer) expect(r.returnShippingPayer).toBe(row.payer);
    if (row.refundFen === null) expect(r.refundFen).toBeUndefined();
    else if (row.refundFen !== undefined) expect(r.refundFen).toBe(row.refundFen);
    if (row.deadline) expect(r.deadline).toBe(row.deadline);
    if (row.window) expect(r.window.id).toBe(row.window);
    if (row.detailIncludes) {
      const text = [...r.explanations.map((e) => `${e.text} ${e.detail ?? ''}`), ...r.notes].join('\n');
      expect(text).toContain(row.detailIncludes);
    }
    if (row.checklistIncludes)
      expect(r.checklist.map((c) => c.text).join('\n')).toContain(row.checklistIncludes);
  });
});

describe('coverage derived from the rules data', () => {
  it('every rule id T… has at least one row', () => {
    const covered = new Set(ROWS.map((r) => r.ruleId));
    expect(RULE_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('every shop-policy rule id P-… has at least one row', () => {
    const covered = new Set(ROWS.map((r) => r.ruleId));
    expect(Object.keys(POLICY_RULES).filter((id) => !covered.has(id as AnyRuleId))).toEqual([]);
  });

  it('every window in the data (defaults, categories, policy) is reached by a row', () => {
    const windows = [
      ...DEFAULT_WINDOWS.map((w) => w.id),
      ...CATEGORY_IDS.flatMap((c) =>
        ((CATEGORIES[c] as { windows?: { id: string }[] }).windows ?? []).map((w) => w.id),
      ),
      'policy-allergy',
      'policy-no-reason-days',
    ];
    const reached = new Set(ROWS.map((r) => r.window).filter(Boolean));
    expect(windows.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('every rule has a title, plain text, a source and an as-of date', () => {
    const r = check({ reason: 'quality' });
    for (const e of r.explanations) {
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.text).toMatch(/[\u4e00-\u9fff]/);
      expect(e.source.length).toBeGreaterThan(0);
    }
  });

  it.each(CATEGORY_IDS)('category %s checks on every platform, both reasons and kinds', (category) => {
    for (const platform of ['taobao', 'tmall', 'jd', 'pdd', 'douyin', 'other'] as const) {
      for (const reason of ['no_reason', 'quality'] as const) {
        for (const kind of ['return', 'exchange'] as const) {
          const r = check({ platform, category, reason, kind, paidFen: 1000 });
          expect(['yes', 'no', 'flexible']).toContain(r.eligible);
          expect(r.rules.length).toBeGreaterThan(0);
          for (const e of r.explanations) expect(e.source).not.toBe('');
        }
      }
    }
  });
});

describe('sources cited per platform', () => {
  it("cites a platform's own rules only on its orders; the laws everywhere", () => {
    const t1 = (platform: ReturnInput['platform']) =>
      check({ platform }).explanations.find((e) => e.ruleId === 'T1')?.source ?? '';
    expect(t1('taobao')).toContain('《淘宝平台争议处理规则》');
    expect(t1('tmall')).toContain('《淘宝平台争议处理规则》');
    for (const platform of ['jd', 'pdd', 'douyin'] as const) {
      expect(t1(platform), platform).not.toContain('淘宝');
      expect(t1(platform), platform).toContain('《七日无理由退货暂行办法》第10条');
    }
  });

  it('never leaves a rule without a source: a rule known only from one platform keeps it', () => {
    for (const platform of ['taobao', 'jd', 'pdd', 'douyin'] as const) {
      for (const e of check({ platform }).explanations)
        expect(e.source, `${platform} ${e.ruleId}`).not.toBe('');
    }
  });
});

describe('checklist flag names', () => {
  it("names the flag as the caller's legend does, defaulting to the seeds' colours", async () => {
    const { safeCheckReturn } = await import('../../../lib/returns');
    const remarkStep = (labels?: Parameters<typeof safeCheckReturn>[2]) => {
      const r = safeCheckReturn({ ...BASE }, undefined, labels);
      if (!r.ok) throw new Error('input refused');
      return r.result.checklist.find((c) => c.id === 'remark-flag')?.text ?? '';
    };
    expect(remarkStep()).toContain('标旗：退货（默认紫旗）');
    const labels = {
      return: '退货退款（蓝旗）',
      exchange: '换货（紫旗）',
      problem: '问题件（黄旗）',
      'follow-up': '待跟进（绿旗）',
    };
    expect(remarkStep(labels)).toContain('标旗：退货退款（蓝旗）');
  });
});

describe('checklistFlagLabel', () => {
  it("reads the legend's label and colour", async () => {
    const { checklistFlagLabel, DEFAULT_FLAG_LEGEND } = await import('../../../lib/remarks');
    expect(checklistFlagLabel('return')).toBe('退货（紫旗）');
    const legend = structuredClone(DEFAULT_FLAG_LEGEND);
    legend.flags.return = { colour: 'blue', label: { zh: '退货退款' } };
    expect(checklistFlagLabel('return', legend)).toBe('退货退款（蓝旗）');
  });
});
