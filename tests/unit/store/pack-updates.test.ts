import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportKeyJwk, generateTeamKey, publicJwkOf, signPack } from '../../../lib/packs';
import { checkSubscription, checkSubscriptions } from '../../../lib/background/pack-updates';
import { storedPhraseId } from '../../../lib/packs/installed';
import { getHistoryPack, getPackRecord, installPack, rollbackPack } from '../../../lib/store/packs-repo';
import { freshDb, mustParse, snapshot, storedPhrase, teamPack } from './packs-helpers';

const ID = 'team-after-sales';
const URL = 'https://packs.example-team.test/after-sales.json';

/** A pack host with ETags: serves whatever `body` is now, 304 when the client has it. */
function fakeHost() {
  const host = { body: '', etag: '"0"', requests: [] as { ifNoneMatch?: string }[] };
  const impl = (async (_url: RequestInfo | URL, init: RequestInit = {}) => {
    const ifNoneMatch = (init.headers as Record<string, string>)['If-None-Match'];
    host.requests.push({ ifNoneMatch });
    if (ifNoneMatch === host.etag) return new Response(null, { status: 304 });
    return new Response(host.body, { status: 200, headers: { ETag: host.etag } });
  }) as typeof fetch;
  const serve = (body: unknown, etag: string) => {
    host.body = typeof body === 'string' ? body : JSON.stringify(body);
    host.etag = etag;
  };
  return { host, impl, serve };
}

let pair: CryptoKeyPair;
let publicJwk: JsonWebKey;
beforeAll(async () => {
  pair = await generateTeamKey();
  publicJwk = publicJwkOf(await exportKeyJwk(pair.publicKey));
});

async function subscribed(autoApply: boolean, pinned = false) {
  const db = await freshDb();
  const { host, impl, serve } = fakeHost();
  const v1 = await signPack(mustParse(teamPack(1)), pair);
  serve(v1, '"v1"');
  const r = await installPack(db, host.body, {
    subscription: { url: URL, autoApply, etag: '"v1"', lastCheckedAt: 0 },
    ...(pinned ? { trust: { publicJwk } } : {}),
  });
  expect(r.ok).toBe(true);
  return { db, host, impl, serve };
}

describe('checkSubscription', () => {
  it('uses the ETag: an unchanged file is not downloaded again', async () => {
    const { db, host, impl } = await subscribed(false);
    const r = await checkSubscription(db, ID, { fetchImpl: impl, force: true, now: 10 });
    expect(r).toMatchObject({ status: 'unchanged', message: '已是最新（第 1 版）' });
    expect(host.requests[0]?.ifNoneMatch).toBe('"v1"');
    expect((await getPackRecord(db, ID))?.subscription).toMatchObject({
      lastCheckedAt: 10,
      lastStatus: 'unchanged',
    });
  });

  it('keeps a new version for review and remembers its ETag', async () => {
    const { db, impl, serve, host } = await subscribed(false);
    serve(
      await signPack(mustParse(teamPack(2, [{ id: 'new', title: '新', variants: ['新话术'] }])), pair),
      '"v2"',
    );
    const r = await checkSubscription(db, ID, { fetchImpl: impl, force: true });
    expect(r).toMatchObject({ status: 'pending', version: 2 });
    const record = await getPackRecord(db, ID);
    expect(record?.pack.version).toBe(1);
    expect(record?.pendingInfo?.version).toBe(2);
    expect((await getHistoryPack(db, ID, 'pending'))?.phrases.map((p) => p.id)).toContain('new');
    expect(record?.subscription?.etag).toBe('"v2"');
    expect(await storedPhrase(db, storedPhraseId(ID, 'new'))).toBeUndefined();
    await checkSubscription(db, ID, { fetchImpl: impl, force: true });
    expect(host.requests.at(-1)?.ifNoneMatch).toBe('"v2"');
  });

  it('applies automatically when the agent chose so', async () => {
    const { db, impl, serve } = await subscribed(true);
    serve(
      await signPack(mustParse(teamPack(2, [{ id: 'new', title: '新', variants: ['新话术'] }])), pair),
      '"v2"',
    );
    const applied: string[] = [];
    const r = await checkSubscription(db, ID, {
      fetchImpl: impl,
      force: true,
      onApplied: (id) => void applied.push(id),
    });
    expect(r).toMatchObject({ status: 'updated', version: 2 });
    expect(applied).toEqual([ID]);
    expect((await storedPhrase(db, storedPhraseId(ID, 'new')))?.title).toBe('新');
    expect((await getPackRecord(db, ID))?.subscription).toMatchObject({
      etag: '"v2"',
      lastStatus: 'updated',
    });
  });

  it('refuses a tampered update of a pinned pack, says why, and keeps the installed version', async () => {
    const { db, impl, serve } = await subscribed(true, true);
    const v2 = await signPack(mustParse(teamPack(2)), pair);
    await checkSubscription(db, ID, { fetchImpl: impl, force: true });
    serve(
      {
        ...v2,
        phrases: [...v2.phrases, { id: 'evil', title: '加微信返现', variants: ['加我微信 xxx 返现'] }],
      },
      '"v2-bad"',
    );
    const phrasesBefore = (await snapshot(db)).phrases;
    const r = await checkSubscription(db, ID, { fetchImpl: impl, force: true });
    expect(r.status).toBe('refused');
    expect(r.message).toMatch(/^已拒绝第 2 版：签名校验失败.*仍在使用第 1 版$/);
    const record = await getPackRecord(db, ID);
    expect(record?.pack.version).toBe(1);
    expect(record?.lastRefusal?.message).toBe(r.message);
    // The refused file's ETag is not kept: a fixed file on the same URL is seen next time.
    expect(record?.subscription?.etag).toBe('"v1"');
    expect((await snapshot(db)).phrases).toEqual(phrasesBefore);
  });

  it('refuses an unsigned or older file, and a broken one, with the reason', async () => {
    const { db, impl, serve } = await subscribed(true, true);
    serve(teamPack(2), '"u"');
    expect((await checkSubscription(db, ID, { fetchImpl: impl, force: true })).message).toMatch(/没有签名/);
    serve('{"format": "kefu-pack/1", ', '"broken"');
    expect((await checkSubscription(db, ID, { fetchImpl: impl, force: true })).message).toMatch(
      /服务器上的短语包有错误，已拒绝：JSON/,
    );
    serve(await signPack(mustParse(teamPack(3)), pair), '"v3"');
    expect((await checkSubscription(db, ID, { fetchImpl: impl, force: true })).status).toBe('updated');
    serve(await signPack(mustParse(teamPack(2)), pair), '"v2"');
    const old = await checkSubscription(db, ID, { fetchImpl: impl, force: true });
    expect(old).toMatchObject({ status: 'refused' });
    expect(old.message).toMatch(/比已安装的第 3 版旧/);
    expect((await getPackRecord(db, ID))?.pack.version).toBe(3);
  });

  it('after a rollback the version rolled back from is not re-applied', async () => {
    const { db, impl, serve } = await subscribed(true);
    serve(await signPack(mustParse(teamPack(2)), pair), '"v2"');
    await checkSubscription(db, ID, { fetchImpl: impl, force: true });
    await rollbackPack(db, ID);
    serve(await signPack(mustParse(teamPack(2)), pair), '"v2-again"');
    expect((await checkSubscription(db, ID, { fetchImpl: impl, force: true })).status).toBe('held-back');
    expect((await getPackRecord(db, ID))?.pack.version).toBe(1);
    serve(await signPack(mustParse(teamPack(3)), pair), '"v3"');
    expect((await checkSubscription(db, ID, { fetchImpl: impl, force: true })).status).toBe('updated');
  });

  it('a network error is noted and nothing else changes', async () => {
    const { db } = await subscribed(true);
    const before = (await snapshot(db)).phrases;
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const r = await checkSubscription(db, ID, { fetchImpl: failing, force: true });
    expect(r.status).toBe('error');
    expect((await getPackRecord(db, ID))?.subscription?.lastStatus).toBe('error');
    expect((await snapshot(db)).phrases).toEqual(before);
  });

  it('scheduled checks skip packs checked recently and packs without a subscription', async () => {
    const { db, impl } = await subscribed(false);
    await installPack(db, { ...teamPack(1), id: 'file-only', name: '文件导入的包' });
    const first = await checkSubscriptions(db, { fetchImpl: impl, now: 1_000_000_000 });
    expect(first.map((r) => [r.id, r.status])).toEqual([[ID, 'unchanged']]);
    const second = await checkSubscriptions(db, { fetchImpl: impl, now: 1_000_000_000 + 60_000 });
    expect(second.map((r) => r.status)).toEqual(['skipped']);
  });
});
