import { mkdtempSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { findChromium } from './chromium';
import { installDemoRoutes } from './demo-router';

export const EXTENSION_DIR = resolve(
  import.meta.dirname,
  '../..',
  process.env.KEFU_OUT_DIR ?? '.output',
  'chrome-mv3',
);

/** Flags that keep Chromium from phoning home on a closed network (see the machine notes). */
const QUIET_FLAGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-gpu',
  '--disable-dev-shm-usage',
];

export interface KefuBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  locale?: string;
  /** More Chromium switches (benches: e.g. frames not tied to the display's refresh). */
  extraArgs?: string[];
}

/** Chromium with the built extension loaded and the demo back-office answering seller URLs. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<KefuBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`扩展还没有构建：找不到 ${EXTENSION_DIR}/manifest.json（先运行 npm run build）`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'kefu-profile-'));
  const locale = options.locale ?? 'zh-CN';
  const args = [
    ...QUIET_FLAGS,
    `--lang=${locale}`,
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    ...(options.extraArgs ?? []),
  ];
  // Root (CI, containers) cannot use Chromium's sandbox.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    args,
    viewport: options.viewport ?? { width: 1366, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    locale,
    timezoneId: 'Asia/Shanghai',
    // Chromium on Linux takes its UI language (and so chrome.i18n's) from the environment.
    env: { ...process.env, LANGUAGE: locale.replace('-', '_'), LANG: `${locale.replace('-', '_')}.UTF-8` },
  });
  await installDemoRoutes(context);
  const serviceWorker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
