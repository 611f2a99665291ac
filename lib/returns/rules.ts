import type { Platform } from '../sites/platforms';

/**
 * Return/exchange rules as DATA (ids T1… from shared/research/return-rules.md). The engine in
 * check.ts reads these tables; a rule change is an edit here, with its source and date.
 * T20/T21 do not exist in the research (its numbering skips them); S5 likewise.
 */

export const RETURN_KINDS = ['return', 'exchange'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];
export const RETURN_REASONS = ['no_reason', 'quality'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
/** Only needed where a platform window depends on it (JD 3C appearance defects, T19). */
export const DEFECT_TYPES = ['appearance', 'function'] as const;
export type DefectType = (typeof DEFECT_TYPES)[number];

/** When the research was compiled and these rules were checked against it. */
export const RULES_AS_OF = '2026-11-22';

export type SourceKey = 'S1' | 'S2' | 'S3' | 'S4' | 'S6' | 'S7' | 'S8' | 'S9' | 'S10' | 'S11' | 'S12' | 'S13';

export interface SourceDef {
  /** Short name shown in the UI. */
  short: string;
  full: string;
  version: string;
  /** A platform's own rules: cited only on that platform's orders (the laws apply everywhere). */
  platforms?: readonly Platform[];
}

const TAOBAO_FAMILY: readonly Platform[] = ['taobao', 'tmall'];

export const SOURCES: Record<SourceKey, SourceDef> = {
  S1: { short: '《消费者权益保护法》', full: '中华人民共和国消费者权益保护法', version: '2013 修正' },
  S2: {
    short: '《七日无理由退货暂行办法》',
    full: '网络购买商品七日无理由退货暂行办法（国家工商总局令第90号）',
    version: '2020 修订（市场监管总局令第31号）',
  },
  S3: {
    short: '《消保法实施条例》',
    full: '中华人民共和国消费者权益保护法实施条例（国务院令第778号）',
    version: '2024',
  },
  S4: { short: '《民法典》', full: '中华人民共和国民法典', version: '2021 施行' },
  S6: {
    short: '《淘宝平台争议处理规则》',
    full: '淘宝平台争议处理规则',
    version: '2025-08-15 修订',
    platforms: TAOBAO_FAMILY,
  },
  S7: {
    short: '天猫七天无理由页面',
    full: '天猫七天无理由退换货说明页面',
    version: '2026 查阅',
    platforms: TAOBAO_FAMILY,
  },
  S8: {
    short: '《淘宝七天无理由退货规范》',
    full: '淘宝网七天无理由退货规范',
    version: '2017',
    platforms: TAOBAO_FAMILY,
  },
  S9: {
    short: '京东纠纷处理规则',
    full: '京东开放平台交易纠纷处理总则、商品类问题纠纷处理标准',
    version: '2026 查阅',
    platforms: ['jd'],
  },
  S10: {
    short: '《部分商品修理更换退货责任规定》',
    full: '部分商品修理更换退货责任规定（“三包”规定）',
    version: '1995',
  },
  S11: {
    short: '淘宝开放平台延长收货接口',
    full: '淘宝开放平台 延长交易收货时间接口说明',
    version: '2026 查阅',
    platforms: TAOBAO_FAMILY,
  },
  S12: {
    short: '抖店自动确认收货说明',
    full: '抖店（抖音电商）自动确认收货规则说明',
    version: '2026 查阅',
    platforms: ['douyin'],
  },
  S13: {
    short: '天猫商品运费险说明',
    full: '天猫商品数据中的运费险（退货运费险）说明',
    version: '2026 查阅',
    platforms: TAOBAO_FAMILY,
  },
};

export type RuleId =
  | 'T1'
  | 'T2'
  | 'T3'
  | 'T4'
  | 'T5'
  | 'T6'
  | 'T7'
  | 'T8'
  | 'T9'
  | 'T10'
  | 'T11'
  | 'T12'
  | 'T13'
  | 'T14'
  | 'T15'
  | 'T16'
  | 'T17'
  | 'T18'
  | 'T19'
  | 'T22';

export interface RuleDef {
  id: RuleId;
  title: string;
  /** Plain Chinese an agent can read to a buyer. */
  text: string;
  sources: readonly { key: SourceKey; articles?: string }[];
  asOf: string;
}

const rule = (r: Omit<RuleDef, 'asOf'> & { asOf?: string }): RuleDef => ({ asOf: RULES_AS_OF, ...r });

export const RULES: Record<RuleId, RuleDef> = {
  T1: rule({
    id: 'T1',
    title: '七天无理由退换',
    text:
      '从签收（含代收、快递柜）的第二天 0 点起算满 7 天，买家须在此期间内提出申请，寄回可以稍后。' +
      '淘宝/天猫说的“签收次日零时起满 168 小时”是同一时刻。',
    sources: [
      { key: 'S1', articles: '第25条' },
      { key: 'S2', articles: '第10条' },
      { key: 'S6', articles: '第36条' },
    ],
  }),
  T2: rule({
    id: 'T2',
    title: '节假日顺延（仅提示）',
    text:
      '法律规定期间的最后一天是法定节假日的，顺延到节假日后的第一个工作日；平台通常不顺延，' +
      '所以这里只作提示，不改变结论。',
    sources: [{ key: 'S4', articles: '第201、203条' }],
  }),
  T3: rule({
    id: 'T3',
    title: '依法不适用七天无理由',
    text:
      '消费者定作的商品、鲜活易腐的商品、在线下载或已拆封的音像制品/软件等数字化商品、已交付的报纸期刊，' +
      '依法不适用七天无理由退货，不需要买家事先确认。京东：下单前就已存在的商品不算“定制”。',
    sources: [{ key: 'S1', articles: '第25条' }, { key: 'S2', articles: '第6、20条' }, { key: 'S9' }],
  }),
  T4: rule({
    id: 'T4',
    title: '须买家确认才可不适用',
    text:
      '拆封后影响安全健康或品质的商品、激活或试用后价值明显下降的商品、销售时已说明的临期或有瑕疵商品，' +
      '只有买家下单时逐单、醒目地确认过“不适用七天无理由”才可以拒绝（默认勾选不算）；没有确认就必须受理。',
    sources: [
      { key: 'S2', articles: '第7、20、31条' },
      { key: 'S3', articles: '第19条' },
    ],
  }),
  T5: rule({
    id: 'T5',
    title: '淘宝不适用的交易类型',
    text: '淘宝的服务类商品、闲鱼个人闲置（二手）和拍卖商品不适用七天无理由退货。',
    sources: [{ key: 'S8' }],
  }),
  T6: rule({
    id: 'T6',
    title: '商品完好',
    text: '商品保持原有品质和功能，商品本身、配件、商标标识齐全，就算完好。为检查商品拆开包装、合理调试，不影响完好。',
    sources: [
      { key: 'S2', articles: '第8条' },
      { key: 'S3', articles: '第19条' },
    ],
  }),
  T7: rule({
    id: 'T7',
    title: '商品不完好',
    text:
      '食品、保健食品、化妆品、医疗器械：必要的一次性密封被破坏；电子电器：非授权维修、CCC 标志或序列号损坏、' +
      '有磨损、已激活或留有个人信息；服装鞋帽、箱包、玩具、家纺：吊牌被剪或拆除、有污渍或损坏。' +
      '不完好的商品不适用七天无理由。',
    sources: [{ key: 'S2', articles: '第9条' }],
  }),
  T8: rule({
    id: 'T8',
    title: '赠品须退回',
    text: '赠品（含积分、优惠券）应一并退回；没有退回的，按赠品标价从退款中扣除，但不能因此拒绝退主商品。',
    sources: [
      { key: 'S2', articles: '第12条' },
      { key: 'S6', articles: '第61条' },
    ],
  }),
  T9: rule({
    id: 'T9',
    title: '退款金额',
    text:
      '退款以买家实际支付的金额为准；退货后不再满足套装或满减优惠的，按购买时的价格重新计算（多退少补）；' +
      '积分、优惠券按原样退回，钱款按原支付方式退回。',
    sources: [{ key: 'S2', articles: '第14–17条' }],
  }),
  T10: rule({
    id: 'T10',
    title: '无理由退换的运费',
    text:
      '无理由退货的寄回运费由买家承担（另有约定的除外）。无条件包邮的，发货运费由卖家承担；不包邮的，' +
      '发货运费也由买家承担，可从退款中扣除；部分退货后不再满足满额包邮的，卖家可以扣除发货运费。' +
      '淘宝/天猫：七天无理由换货，来回运费都由买家承担。',
    sources: [
      { key: 'S1', articles: '第25条' },
      { key: 'S2', articles: '第18条' },
      { key: 'S6', articles: '第53–54条' },
    ],
  }),
  T11: rule({
    id: 'T11',
    title: '运费险',
    text: '买家先垫付退货运费，退款完成后由保险公司按固定金额赔付；必须填写退货物流单号才能理赔。',
    sources: [{ key: 'S13' }],
  }),
  T12: rule({
    id: 'T12',
    title: '不得限制退货方式',
    text: '卖家不能限制买家用哪种方式退货，也不能强制买家用到付寄回。',
    sources: [{ key: 'S2', articles: '第19条' }],
  }),
  T13: rule({
    id: 'T13',
    title: '退款时限',
    text: '卖家收到退回的商品后应在 7 日内退款；超过 15 日不处理退货申请，或收到退货超过 15 日仍不退款的，可能被处罚。',
    sources: [
      { key: 'S1', articles: '第25条' },
      { key: 'S2', articles: '第13、31条' },
    ],
  }),
  T14: rule({
    id: 'T14',
    title: '质量问题退换',
    text:
      '商品有质量问题的，签收后 7 日内可以退货；超过 7 日，符合法定解除合同条件的仍可退货，否则可以要求换货或修理。' +
      '运输等必要费用由卖家承担。汽车、电脑、电视、冰箱、空调、洗衣机等耐用商品，签收后 6 个月内发现瑕疵的，' +
      '由卖家证明不存在瑕疵。',
    sources: [{ key: 'S1', articles: '第23–24条' }],
  }),
  T15: rule({
    id: 'T15',
    title: '三包商品',
    text:
      '实行“三包”的商品：7 日内可退货、换货或修理；15 日内可换货或修理；保修期内修理；两次修理仍不能正常使用的，' +
      '可换货或退货。手机：第 1–7 天可退换修，第 8–15 天可换货或修理。“15 日”按七天无理由的方式从签收次日起算。',
    sources: [
      { key: 'S10', articles: '第9–11条' },
      { key: 'S3', articles: '第18条' },
    ],
  }),
  T16: rule({
    id: 'T16',
    title: '淘宝/天猫质量纠纷',
    text: '质量问题纠纷默认处理为退货退款，运费由责任方承担（质量问题即卖家承担）。',
    sources: [{ key: 'S6' }],
  }),
  T17: rule({
    id: 'T17',
    title: '京东卖家责任',
    text: '假货、描述不符、质量问题等卖家责任：来回运费都由卖家承担；不适合寄回的，可以不退货直接退款。',
    sources: [{ key: 'S9' }],
  }),
  T18: rule({
    id: 'T18',
    title: '京东类目退换时限',
    text:
      '京东部分类目从签收次日起算：鞋靴箱包 7 天退货、15 天换货；服装质量问题 15 天；贵金属饰品 48 小时退货、' +
      '7 天换货；其他饰品 7 天退货、15 天换货；家纺 15 天；化妆品过敏 60 天；陶瓷 7 天；汽车用品 15 天。',
    sources: [{ key: 'S9' }],
  }),
  T19: rule({
    id: 'T19',
    title: '京东按小时的时限',
    text:
      '从签收的时刻起算：3C 外观瑕疵，便携类 48 小时、大件固定类 72 小时内反馈；生鲜须在 48 小时内' +
      '（活鲜 12 小时内）拍照反馈。超时平台一般不支持。',
    sources: [{ key: 'S9' }],
  }),
  T22: rule({
    id: 'T22',
    title: '确认收货与延长收货',
    text:
      '淘宝卖家可为买家延长确认收货 3/5/7/10 天；抖店发货 15 天后自动确认收货，买家可延长一次 3 天。' +
      '自动确认收货不影响七天无理由的计算。',
    sources: [{ key: 'S11' }, { key: 'S12' }],
  }),
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/**
 * `《七日无理由退货暂行办法》第10条；《消费者权益保护法》第25条`. With a platform, another
 * platform's own rules are left out (a JD order is not decided by Taobao's rules); if that would
 * leave nothing, all are listed.
 */
export function ruleSourceText(id: RuleId, platform?: Platform): string {
  const all = RULES[id].sources;
  const fits = all.filter((s) => {
    const only = SOURCES[s.key].platforms;
    return !platform || !only || only.includes(platform);
  });
  return (fits.length > 0 ? fits : all).map((s) => `${SOURCES[s.key].short}${s.articles ?? ''}`).join('；');
}

/**
 * A time window. 'day' windows start at 00:00 of the day after sign-for (T1's convention);
 * 'hour' windows start at the sign-for instant (T19).
 */
export interface WindowDef {
  id: string;
  ruleId: RuleId;
  /** Shown to the agent, e.g. 「京东鞋靴箱包 15 天换货」. */
  label: string;
  unit: 'day' | 'hour';
  length: number;
  platforms?: readonly Platform[];
  kinds?: readonly ReturnKind[];
  reasons?: readonly ReturnReason[];
  /** Only when the agent says the defect is of this type. */
  defectTypes?: readonly DefectType[];
  /** Only for allergy claims (过敏). */
  allergy?: boolean;
  /** Verdict once the window has passed; default: 'no' for no-reason, 'flexible' for quality (T14). */
  afterExpiry?: 'no' | 'flexible';
  /** false: a platform evidence window; the statutory 7 days do not soften it. */
  legalFloor?: boolean;
}

/** Apply when no category window does. */
export const DEFAULT_WINDOWS: readonly WindowDef[] = [
  {
    id: 'no-reason-7d',
    ruleId: 'T1',
    label: '七天无理由退换',
    unit: 'day',
    length: 7,
    reasons: ['no_reason'],
  },
  {
    id: 'quality-7d',
    ruleId: 'T14',
    label: '质量问题 7 日内退换',
    unit: 'day',
    length: 7,
    reasons: ['quality'],
  },
];

/** The statutory floor per reason: a platform window shorter than this becomes 'flexible', not 'no'. */
export const LEGAL_FLOOR_WINDOW_ID: Record<ReturnReason, string> = {
  no_reason: 'no-reason-7d',
  quality: 'quality-7d',
};

export interface CategoryDef {
  label: string;
  /** T3: excluded by law, no confirmation needed. */
  legalExclusion?: string;
  /** T5: excluded on these platforms. */
  platformExclusion?: { platforms: readonly Platform[]; why: string };
  /** T4: excludable only with the buyer's per-order confirmation; why it qualifies. */
  confirmationExcludable?: string;
  /** T7: what "not intact" means for this category. */
  intactHint?: string;
  /** Windows that replace DEFAULT_WINDOWS when they match. */
  windows?: readonly WindowDef[];
  /** T14: seller bears the burden of proof for 6 months. */
  durable?: boolean;
  /** Shop 过敏包退 promises (P-allergy) apply to this category. */
  allergyClaims?: boolean;
  /** Extra notes, by platform (empty = all). */
  notes?: readonly { platforms?: readonly Platform[]; ruleId: RuleId; text: string }[];
}

const HINT_SEALED = '食品、化妆品等：必要的一次性密封包装被拆开，就不算完好。';
const HINT_ELECTRONIC =
  '电子电器：非授权维修或改动、CCC 标志或序列号损坏、有使用磨损、已激活或留有个人信息，就不算完好。';
const HINT_TAGGED = '服装鞋帽、箱包、家纺等：吊牌被剪或拆除、有污渍或损坏，就不算完好。';
const JD: readonly Platform[] = ['jd'];

export const CATEGORIES = {
  general: { label: '一般商品' },
  custom_made: {
    label: '定制商品',
    legalExclusion: '消费者定作的商品',
    notes: [
      { platforms: JD, ruleId: 'T3', text: '京东：下单前就已存在的商品不算“定制”，仍适用七天无理由。' },
    ],
  },
  fresh: {
    label: '生鲜（易腐）',
    legalExclusion: '鲜活易腐的商品',
    windows: [
      {
        id: 'jd-fresh-48h',
        ruleId: 'T19',
        label: '京东生鲜 48 小时内拍照反馈',
        unit: 'hour',
        length: 48,
        platforms: JD,
        reasons: ['quality'],
        afterExpiry: 'no',
        legalFloor: false,
      },
    ],
  },
  fresh_live: {
    label: '活鲜',
    legalExclusion: '鲜活易腐的商品',
    windows: [
      {
        id: 'jd-fresh-live-12h',
        ruleId: 'T19',
        label: '京东活鲜 12 小时内拍照反馈',
        unit: 'hour',
        length: 12,
        platforms: JD,
        reasons: ['quality'],
        afterExpiry: 'no',
        legalFloor: false,
      },
    ],
  },
  digital_download: {
    label: '数字商品（下载/已拆封音像软件）',
    legalExclusion: '在线下载或已拆封的音像制品、计算机软件等数字化商品',
  },
  periodical: { label: '报纸期刊', legalExclusion: '已交付的报纸、期刊' },
  apparel: {
    label: '服装',
    intactHint: HINT_TAGGED,
    windows: [
      {
        id: 'jd-apparel-quality-15d',
        ruleId: 'T18',
        label: '京东服装质量问题 15 天',
        unit: 'day',
        length: 15,
        platforms: JD,
        reasons: ['quality'],
      },
    ],
  },
  shoes_bags: {
    label: '鞋靴箱包',
    intactHint: HINT_TAGGED,
    windows: [
      {
        id: 'jd-shoes-bags-return-7d',
        ruleId: 'T18',
        label: '京东鞋靴箱包 7 天退货',
        unit: 'day',
        length: 7,
        platforms: JD,
        kinds: ['return'],
      },
      {
        id: 'jd-shoes-bags-exchange-15d',
        ruleId: 'T18',
        label: '京东鞋靴箱包 15 天换货',
        unit: 'day',
        length: 15,
        platforms: JD,
        kinds: ['exchange'],
      },
    ],
  },
  electronics: {
    label: '数码电子（便携 3C）',
    intactHint: HINT_ELECTRONIC,
    confirmationExcludable: '激活或试用后价值明显下降的商品',
    windows: [
      {
        id: 'jd-3c-portable-appearance-48h',
        ruleId: 'T19',
        label: '京东 3C 外观瑕疵 48 小时内反馈',
        unit: 'hour',
        length: 48,
        platforms: JD,
        reasons: ['quality'],
        defectTypes: ['appearance'],
        afterExpiry: 'no',
        legalFloor: false,
      },
    ],
  },
  large_appliances: {
    label: '大家电（固定安装类）',
    intactHint: HINT_ELECTRONIC,
    confirmationExcludable: '激活或试用后价值明显下降的商品',
    durable: true,
    windows: [
      {
        id: 'jd-3c-fixed-appearance-72h',
        ruleId: 'T19',
        label: '京东大件外观瑕疵 72 小时内反馈',
        unit: 'hour',
        length: 72,
        platforms: JD,
        reasons: ['quality'],
        defectTypes: ['appearance'],
        afterExpiry: 'no',
        legalFloor: false,
      },
    ],
  },
  durables: {
    label: '耐用商品（电脑、电视、冰箱、空调、洗衣机、汽车等）',
    intactHint: HINT_ELECTRONIC,
    durable: true,
  },
  food: {
    label: '食品',
    intactHint: HINT_SEALED,
    confirmationExcludable: '拆封后易影响人身安全、健康或商品品质的商品',
  },
  cosmetics: {
    label: '化妆品',
    intactHint: HINT_SEALED,
    confirmationExcludable: '拆封后易影响人身安全、健康或商品品质的商品',
    allergyClaims: true,
    windows: [
      {
        id: 'jd-cosmetics-allergy-60d',
        ruleId: 'T18',
        label: '京东化妆品过敏 60 天',
        unit: 'day',
        length: 60,
        platforms: JD,
        allergy: true,
      },
    ],
  },
  personal_hygiene: {
    label: '贴身衣物/个人卫生用品',
    intactHint: HINT_TAGGED,
    confirmationExcludable: '拆封后易影响人身安全、健康的商品',
  },
  mobile_phone: {
    label: '手机',
    intactHint: HINT_ELECTRONIC,
    confirmationExcludable: '激活后价值明显下降的商品',
    windows: [
      {
        id: 'jd-3c-phone-appearance-48h',
        ruleId: 'T19',
        label: '京东 3C 外观瑕疵 48 小时内反馈',
        unit: 'hour',
        length: 48,
        platforms: JD,
        reasons: ['quality'],
        defectTypes: ['appearance'],
        afterExpiry: 'no',
        legalFloor: false,
      },
      {
        id: 'sanbao-phone-return-7d',
        ruleId: 'T15',
        label: '手机三包 7 日内退货',
        unit: 'day',
        length: 7,
        kinds: ['return'],
        reasons: ['quality'],
        afterExpiry: 'no',
      },
      {
        id: 'sanbao-phone-exchange-15d',
        ruleId: 'T15',
        label: '手机三包 15 日内换货',
        unit: 'day',
        length: 15,
        kinds: ['exchange'],
        reasons: ['quality'],
        afterExpiry: 'no',
      },
    ],
  },
  jewellery_precious: {
    label: '贵金属饰品',
    windows: [
      {
        id: 'jd-precious-return-48h',
        ruleId: 'T18',
        label: '京东贵金属饰品 48 小时退货（签收次日起）',
        unit: 'day',
        length: 2,
        platforms: JD,
        kinds: ['return'],
      },
      {
        id: 'jd-precious-exchange-7d',
        ruleId: 'T18',
        label: '京东贵金属饰品 7 天换货',
        unit: 'day',
        length: 7,
        platforms: JD,
        kinds: ['exchange'],
      },
    ],
  },
  jewellery_other: {
    label: '其他饰品',
    windows: [
      {
        id: 'jd-jewellery-return-7d',
        ruleId: 'T18',
        label: '京东饰品 7 天退货',
        unit: 'day',
        length: 7,
        platforms: JD,
        kinds: ['return'],
      },
      {
        id: 'jd-jewellery-exchange-15d',
        ruleId: 'T18',
        label: '京东饰品 15 天换货',
        unit: 'day',
        length: 15,
        platforms: JD,
        kinds: ['exchange'],
      },
    ],
  },
  home_textiles: {
    label: '家纺',
    intactHint: HINT_TAGGED,
    windows: [
      {
        id: 'jd-home-textiles-quality-15d',
        ruleId: 'T18',
        label: '京东家纺质量问题 15 天',
        unit: 'day',
        length: 15,
        platforms: JD,
        reasons: ['quality'],
      },
    ],
  },
  ceramics: {
    label: '陶瓷',
    windows: [
      {
        id: 'jd-ceramics-quality-7d',
        ruleId: 'T18',
        label: '京东陶瓷质量问题 7 天',
        unit: 'day',
        length: 7,
        platforms: JD,
        reasons: ['quality'],
      },
    ],
  },
  car_supplies: {
    label: '汽车用品',
    windows: [
      {
        id: 'jd-car-supplies-quality-15d',
        ruleId: 'T18',
        label: '京东汽车用品质量问题 15 天',
        unit: 'day',
        length: 15,
        platforms: JD,
        reasons: ['quality'],
      },
    ],
  },
  toys: { label: '玩具', intactHint: HINT_TAGGED },
  service: {
    label: '服务类商品',
    platformExclusion: { platforms: ['taobao', 'tmall'], why: '服务类商品' },
  },
  second_hand: {
    label: '二手闲置（个人）',
    platformExclusion: { platforms: ['taobao', 'tmall'], why: '闲鱼个人闲置（二手）商品' },
  },
  auction: {
    label: '拍卖商品',
    platformExclusion: { platforms: ['taobao', 'tmall'], why: '拍卖商品' },
  },
} as const satisfies Record<string, CategoryDef>;

export type CategoryId = keyof typeof CATEGORIES;
export const CATEGORY_IDS = Object.keys(CATEGORIES) as CategoryId[];

export function categoryDef(id: CategoryId): CategoryDef {
  return CATEGORIES[id];
}

/** Per-platform facts (T16/T17 quality handling, T22 receipt confirmation). */
export interface PlatformRuleDef {
  /** Platform rule on who pays in a quality dispute. */
  qualityRuleId?: Extract<RuleId, 'T16' | 'T17'>;
  /** Taobao: a no-reason exchange's shipping is ALL on the buyer (T10). */
  noReasonExchangeBuyerPaysAll?: boolean;
  /** T22: the seller can extend receipt by these many days. */
  receiptExtendDays?: readonly number[];
  /** T22: auto-confirm N days after shipping; the buyer may extend once by M days. */
  autoConfirm?: { daysAfterShipping: number; buyerExtendOnceDays: number };
  /** No public 7-day text in our sources: the law is the floor (research, S2 art 5). */
  legalFloorOnly?: boolean;
}

export const PLATFORM_RULES: Record<Platform, PlatformRuleDef> = {
  taobao: { qualityRuleId: 'T16', noReasonExchangeBuyerPaysAll: true, receiptExtendDays: [3, 5, 7, 10] },
  tmall: { qualityRuleId: 'T16', noReasonExchangeBuyerPaysAll: true, receiptExtendDays: [3, 5, 7, 10] },
  jd: { qualityRuleId: 'T17' },
  pdd: { legalFloorOnly: true },
  douyin: { legalFloorOnly: true, autoConfirm: { daysAfterShipping: 15, buyerExtendOnceDays: 3 } },
  other: { legalFloorOnly: true },
};
