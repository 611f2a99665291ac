import { browser } from 'wxt/browser';
import { tabProtocol, type TabResponse } from '../messaging/tab-messages';
import { detectSite } from '../sites';
import type { Platform } from '../sites/platforms';
import type { SiteId } from '../sites/types';

/**
 * The page the popup inserts into: the active tab (or `?tab=<id>` when the popup is opened as a
 * page, as tests and the bench do), and in it the frame whose field the agent focused last —
 * every frame's popup-insert feature remembers its own (lib/features/popup-insert.ts).
 */
export interface TabTarget {
  tabId: number;
  url?: URL;
  site?: SiteId;
  platform?: Platform;
}

export interface FieldTarget {
  frameId: number;
  field?: string;
  focusedAt: number;
}

export interface PageInfo {
  tab?: TabTarget;
  /** Where an insert goes; undefined: no frame remembers a focused field. */
  field?: FieldTarget;
  /** Template variable values the page shows (buyer nick, order id, item). */
  context: Record<string, string>;
}

function parseUrl(url: string | undefined): URL | undefined {
  try {
    return url ? new URL(url) : undefined;
  } catch {
    return undefined;
  }
}

export async function findTab(search = location.search): Promise<TabTarget | undefined> {
  const asked = Number(new URLSearchParams(search).get('tab'));
  const tab =
    Number.isInteger(asked) && asked > 0
      ? await browser.tabs.get(asked).catch(() => undefined)
      : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) return undefined;
  const url = parseUrl(tab.url);
  if (!url || !/^https?:$/.test(url.protocol)) return { tabId: tab.id, url };
  const site = detectSite(url);
  return { tabId: tab.id, url, site: site.id, platform: site.platform };
}

/** Frame ids of the tab where we may run (our content script runs only on the seller hosts). */
async function frameIds(tabId: number): Promise<number[]> {
  try {
    const results = await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: () => 0,
    });
    const ids = results.map((r) => r.frameId).filter((id): id is number => typeof id === 'number');
    return ids.length ? ids : [0];
  } catch {
    return [0];
  }
}

async function probe(tabId: number, frameId: number) {
  try {
    const raw = await browser.tabs.sendMessage(tabId, { type: 'popup-insert:probe' }, { frameId });
    const parsed = tabProtocol['popup-insert:probe'].response.safeParse(raw);
    return parsed.success ? { frameId, ...parsed.data } : undefined;
  } catch {
    return undefined; // no content script in that frame
  }
}

/** Asks every frame; the most recently focused field wins, context merges (top frame first). */
export async function probePage(tab: TabTarget | undefined): Promise<PageInfo> {
  if (!tab || !tab.site) return { tab, context: {} };
  const answers = (await Promise.all((await frameIds(tab.tabId)).map((id) => probe(tab.tabId, id)))).filter(
    (a) => a !== undefined,
  );
  const context: Record<string, string> = {};
  for (const a of answers.sort((x, y) => x.frameId - y.frameId)) {
    for (const [k, v] of Object.entries(a.context)) context[k] ??= v;
  }
  const best = answers.filter((a) => a.hasField).sort((x, y) => y.focusedAt - x.focusedAt)[0];
  return {
    tab,
    context,
    ...(best ? { field: { frameId: best.frameId, field: best.field, focusedAt: best.focusedAt } } : {}),
  };
}

export type InsertOutcome = TabResponse<'popup-insert:insert'> | { ok: false; reason: 'no-page' };

export async function insertIntoPage(page: PageInfo, text: string): Promise<InsertOutcome> {
  if (!page.tab || !page.field) return { ok: false, reason: page.tab?.site ? 'no-field' : 'no-page' };
  try {
    const raw = await browser.tabs.sendMessage(
      page.tab.tabId,
      { type: 'popup-insert:insert', text },
      { frameId: page.field.frameId },
    );
    const parsed = tabProtocol['popup-insert:insert'].response.safeParse(raw);
    return parsed.success ? parsed.data : { ok: false, reason: 'failed' };
  } catch {
    return { ok: false, reason: 'gone' };
  }
}
