import { douyinAdapter } from './douyin';
import { genericAdapter } from './generic';
import { jdAdapter } from './jd';
import { pddAdapter } from './pdd';
import { taobaoAdapter } from './taobao';
import type { SiteAdapter } from './types';

/** Every platform adapter, in one explicit list; the generic fallback comes last. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [taobaoAdapter, jdAdapter, pddAdapter, douyinAdapter];

export function detectSite(url: URL): SiteAdapter {
  return SITE_ADAPTERS.find((adapter) => adapter.matchesHost(url)) ?? genericAdapter;
}

export { genericAdapter };
export type * from './types';
