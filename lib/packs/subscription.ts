import type { UpdateDecision } from './update';
import type { PackSubscription } from './installed';
import { PACK_LIMITS } from './schema';

/**
 * Subscriptions: fetching a pack from a URL (any static host or the shop's intranet), cheaply
 * and safely, and deciding what a check's result means. The fetch never throws and never reads
 * more than the pack size limit; the decisions are pure and unit-tested with a fake fetch.
 */

export const SUBSCRIPTION_LIMITS = {
  /** Whole request, headers and body. Intranet servers can be slow, hostile ones can trickle. */
  timeoutMs: 20_000,
  maxBytes: PACK_LIMITS.fileBytes,
  /** The background's alarm period; a check skips packs checked more recently than `minGapMs`. */
  alarmMinutes: 60,
  minGapMs: 30 * 60 * 1000,
} as const;

export type UrlCheck =
  { ok: true; url: string; origin: string; originPattern: string } | { ok: false; message: string };

/** Validates a subscription address and gives the origin pattern to ask permission for. */
export function checkSubscriptionUrl(input: string): UrlCheck {
  const text = input.trim();
  if (!text) return { ok: false, message: '请填写短语包的网址' };
  if (text.length > PACK_LIMITS.urlMax) {
    return { ok: false, message: `网址太长：最多 ${PACK_LIMITS.urlMax} 个字符` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: '这不是一个有效的网址，应以 https:// 开头，例如 https://example.com/team.kefu-pack.json',
    };
  }
  if (url.protocol === 'http:') {
    return {
      ok: false,
      message:
        '只支持 https:// 地址：http 地址在店里的 Wi-Fi 上可能被人替换内容。请让组长把文件放在 https 网站上',
    };
  }
  if (url.protocol !== 'https:') return { ok: false, message: '只支持 https:// 开头的网址' };
  if (url.username || url.password) {
    return { ok: false, message: '网址里不能带用户名或密码（会被保存在扩展里），请换一个公开的或内网的地址' };
  }
  if (!url.hostname) return { ok: false, message: '网址缺少域名' };
  url.hash = '';
  return { ok: true, url: url.href, origin: url.origin, originPattern: `${url.origin}/*` };
}

export type FetchPackResult =
  | { status: 'not-modified' }
  | { status: 'ok'; bytes: Uint8Array; etag?: string; lastModified?: string }
  | { status: 'error'; message: string; httpStatus?: number };

export interface FetchPackOptions {
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  maxBytes?: number;
  /** For tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

function httpMessage(status: number, host: string): string {
  if (status === 404 || status === 410) return `${host} 上找不到这个文件（${status}），请向组长确认地址`;
  if (status === 401 || status === 403) return `${host} 拒绝访问（${status}）：这个地址需要登录或没有公开`;
  if (status === 429) return `${host} 暂时拒绝了请求（请求太频繁，429），稍后会自动重试`;
  if (status >= 500) return `${host} 服务器出错（${status}），稍后会自动重试`;
  return `${host} 返回了意外的状态 ${status}`;
}

/**
 * Fetches a pack file with the validators of the last successful fetch. Reads the body as a
 * stream and stops as soon as it passes `maxBytes`, so a huge or endless response costs at most
 * that much memory. Credentials are never sent: a subscription is a public or intranet file.
 */
export async function fetchPackFile(
  rawUrl: string,
  options: FetchPackOptions = {},
): Promise<FetchPackResult> {
  const checked = checkSubscriptionUrl(rawUrl);
  if (!checked.ok) return { status: 'error', message: checked.message };
  const host = new URL(checked.url).host;
  const maxBytes = options.maxBytes ?? SUBSCRIPTION_LIMITS.maxBytes;
  const timeoutMs = options.timeoutMs ?? SUBSCRIPTION_LIMITS.timeoutMs;
  const doFetch = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const headers: Record<string, string> = { Accept: 'application/json, text/plain;q=0.9, */*;q=0.1' };
  if (options.etag) headers['If-None-Match'] = options.etag;
  if (options.lastModified) headers['If-Modified-Since'] = options.lastModified;
  try {
    const res = await doFetch(checked.url, {
      headers,
      // Our own validators decide; the HTTP cache must not answer (or add its own) for us.
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'follow',
      signal: controller.signal,
    });
    if (res.url && !res.url.startsWith('https:')) {
      await res.body?.cancel().catch(() => undefined);
      return { status: 'error', message: `${host} 把请求转到了不安全的 http 地址，已停止下载` };
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => undefined);
      return { status: 'not-modified' };
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      return { status: 'error', httpStatus: res.status, message: httpMessage(res.status, host) };
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      return { status: 'error', message: `文件太大（${MB(declared)}）：短语包最大 ${MB(maxBytes)}` };
    }
    const bytes = await readLimited(res, maxBytes);
    if (!bytes) return { status: 'error', message: `文件太大：超过 ${MB(maxBytes)}，已停止下载` };
    const etag = res.headers.get('etag') ?? undefined;
    const lastModified = res.headers.get('last-modified') ?? undefined;
    return {
      status: 'ok',
      bytes,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  } catch (e) {
    if (timedOut)
      return { status: 'error', message: `连接 ${host} 超时（${Math.round(timeoutMs / 1000)} 秒）` };
    const detail = e instanceof Error ? e.message : String(e);
    return {
      status: 'error',
      message: `无法连接 ${host}：请检查网络、地址，以及是否允许了扩展访问这个网站（${detail.slice(0, 100)}）`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The body, or null once it passes `maxBytes` (the rest is never downloaded). */
async function readLimited(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    return buf.byteLength > maxBytes ? null : buf;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Whether a scheduled check should fetch this subscription now. */
export function isCheckDue(
  sub: Pick<PackSubscription, 'lastCheckedAt'>,
  now: number,
  force = false,
): boolean {
  if (force || sub.lastCheckedAt === undefined) return true;
  // A clock set backwards must not stop checks for good.
  if (sub.lastCheckedAt > now) return true;
  return now - sub.lastCheckedAt >= SUBSCRIPTION_LIMITS.minGapMs;
}

export type CheckPlan =
  | { action: 'apply' }
  | { action: 'review'; reason: string }
  | { action: 'unchanged' }
  | { action: 'held-back' }
  | { action: 'refuse'; message: string };

/**
 * What a check does with a fetched pack, given the update decision (decideUpdate with the
 * pinned key). Automatic apply only for a clean upgrade: a pack that was signed and now comes
 * unsigned waits for the agent to read why, even when the agent chose automatic updates.
 */
export function planCheck(input: {
  decision: UpdateDecision;
  incomingVersion: number;
  autoApply: boolean;
  heldBackVersion?: number;
  /** Whether the installed and the incoming version carry a signature. */
  installedSigned?: boolean;
  incomingSigned?: boolean;
}): CheckPlan {
  const { decision } = input;
  if (decision.decision === 'refuse') return { action: 'refuse', message: decision.message };
  if (decision.kind === 'unchanged') return { action: 'unchanged' };
  // After a rollback the version rolled back from (and older ones) are not offered again.
  if (input.heldBackVersion !== undefined && input.incomingVersion <= input.heldBackVersion) {
    return { action: 'held-back' };
  }
  if (decision.kind === 'downgrade') return { action: 'refuse', message: decision.message };
  if (!input.autoApply) return { action: 'review', reason: '等待你确认更新' };
  if (input.installedSigned && !input.incomingSigned) {
    return { action: 'review', reason: '已安装的版本有签名，这次更新却没有签名，请先确认来源再更新' };
  }
  return { action: 'apply' };
}
