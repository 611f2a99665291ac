/**
 * JD pages show labels, money and times the same way as Taobao's (full-width colons, yuan,
 * Asia/Shanghai): one implementation, in lib/sites/taobao/parse.ts.
 */
export {
  amountWithShipping,
  chatTimeMs,
  distinctTexts,
  shanghaiIso,
  textOf,
  valueAfter,
  yuanToFen,
} from '../taobao/parse';
