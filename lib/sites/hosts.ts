/**
 * The seller back-office hosts Kefu Kit runs on. Used by the manifest (host permissions,
 * content-script matches) and by the demo, which answers these real URLs with fixture pages.
 * Sources: shared/research/seller-pages.md.
 */
export const SELLER_HOSTS = [
  // Taobao/Tmall: old sold list, order detail, memo page; Qianniu web workbench.
  'trade.taobao.com',
  'myseller.taobao.com',
  'qn.taobao.com',
  // JD: old and new order lists; 咚咚 web chat.
  'porder.shop.jd.com',
  'shop.jd.com',
  'dongdong.jd.com',
  // Pinduoduo: orders and chat share one host.
  'mms.pinduoduo.com',
  // Douyin: 抖店 orders; 飞鸽 chat.
  'fxg.jinritemai.com',
  'im.jinritemai.com',
] as const;

export type SellerHost = (typeof SELLER_HOSTS)[number];

export const SELLER_HOST_PATTERNS: readonly string[] = SELLER_HOSTS.map((host) => `https://${host}/*`);
