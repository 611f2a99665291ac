import { z } from 'zod';

/**
 * Wording hints while the agent types (issue 4 item 7): habitual expressions that sound rude or
 * cold next to the professional alternative, blind promises (the seeds: 切记盲目承诺), and the
 * absolute terms the Advertising Law bans (广告法 第九条第三项: 国家级、最高级、最佳…).
 *
 * Rules are data — team leads ship their own in packs — and literal: a pattern is plain text,
 * never a regular expression, so a pack cannot make typing slow. Words that contain a pattern
 * but are fine (最近, 最后一天, 第一时间) are listed as exceptions.
 */

export const WORDING_KINDS = ['rude', 'cold', 'promise', 'ad-law'] as const;
export type WordingKind = (typeof WORDING_KINDS)[number];

export const wordingRuleSchema = z
  .object({
    id: z.string().min(1).max(100),
    kind: z.enum(WORDING_KINDS),
    /** Literal text to flag. */
    pattern: z.string().min(1).max(200),
    /** Longer words that contain the pattern and are fine (最 → 最近). */
    except: z.array(z.string().min(1).max(50)).max(100).optional(),
    /** Flag only when the pattern is the whole reply (a bare 嗯). */
    whole: z.boolean().optional(),
    message: z.string().min(1).max(200),
    suggestion: z.string().max(200).optional(),
    source: z.string().max(300).optional(),
  })
  .refine((r) => (r.except ?? []).every((x) => x.includes(r.pattern)), {
    message: '例外词必须包含要提示的词',
    path: ['except'],
  });
export type WordingRule = z.infer<typeof wordingRuleSchema>;

export const wordingRuleSetSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  source: z.string().min(1).max(500),
  rules: z.array(wordingRuleSchema).max(2000),
});
export type WordingRuleSet = z.infer<typeof wordingRuleSetSchema>;

export interface WordingIssue {
  start: number;
  end: number;
  kind: WordingKind;
  message: string;
  suggestion?: string;
  ruleId: string;
}

const AD_LAW = '《中华人民共和国广告法》第九条第（三）项';
const SEEDS = '电商客服工作计划：注意语气，切记盲目承诺';

type RuleInput = Omit<WordingRule, 'kind'>;
const rules = (kind: WordingKind, list: RuleInput[]): WordingRule[] => list.map((r) => ({ kind, ...r }));

const RUDE = rules('rude', [
  {
    id: 'rude-must',
    pattern: '你必须',
    message: '命令口吻容易让买家反感',
    suggestion: '麻烦您……，这样我们能更快帮您处理',
  },
  {
    id: 'rude-wrong',
    pattern: '你错了',
    message: '直接指责买家',
    suggestion: '可能是我没说清楚，我们一起再看一下',
  },
  { id: 'rude-look', pattern: '你看清楚', message: '带有责备意味', suggestion: '麻烦您再核对一下' },
  {
    id: 'rude-understand',
    pattern: '听不懂',
    message: '像在嫌买家理解力差',
    suggestion: '可能我没表达清楚，我换个方式说明',
  },
  {
    id: 'rude-impossible',
    pattern: '不可能',
    message: '一口否定买家的反馈',
    suggestion: '这种情况比较少见，我马上帮您核实',
  },
  {
    id: 'rude-not-us',
    pattern: '不关我们的事',
    message: '推卸责任',
    suggestion: '我帮您联系负责的同事一起处理',
  },
  {
    id: 'rude-not-me',
    pattern: '不归我管',
    message: '推卸责任',
    suggestion: '我帮您转给负责的同事，处理好后告诉您',
  },
  { id: 'rude-said', pattern: '说过了', message: '显得不耐烦', suggestion: '我再跟您确认一下' },
  {
    id: 'rude-whatever',
    pattern: '随便你',
    message: '显得不耐烦',
    suggestion: '您看更倾向哪一种，我帮您安排',
  },
  { id: 'rude-again', pattern: '你怎么又', message: '带有埋怨', suggestion: '这边再帮您看一下' },
  { id: 'rude-rush', pattern: '催什么', message: '否定买家的着急', suggestion: '理解您着急，我马上帮您查' },
  {
    id: 'rude-buy-or-not',
    pattern: '爱买不买',
    message: '冒犯买家',
    suggestion: '您可以再考虑一下，有疑问随时问我',
  },
]);

const COLD = rules('cold', [
  {
    id: 'cold-you',
    pattern: '你',
    except: ['迷你', '你们'],
    message: '对买家称“您”更显尊重',
    suggestion: '您',
  },
  {
    id: 'cold-wait',
    pattern: '等着',
    except: ['等着急'],
    message: '像在打发买家',
    suggestion: '请您稍等，我马上为您处理',
  },
  {
    id: 'cold-dont-know',
    pattern: '我不知道',
    message: '显得不负责',
    suggestion: '我帮您查一下，稍后回复您',
  },
  { id: 'cold-unclear', pattern: '我不清楚', message: '显得不负责', suggestion: '我马上帮您确认' },
  {
    id: 'cold-no',
    pattern: '不行',
    except: ['行不行', '不行的话', '不行吗'],
    message: '直接拒绝显得生硬',
    suggestion: '这个暂时满足不了，我们可以……',
  },
  {
    id: 'cold-no-way',
    pattern: '没办法',
    message: '拒绝后最好给出替代方案',
    suggestion: '我们看看还有没有别的办法，比如……',
  },
  {
    id: 'cold-sold-out',
    pattern: '卖完了',
    message: '可以换成更积极的说法',
    suggestion: '这款太受欢迎，暂时缺货，到货后第一时间通知您',
  },
  {
    id: 'cold-rule',
    pattern: '规定就是这样',
    message: '拿规定堵买家',
    suggestion: '平台规则是这样的，我理解您的心情，我们看看怎么帮您',
  },
  {
    id: 'cold-yourself',
    pattern: '自己联系快递',
    message: '把问题推给买家',
    suggestion: '我们来帮您联系快递核实',
  },
  { id: 'cold-see-page', pattern: '自己看', message: '把问题推给买家', suggestion: '我把具体位置发给您' },
  {
    id: 'cold-en',
    pattern: '嗯',
    whole: true,
    message: '只回一个字显得冷淡',
    suggestion: '好的亲，马上为您处理',
  },
  {
    id: 'cold-o',
    pattern: '哦',
    whole: true,
    message: '只回一个字显得冷淡',
    suggestion: '好的，我明白了，这就帮您看',
  },
  {
    id: 'cold-ok',
    pattern: '好',
    whole: true,
    message: '只回一个字显得冷淡',
    suggestion: '好的亲，已经为您安排',
  },
]);

const PROMISE = rules(
  'promise',
  [
    {
      id: 'promise-guarantee',
      pattern: '保证',
      except: ['保证金'],
      message: '盲目承诺：做不到会引来投诉',
      suggestion: '我们会尽力……，有任何问题随时联系我们',
    },
    {
      id: 'promise-definitely',
      pattern: '一定',
      except: ['不一定', '一定要', '一定的', '一定程度', '说不一定'],
      message: '盲目承诺：结果不由客服决定时别说“一定”',
      suggestion: '我们会尽快……',
    },
    {
      id: 'promise-absolutely',
      pattern: '绝对',
      except: ['绝对值'],
      message: '盲目承诺',
      suggestion: '我们会尽量……',
    },
    { id: 'promise-100', pattern: '百分百', message: '盲目承诺', suggestion: '绝大多数情况下……' },
    { id: 'promise-100p', pattern: '100%', message: '盲目承诺', suggestion: '绝大多数情况下……' },
    {
      id: 'promise-surely',
      pattern: '肯定',
      except: ['不肯定'],
      message: '盲目承诺',
      suggestion: '一般情况下……，以实际为准',
    },
    {
      id: 'promise-satisfied',
      pattern: '包您满意',
      message: '盲目承诺',
      suggestion: '不满意可以联系我们处理',
    },
    {
      id: 'promise-unconditional',
      pattern: '无条件',
      message: '承诺超出平台规则和店铺政策',
      suggestion: '按平台规则和店铺政策为您办理',
    },
    {
      id: 'promise-no-problem',
      pattern: '不会有问题',
      message: '盲目承诺',
      suggestion: '有任何问题随时联系我们',
    },
    {
      id: 'promise-on-time',
      pattern: '准时送达',
      message: '时效由快递决定',
      suggestion: '预计……送达，以物流为准',
    },
  ].map((r) => ({ ...r, source: SEEDS })),
);

const ABSOLUTE = '广告法禁止绝对化用语';
const AD = rules(
  'ad-law',
  [
    {
      id: 'ad-most',
      pattern: '最',
      except: [
        '最近',
        '最后',
        '最终',
        '最初',
        '最早',
        '最晚',
        '最迟',
        '最快',
        '最慢',
        '最多',
        '最少',
        '最长',
        '最短',
        '最好',
        '最大程度',
        '最大限度',
        '最新物流',
        '最新的物流',
        '最新进度',
        '最新消息',
      ],
      message: `${ABSOLUTE}（“最”）`,
      suggestion: '很受欢迎 / 口碑不错',
    },
    {
      id: 'ad-first',
      pattern: '第一',
      except: [
        '第一时间',
        '第一次',
        '第一步',
        '第一天',
        '第一个',
        '第一件',
        '第一批',
        '第一单',
        '第一条',
        '第一项',
        '第一眼',
        '第一位',
        '第一页',
        '第一张',
      ],
      message: `${ABSOLUTE}（“第一”）`,
      suggestion: '深受欢迎',
    },
    ...['最好的', '最好用', '最好看', '最好吃', '最好喝'].map((pattern) => ({
      // 最好 alone is advice (您最好先拍照); as a claim about the goods it is a superlative
      id: `ad-best-${pattern}`,
      pattern,
      message: `${ABSOLUTE}（“${pattern}”）`,
      suggestion: '口碑不错',
    })),
    { id: 'ad-only', pattern: '唯一', message: `${ABSOLUTE}（“唯一”）`, suggestion: '少见的' },
    { id: 'ad-national', pattern: '国家级', message: `${ABSOLUTE}（“国家级”）` },
    { id: 'ad-world', pattern: '世界级', message: `${ABSOLUTE}（“世界级”）` },
    { id: 'ad-top', pattern: '顶级', message: `${ABSOLUTE}（“顶级”）`, suggestion: '高品质' },
    { id: 'ad-topmost', pattern: '顶尖', message: `${ABSOLUTE}（“顶尖”）`, suggestion: '高品质' },
    { id: 'ad-finest', pattern: '极品', message: `${ABSOLUTE}（“极品”）`, suggestion: '精选' },
    { id: 'ad-ultimate', pattern: '极致', message: `${ABSOLUTE}（“极致”）`, suggestion: '用心' },
    { id: 'ad-supreme', pattern: '至尊', message: `${ABSOLUTE}（“至尊”）` },
    { id: 'ad-unique', pattern: '独一无二', message: `${ABSOLUTE}（“独一无二”）`, suggestion: '很有特色' },
    { id: 'ad-unmatched', pattern: '绝无仅有', message: `${ABSOLUTE}（“绝无仅有”）` },
    { id: 'ad-unprecedented', pattern: '史无前例', message: `${ABSOLUTE}（“史无前例”）` },
    { id: 'ad-universal', pattern: '万能', message: `${ABSOLUTE}（“万能”）`, suggestion: '用途很多' },
    { id: 'ad-first-choice', pattern: '首选', message: `${ABSOLUTE}（“首选”）`, suggestion: '很多买家会选' },
    { id: 'ad-champion', pattern: '销量冠军', message: `${ABSOLUTE}（“销量冠军”）`, suggestion: '卖得很好' },
    { id: 'ad-ace', pattern: '王牌', message: `${ABSOLUTE}（“王牌”）`, suggestion: '招牌' },
  ].map((r) => ({ ...r, source: AD_LAW })),
);

export const DEFAULT_WORDING_RULES: WordingRuleSet = {
  id: 'kefu-default',
  name: '客服用语默认规则',
  source: `Kefu Kit 编写。绝对化用语依据${AD_LAW}；承诺与语气依据${SEEDS}。`,
  rules: [...RUDE, ...COLD, ...PROMISE, ...AD],
};

// ---------------------------------------------------------------------------------------------

interface Compiled {
  rule: WordingRule;
  /** Exceptions with every offset at which the pattern occurs inside them. */
  except: { word: string; offsets: number[] }[];
}

interface CompiledSet {
  byFirst: Map<string, Compiled[]>;
  whole: Map<string, WordingRule[]>;
}

const compiled = new WeakMap<readonly WordingRule[], CompiledSet>();

function compile(list: readonly WordingRule[]): CompiledSet {
  let c = compiled.get(list);
  if (c) return c;
  c = { byFirst: new Map(), whole: new Map() };
  for (const rule of list) {
    if (rule.whole) {
      c.whole.set(rule.pattern, [...(c.whole.get(rule.pattern) ?? []), rule]);
      continue;
    }
    const except = (rule.except ?? []).map((word) => {
      const offsets: number[] = [];
      for (let k = word.indexOf(rule.pattern); k >= 0; k = word.indexOf(rule.pattern, k + 1)) offsets.push(k);
      return { word, offsets };
    });
    const first = rule.pattern[0]!;
    c.byFirst.set(first, [...(c.byFirst.get(first) ?? []), { rule, except }]);
  }
  compiled.set(list, c);
  return c;
}

const TRAILING = /[\s。.!！~～]+$/;

function issue(rule: WordingRule, start: number, end: number): WordingIssue {
  return {
    start,
    end,
    kind: rule.kind,
    message: rule.message,
    ...(rule.suggestion ? { suggestion: rule.suggestion } : {}),
    ruleId: rule.id,
  };
}

/**
 * Hints for `text`, by position. One pass over the text with the rules grouped by first
 * character, so it runs on every keystroke. Of two hits of one kind, one inside the other, only
 * the longer is kept.
 */
export function findWordingIssues(
  text: string,
  list: readonly WordingRule[] = DEFAULT_WORDING_RULES.rules,
): WordingIssue[] {
  const { byFirst, whole } = compile(list);
  const found: WordingIssue[] = [];
  const bare = text.trim().replace(TRAILING, '');
  for (const rule of whole.get(bare) ?? []) {
    const start = text.indexOf(bare);
    found.push(issue(rule, start, start + bare.length));
  }
  for (let i = 0; i < text.length; i++) {
    const candidates = byFirst.get(text[i]!);
    if (!candidates) continue;
    for (const { rule, except } of candidates) {
      if (!text.startsWith(rule.pattern, i)) continue;
      const excused = except.some(({ word, offsets }) =>
        offsets.some((k) => i >= k && text.startsWith(word, i - k)),
      );
      if (!excused) found.push(issue(rule, i, i + rule.pattern.length));
    }
  }
  const kept = found.filter(
    (a) =>
      !found.some(
        (b) =>
          b !== a &&
          b.kind === a.kind &&
          b.start <= a.start &&
          b.end >= a.end &&
          b.end - b.start > a.end - a.start,
      ),
  );
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}
