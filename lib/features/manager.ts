import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { getSettings, watchSettings } from '../settings/store';
import type { Settings } from '../settings/schema';
import { detectSite } from '../sites';
import type { Feature, FeatureContext } from './types';

export type FeatureStatus = 'running' | 'skipped' | 'disabled' | 'failed';

/**
 * Runs each feature isolated: one that throws is logged and marked failed, and the page and the
 * other features go on. Re-runs everything on SPA navigation and settings changes, aborting what
 * the previous run started.
 */
export function startFeatures(ctx: ContentScriptContext, features: readonly Feature[]): void {
  let run: AbortController | undefined;

  const start = async (settings: Settings, url = new URL(location.href)) => {
    run?.abort();
    const controller = new AbortController();
    run = controller;
    ctx.onInvalidated(() => controller.abort());

    const site = detectSite(url);
    const context: FeatureContext = {
      ctx,
      site,
      url,
      pageKind: site.pageKind(url, document),
      signal: controller.signal,
      settings,
      isTopFrame: window.top === window,
    };
    const disabled = new Set(settings.disabledFeatures[site.id] ?? []);
    const statuses: Record<string, FeatureStatus> = {};

    await Promise.all(
      features.map(async (feature) => {
        if (disabled.has(feature.id)) return void (statuses[feature.id] = 'disabled');
        try {
          if (!feature.include(context)) return void (statuses[feature.id] = 'skipped');
          await feature.init(context);
          statuses[feature.id] = 'running';
        } catch (error) {
          statuses[feature.id] = 'failed';
          console.error(`[kefu] feature "${feature.id}" failed`, error);
        }
      }),
    );
    if (controller.signal.aborted) return;
    // A marker other frames, tests and support can read: which site and page we saw, what runs.
    document.documentElement.dataset.kefuKit = `${site.id}:${context.pageKind}`;
    document.documentElement.dataset.kefuFeatures = Object.entries(statuses)
      .filter(([, status]) => status === 'running')
      .map(([id]) => id)
      .join(' ');
  };

  let settings: Settings | undefined;
  void getSettings().then((loaded) => {
    settings = loaded;
    void start(loaded);
  });
  // The Navigation API announces a route change before location.href changes: use its new URL.
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    if (settings) void start(settings, new URL(newUrl.href));
  });
  const unwatch = watchSettings((next) => {
    settings = next;
    void start(next);
  });
  ctx.onInvalidated(unwatch);
}
