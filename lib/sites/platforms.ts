/** Platform ids shared by every part of the product (no DOM here: pure data). */
export const PLATFORMS = ['taobao', 'tmall', 'jd', 'pdd', 'douyin', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Record<Platform, { zh: string; en: string }> = {
  taobao: { zh: '淘宝', en: 'Taobao' },
  tmall: { zh: '天猫', en: 'Tmall' },
  jd: { zh: '京东', en: 'JD' },
  pdd: { zh: '拼多多', en: 'Pinduoduo' },
  douyin: { zh: '抖店', en: 'Douyin' },
  other: { zh: '其他', en: 'Other' },
};
