import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Settings } from '../settings/schema';
import type { PageKind, SiteAdapter } from '../sites/types';

export interface FeatureContext {
  /** WXT's content-script context: its listeners and timers die with the extension. */
  ctx: ContentScriptContext;
  site: SiteAdapter;
  url: URL;
  pageKind: PageKind;
  /** Aborted on SPA navigation, settings change and teardown: hang every listener off it. */
  signal: AbortSignal;
  settings: Settings;
  isTopFrame: boolean;
}

export interface Feature {
  /** Equals the file name in lib/features/ (checked by tests/unit/features/registry.test.ts). */
  id: string;
  /** Whether the feature runs on this page. */
  include(context: FeatureContext): boolean;
  init(context: FeatureContext): void | Promise<void>;
}

export function defineFeature(feature: Feature): Feature {
  return feature;
}
