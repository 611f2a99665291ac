/**
 * Reading text off Douyin pages (抖店, 飞鸽): labels, money in yuan, Shanghai times. The helpers
 * are the same as Pinduoduo's, so they are shared rather than copied.
 */
export * from '../pdd/parse';
