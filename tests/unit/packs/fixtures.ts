import type { PackInput, PackPhrase } from '../../../lib/packs/schema';

/** A small, complete pack: what a team lead would really publish. */
export function samplePack(): PackInput {
  return {
    $schema: '../docs/pack.schema.json',
    format: 'kefu-pack/1',
    id: 'mianmian-after-sales',
    name: '棉棉家居 · 售后话术',
    version: 3,
    publisher: '售后组 王组长',
    updatedAt: '2025-03-01T10:00:00+08:00',
    changelog: [
      { version: 3, date: '2025-03-01', notes: '新增“物流慢”安抚话术；黄旗改为“问题件·缺货”' },
      { version: 2, date: '2025-02-10', notes: '换货运费改为双方各一半' },
    ],
    phrases: [
      {
        id: 'ship-urge',
        title: '催发货',
        shortcut: 'cfh',
        category: '售中/发货时间',
        tags: ['发货', '催单'],
        variants: [
          '亲，您的订单已经在打包了，今天 17 点前会发出，发出后物流信息会同步给您哦～',
          '亲亲别着急，仓库正在加急处理您的包裹，发货后第一时间提醒您查收～',
          '收到～已经帮您备注优先发货啦，有任何进展都会及时告诉您的！',
        ],
      },
      {
        id: 'logistics-slow',
        title: '物流慢安抚',
        shortcut: 'wlm',
        category: '售中/物流查询',
        variants: [
          '非常抱歉让您久等了！这边已经联系快递加急派送，预计 1–2 天内送到，有消息马上告诉您。',
          '理解您的心情，包裹确实比平时慢了一些，我已经帮您催促快递网点，请您再耐心等一下下～',
        ],
        platforms: ['taobao', 'tmall', 'jd'],
      },
      {
        id: 'size-advice',
        title: '尺码推荐',
        shortcut: 'cm',
        category: '售前/尺码推荐',
        tags: ['尺码'],
        variants: ['亲，方便告诉我您的身高和体重吗？我帮您对照尺码表推荐最合适的尺码～'],
      },
      {
        id: 'return-ok',
        title: '同意退货',
        shortcut: 'ty-th',
        category: '售后/退货',
        variants: [
          '亲，已经为您同意退货申请了。商品请保持完好、吊牌齐全，寄回时在包裹里留张纸条写上订单号，收到后会尽快为您退款～',
        ],
      },
    ],
    flagLegend: {
      name: '棉棉家居旗帜说明',
      flags: {
        normal: { colour: 'gray', label: { zh: '正常' } },
        'ship-attention': {
          colour: 'red',
          label: { zh: '发货需注意' },
          description: '看备注再打包，别漏赠品',
        },
        problem: { colour: 'yellow', label: { zh: '问题件·缺货' }, description: '缺货或需联系买家' },
        'follow-up': { colour: 'green', label: { zh: '待跟进' } },
        exchange: { colour: 'blue', label: { zh: '换货' } },
        return: { colour: 'purple', label: { zh: '退货' } },
      },
    },
    remarkTemplates: [
      {
        id: 'gift',
        title: '送赠品',
        fields: [
          { name: 'gift', label: '赠品', kind: 'text', required: true },
          { name: 'courier', label: '快递', kind: 'select', options: ['申通', '圆通', '顺丰'] },
        ],
        body: '送{gift}一份[,发{courier}]',
        suggestedFlag: 'ship-attention',
      },
    ],
    returnPolicy: {
      exchangeShippingSplit: true,
      allergyReturnDays: 60,
      graceDays: 2,
      noReasonDays: 15,
      asOf: '2025-03-01',
    },
    registerReasons: ['尺码不合适', '质量问题', '与描述不符', '不想要了', '物流太慢'],
  };
}

const STAGES = [
  '售前/欢迎',
  '售前/议价',
  '售中/催付',
  '售中/物流查询',
  '售后/退货',
  '售后/换货',
  '异议处理/太贵了',
];
const OPENERS = ['亲', '亲亲', '您好', '宝贝', '亲爱的'];
const BODIES = [
  '您的订单已经在打包了，今天就会发出哦',
  '这款是我们店的爆款，质量您放心',
  '已经帮您备注优先处理啦，有进展马上告诉您',
  '非常抱歉给您带来不便，我们一定给您一个满意的处理',
  '这个价格已经是活动最低价了，现在下单还送小礼物',
  '退货请保持商品完好，吊牌不要拆哦',
  '物流信息可能有延迟，我这边帮您联系快递加急',
];

/** Deterministic pseudo-random phrases (the bench and the round-trip tests need many). */
export function makePhrases(count: number, seed = 1, prefix = 'p'): PackPhrase[] {
  let s = seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const out: PackPhrase[] = [];
  for (let i = 0; i < count; i++) {
    const variants: string[] = [];
    const n = 1 + Math.floor(rnd() * 3);
    for (let v = 0; v < n; v++) variants.push(`${pick(OPENERS)}，${pick(BODIES)}～（${i}-${v}）`);
    const phrase: PackPhrase = {
      id: `${prefix}${i}`,
      title: `${pick(BODIES).slice(0, 8)} ${i}`,
      category: pick(STAGES),
      variants,
    };
    if (rnd() < 0.7) phrase.shortcut = `k${i}`;
    if (rnd() < 0.5) phrase.tags = [pick(['发货', '催单', '尺码', '退货', '优惠']), `t${i % 17}`];
    if (rnd() < 0.2) phrase.platforms = rnd() < 0.5 ? ['taobao', 'tmall'] : ['jd'];
    out.push(phrase);
  }
  return out;
}

export function makePack(count: number, seed = 1, version = 1): PackInput {
  return {
    format: 'kefu-pack/1',
    id: 'bench-pack',
    name: '压力测试短语包',
    version,
    publisher: '测试组',
    updatedAt: '2025-03-01T10:00:00+08:00',
    changelog: '生成的测试数据',
    phrases: makePhrases(count, seed),
  };
}
