import { describe, expect, it } from 'vitest';
import { decideUpdateWith, parsePack, type Pack } from '../../../lib/packs';
import {
  checkSubscriptionUrl,
  fetchPackFile,
  isCheckDue,
  planCheck,
  SUBSCRIPTION_LIMITS,
} from '../../../lib/packs/subscription';

const URL_OK = 'https://packs.example-team.test/after-sales.json';

type Call = { url: string; init: RequestInit };

/** A fetch that answers from a function and records what it was asked. */
function fakeFetch(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const impl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init };
    calls.push(call);
    return answer(call);
  }) as typeof fetch;
  return { impl, calls };
}

const header = (call: Call, name: string) => (call.init.headers as Record<string, string>)[name];

describe('checkSubscriptionUrl', () => {
  it('accepts https and gives the origin pattern to ask permission for', () => {
    expect(checkSubscriptionUrl(` ${URL_OK}#top `)).toEqual({
      ok: true,
      url: URL_OK,
      origin: 'https://packs.example-team.test',
      originPattern: 'https://packs.example-team.test/*',
    });
    expect(checkSubscriptionUrl('https://intranet.shop:8443/p.json')).toMatchObject({
      ok: true,
      originPattern: 'https://intranet.shop:8443/*',
    });
  });

  it.each([
    ['', /请填写/],
    ['http://packs.example-team.test/p.json', /只支持 https/],
    ['ftp://x.test/p.json', /只支持 https/],
    ['not a url', /不是一个有效的网址/],
    ['https://user:pw@x.test/p.json', /用户名或密码/],
    [`https://x.test/${'a'.repeat(600)}`, /太长/],
  ])('refuses %j in Chinese', (input, message) => {
    const r = checkSubscriptionUrl(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});

describe('fetchPackFile', () => {
  it('returns the bytes and the validators, and sends none the first time', async () => {
    const { impl, calls } = fakeFetch(
      () =>
        new Response('{"a":1}', {
          status: 200,
          headers: { ETag: '"v1"', 'Last-Modified': 'Sat, 01 Mar 2025 02:00:00 GMT' },
        }),
    );
    const r = await fetchPackFile(URL_OK, { fetchImpl: impl });
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(new TextDecoder().decode(r.bytes)).toBe('{"a":1}');
    expect(r.etag).toBe('"v1"');
    expect(r.lastModified).toBe('Sat, 01 Mar 2025 02:00:00 GMT');
    expect(header(calls[0]!, 'If-None-Match')).toBeUndefined();
    expect(calls[0]!.init).toMatchObject({ cache: 'no-store', credentials: 'omit' });
  });

  it('sends If-None-Match / If-Modified-Since and understands 304', async () => {
    const { impl, calls } = fakeFetch(() => new Response(null, { status: 304 }));
    const r = await fetchPackFile(URL_OK, { fetchImpl: impl, etag: '"v1"', lastModified: 'yesterday' });
    expect(r).toEqual({ status: 'not-modified' });
    expect(header(calls[0]!, 'If-None-Match')).toBe('"v1"');
    expect(header(calls[0]!, 'If-Modified-Since')).toBe('yesterday');
  });

  it.each([
    [404, /找不到这个文件（404）/],
    [403, /拒绝访问（403）/],
    [503, /服务器出错（503）/],
  ])('explains HTTP %i in Chinese', async (status, message) => {
    const { impl } = fakeFetch(() => new Response('nope', { status }));
    const r = await fetchPackFile(URL_OK, { fetchImpl: impl });
    expect(r).toMatchObject({ status: 'error', httpStatus: status });
    expect(r.status === 'error' && r.message).toMatch(message);
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1024));
      },
    });
    const { impl } = fakeFetch(
      () => new Response(body, { status: 200, headers: { 'Content-Length': String(50 * 1024 * 1024) } }),
    );
    const r = await fetchPackFile(URL_OK, { fetchImpl: impl });
    expect(r.status === 'error' && r.message).toMatch(/文件太大/);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops reading an endless body at the size limit', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += 64 * 1024;
        c.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const { impl } = fakeFetch(() => new Response(body, { status: 200 }));
    const r = await fetchPackFile(URL_OK, { fetchImpl: impl, maxBytes: 1024 * 1024 });
    expect(r.status === 'error' && r.message).toMatch(/超过 1 MB，已停止下载/);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it('gives up after the timeout', async () => {
    // A server that accepts the connection and never answers.
    const stalled = fakeFetch(
      (call) =>
        new Promise<Response>((_resolve, reject) => {
          call.init.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        }),
    );
    const r = await fetchPackFile(URL_OK, { fetchImpl: stalled.impl, timeoutMs: 30 });
    expect(r.status === 'error' && r.message).toMatch(/超时/);
  });

  it('reports a network failure and never throws', async () => {
    const { impl } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const r = await fetchPackFile(URL_OK, { fetchImpl: impl });
    expect(r.status === 'error' && r.message).toMatch(/无法连接 packs\.example-team\.test/);
  });

  it('refuses a redirect to http', async () => {
    const { impl } = fakeFetch(() => {
      const res = new Response('{}', { status: 200 });
      Object.defineProperty(res, 'url', { value: 'http://evil.test/p.json' });
      return res;
    });
    const r = await fetchPackFile(URL_OK, { fetchImpl: impl });
    expect(r.status === 'error' && r.message).toMatch(/不安全的 http/);
  });

  it('never fetches a non-https address', async () => {
    const { impl, calls } = fakeFetch(() => new Response('{}'));
    const r = await fetchPackFile('http://x.test/p.json', { fetchImpl: impl });
    expect(r.status).toBe('error');
    expect(calls).toHaveLength(0);
  });
});

describe('isCheckDue', () => {
  const gap = SUBSCRIPTION_LIMITS.minGapMs;
  it('checks when never checked, when forced, when the gap passed or the clock went back', () => {
    expect(isCheckDue({}, 1000)).toBe(true);
    expect(isCheckDue({ lastCheckedAt: 1000 }, 1000 + gap - 1)).toBe(false);
    expect(isCheckDue({ lastCheckedAt: 1000 }, 1000 + gap - 1, true)).toBe(true);
    expect(isCheckDue({ lastCheckedAt: 1000 }, 1000 + gap)).toBe(true);
    expect(isCheckDue({ lastCheckedAt: 5000 }, 1000)).toBe(true);
  });
});

describe('planCheck', () => {
  const pack = (version: number, extra: Partial<Pack> = {}): Pack => {
    const r = parsePack({
      format: 'kefu-pack/1',
      id: 'team',
      name: '组',
      version,
      publisher: '组长',
      updatedAt: '2025-03-01T10:00:00+08:00',
      changelog: '',
      phrases: [{ id: 'a', title: 'A', variants: [`第 ${version} 版`] }],
      ...extra,
    });
    if (!r.ok) throw new Error('bad fixture');
    return r.pack;
  };
  const plan = (installed: Pack, incoming: Pack, autoApply: boolean, heldBackVersion?: number) =>
    planCheck({
      decision: decideUpdateWith({ installed, incoming }),
      incomingVersion: incoming.version,
      autoApply,
      installedSigned: !!installed.signature,
      incomingSigned: !!incoming.signature,
      ...(heldBackVersion !== undefined ? { heldBackVersion } : {}),
    });

  it('applies a clean upgrade only when the agent chose automatic updates', () => {
    expect(plan(pack(1), pack(2), true)).toEqual({ action: 'apply' });
    expect(plan(pack(1), pack(2), false)).toMatchObject({ action: 'review' });
  });
  it('asks for review when a signed pack turns unsigned, even with automatic updates', () => {
    const sig = { alg: 'ECDSA-P256-SHA256' as const, keyId: 'X', value: 'AA==' };
    expect(plan({ ...pack(1), signature: sig }, pack(2), true)).toMatchObject({
      action: 'review',
      reason: expect.stringMatching(/没有签名/),
    });
    // Signed but no key pinned: a standing note, not a reason to stop automatic updates.
    expect(plan({ ...pack(1), signature: sig }, { ...pack(2), signature: sig }, true)).toEqual({
      action: 'apply',
    });
  });
  it('does nothing for the same version, and holds back what was rolled back from', () => {
    expect(plan(pack(2), pack(2), true)).toEqual({ action: 'unchanged' });
    expect(plan(pack(1), pack(2), true, 2)).toEqual({ action: 'held-back' });
    expect(plan(pack(1), pack(3), true, 2)).toEqual({ action: 'apply' });
  });
  it('refuses downgrades and changed content under the same version', () => {
    expect(plan(pack(2), pack(1), true)).toMatchObject({
      action: 'refuse',
      message: expect.stringMatching(/旧/),
    });
    expect(plan(pack(2), pack(2, { name: '改名' }), true)).toMatchObject({ action: 'refuse' });
  });
});
