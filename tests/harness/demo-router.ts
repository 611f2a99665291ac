import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';
import { DEMO_ROUTES } from '../fixtures/demo/routes';
import type { DemoRoute } from '../fixtures/demo/route-types';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO_DIR = join(ROOT, 'tests/fixtures/demo');
export const DEMO_HOST = 'kefu-demo.test';
export const DEMO_START_URL = `https://${DEMO_HOST}/`;

/** Framework builds the fixture pages load, straight from node_modules. */
const VENDOR: Record<string, string> = {
  'vue.global.prod.js': 'node_modules/vue/dist/vue.global.prod.js',
  'react.production.min.js': 'node_modules/react/umd/react.production.min.js',
  'react-dom.production.min.js': 'node_modules/react-dom/umd/react-dom.production.min.js',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The Content-Type a demo file is served with. */
export const contentTypeOf = (file: string) => TYPES[extname(file)] ?? 'application/octet-stream';

export function routeFor(url: URL): DemoRoute | undefined {
  return DEMO_ROUTES.find((route) =>
    route.serves.some((s) => s.host === url.hostname && url.pathname.startsWith(s.pathPrefix)),
  );
}

/** Resolves a request URL to a file of ours, or undefined (then: 404). */
export function fileFor(url: URL): string | undefined {
  if (url.hostname === DEMO_HOST) {
    const path = decodeURIComponent(url.pathname);
    if (path.startsWith('/vendor/')) {
      const vendor = VENDOR[path.slice('/vendor/'.length)];
      return vendor ? join(ROOT, vendor) : undefined;
    }
    if (path.startsWith('/shared/')) return inside(join(DEMO_DIR, 'shared'), path.slice('/shared/'.length));
    return undefined;
  }
  const route = routeFor(url);
  return route ? join(DEMO_DIR, route.file) : undefined;
}

/** Keeps `..` from escaping the folder. */
function inside(dir: string, relative: string): string | undefined {
  const full = normalize(join(dir, relative));
  return full.startsWith(dir + '/') ? full : undefined;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The demo's start page, built from the routes so it never lists a page that does not exist. */
export function startPageHtml(): string {
  const rows = DEMO_ROUTES.map(
    (r) =>
      `<li><a href="${escapeHtml(r.url)}">${escapeHtml(r.title)}</a> <code>${escapeHtml(r.url)}</code></li>`,
  ).join('\n');
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>客服工具箱 · 演示后台</title>
<style>body{font:14px/1.6 system-ui,'Noto Sans CJK SC',sans-serif;margin:32px;color:#1f2329}code{color:#646a73;font-size:12px}li{margin:6px 0}</style>
<h1>客服工具箱 · 演示后台</h1>
<p>下面的链接打开各平台的真实网址，由本地演示页面应答（不联网），扩展按真实的匹配规则注入。</p>
<ul>${rows}</ul></html>`;
}

async function answer(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  if (url.hostname === DEMO_HOST && (url.pathname === '/' || url.pathname === '/index.html')) {
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: startPageHtml() });
    return;
  }
  const file = url.protocol === 'https:' || url.protocol === 'http:' ? fileFor(url) : undefined;
  if (!file) {
    await route.fulfill({
      status: 404,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><title>404</title><p>演示后台没有这个页面：${url.href.replace(/[<>&]/g, '')}</p>`,
    });
    return;
  }
  try {
    const body = await readFile(file);
    await route.fulfill({
      status: 200,
      contentType: contentTypeOf(file),
      body,
    });
  } catch {
    await route.fulfill({ status: 404, contentType: 'text/plain; charset=utf-8', body: `missing ${file}` });
  }
}

/**
 * Answers the seller platforms' real URLs with the demo pages, inside the browser: nothing goes
 * to the network, and the extension's real match patterns apply.
 */
export async function installDemoRoutes(context: BrowserContext): Promise<void> {
  await context.route(/^https?:\/\//, answer);
}
