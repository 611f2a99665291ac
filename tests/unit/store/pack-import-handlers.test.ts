import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { createPackHandlers } from '../../../lib/background/packs-handlers';
import { storedPhraseId } from '../../../lib/packs/installed';
import { derivePhrasePinyin } from '../../../lib/phrases/pinyin';
import { fillPackPinyin, getPackRecord } from '../../../lib/store/packs-repo';
import {
  freshDb,
  packPhraseRecords,
  putStoredPhrase,
  snapshot,
  storedPhrase,
  teamPack,
} from './packs-helpers';

/**
 * The options page's import path through the background handlers: preview keeps the validated
 * pack under a token, apply writes it in one transaction, and the pinyin is derived while the
 * agent reads the preview (never making apply wait).
 */

const ID = 'team-after-sales';
const sid = (phraseId: string) => storedPhraseId(ID, phraseId);
const sender = () => ({ url: browser.runtime.getURL('/options.html') });
/** Lets the background's sliced pinyin derivation run (it yields with setTimeout). */
const agentReads = () => new Promise((r) => setTimeout(r, 30));

async function setup() {
  const db = await freshDb();
  const h = createPackHandlers(async () => db);
  const preview = async (pack: unknown) => {
    const r = await h['packs:preview']({ source: { kind: 'text', text: JSON.stringify(pack) } }, sender());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.preview;
  };
  const apply = (token: string) => h['packs:apply']({ token }, sender());
  return { db, h, preview, apply };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('packs:preview + packs:apply', () => {
  it('a token applies once: the second apply is refused and changes nothing', async () => {
    const { db, preview, apply } = await setup();
    const p = await preview(teamPack(1));
    expect(p.kind).toBe('install');
    expect(await db.count('phrases')).toBe(0);
    expect(await db.count('packPhrases')).toBe(0);
    const first = await apply(p.token);
    expect(first).toMatchObject({ ok: true, kind: 'install' });
    const before = await snapshot(db);
    const again = await apply(p.token);
    expect(again).toMatchObject({ ok: false, reason: 'expired' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a preview older than 15 minutes is refused and nothing is written', async () => {
    const { db, preview, apply } = await setup();
    const p = await preview(teamPack(1));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 16 * 60 * 1000);
    const before = await snapshot(db);
    expect(await apply(p.token)).toMatchObject({ ok: false, reason: 'expired' });
    expect(await snapshot(db)).toEqual(before);
    expect(await getPackRecord(db, ID)).toBeUndefined();
  });

  it('pinyin derived while the agent reads the preview is written with the phrases', async () => {
    const { db, preview, apply } = await setup();
    const p = await preview(teamPack(1));
    await agentReads();
    const r = await apply(p.token);
    expect(r.ok && r.summary.pinyinPending).toBeUndefined();
    const ship = await storedPhrase(db, sid('ship'));
    expect(ship?.py).toEqual(derivePhrasePinyin(ship!));
    expect(ship?.py?.title).toBe('cui fa huo');
    const size = await storedPhrase(db, sid('size'));
    expect(size?.py).toEqual(derivePhrasePinyin(size!));
    expect((await getPackRecord(db, ID))?.pinyinPending).toBeUndefined();
  });

  it('apply right after the preview does not wait for the pinyin: it is filled in afterwards', async () => {
    const { db, preview, apply } = await setup();
    const p = await preview(teamPack(1));
    const r = await apply(p.token);
    expect(r.ok).toBe(true);
    // Written without pinyin (the derivation had not had a turn yet) and marked for the filler.
    expect(r.ok && r.summary.pinyinPending).toBe(true);
    await vi.waitFor(async () => {
      expect((await getPackRecord(db, ID))?.pinyinPending).toBeUndefined();
    });
    expect((await storedPhrase(db, sid('ship')))?.py?.title).toBe('cui fa huo');
  });

  it('precomputed pinyin whose fingerprint no longer matches (shortcut kept by another phrase) is not used', async () => {
    const { db, h, preview, apply } = await setup();
    // Another pack already has `cfh`: the team pack's 催发货 waits for it, so its record differs
    // from the pack phrase the pinyin was derived from.
    const other = {
      ...teamPack(1),
      id: 'other-pack',
      phrases: [{ id: 'x', title: '别的', shortcut: 'cfh', variants: ['别的话'] }],
    };
    const o = await preview(other);
    await agentReads();
    expect((await apply(o.token)).ok).toBe(true);
    const p = await preview(teamPack(1));
    await agentReads();
    const r = await apply(p.token);
    expect(r.ok && r.summary.pinyinPending).toBe(true);
    const ship = await storedPhrase(db, sid('ship'));
    expect(ship?.shortcut).toBeUndefined();
    const size = await storedPhrase(db, sid('size'));
    expect(size?.py).toEqual(derivePhrasePinyin(size!));
    // The filler (started after the reply) derives it for the record as written.
    await vi.waitFor(async () => {
      expect((await storedPhrase(db, sid('ship')))?.py).toEqual(derivePhrasePinyin(ship!));
    });
    expect((await h['packs:clashes']({}, sender())).clashes.map((c) => c.shortcut)).toEqual(['cfh']);
  });

  it('a write failing in the middle of an upgrade leaves the installed version exactly as it was', async () => {
    const { db, preview, apply } = await setup();
    const p1 = await preview(teamPack(1));
    await agentReads();
    expect((await apply(p1.token)).ok).toBe(true);
    const before = await snapshot(db);
    const p2 = await preview(
      teamPack(2, [
        { id: 'a', title: '新增一', variants: ['一'] },
        { id: 'b', title: '新增二', variants: ['二'] },
      ]),
    );
    await agentReads();
    // The storage fails on the chunk holding the new phrases, after the old chunks were deleted.
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const chunk = args[0] as { phrases?: { id: string }[] };
      if (chunk.phrases?.some((p) => p.id === sid('b')))
        throw new DOMException('disk full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const r = await apply(p2.token);
    vi.restoreAllMocks();
    expect(r).toMatchObject({ ok: false, reason: 'storage' });
    expect(await snapshot(db)).toEqual(before);
    expect((await getPackRecord(db, ID))?.pack.version).toBe(1);
  });

  it('a preview of a pack that is changed meanwhile is refused at apply, nothing written', async () => {
    const { db, preview, apply } = await setup();
    const p1 = await preview(teamPack(1));
    expect((await apply(p1.token)).ok).toBe(true);
    const stale = await preview(teamPack(3));
    const p2 = await preview(teamPack(2));
    expect((await apply(p2.token)).ok).toBe(true);
    const before = await snapshot(db);
    expect(await apply(stale.token)).toMatchObject({ ok: false, reason: 'conflict' });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('fillPackPinyin', () => {
  it('fills only the pack it is asked for, leaving its neighbour’s chunks alone', async () => {
    const { db, preview, apply } = await setup();
    const extra = Array.from({ length: 7 }, (_, i) => ({
      id: `e${i}`,
      title: `补充${i}`,
      variants: [`话${i}`],
    }));
    // `team-after` sorts right next to `team-after-sales`: its ids must stay out of the ranges.
    const neighbour = { ...teamPack(1, extra), id: 'team-after', phrases: extra };
    for (const pack of [teamPack(1, extra), neighbour]) {
      const p = await preview(pack);
      expect((await apply(p.token)).ok).toBe(true);
    }
    await vi.waitFor(async () => {
      expect((await getPackRecord(db, ID))?.pinyinPending).toBeUndefined();
      expect((await getPackRecord(db, 'team-after'))?.pinyinPending).toBeUndefined();
    });
    // Strip the pinyin again from the team pack only, then fill in chunks of 3.
    const rows = await packPhraseRecords(db, ID);
    for (const { py: _py, ...r } of rows) await putStoredPhrase(db, r);
    expect(await fillPackPinyin(db, ID, 3)).toBe(9);
    for (const r of await packPhraseRecords(db, ID)) expect(r.py).toEqual(derivePhrasePinyin(r));
    // Nothing left to do: no writes.
    expect(await fillPackPinyin(db, ID, 3)).toBe(0);
    expect(await fillPackPinyin(db, 'team-after', 3)).toBe(0);
  });
});
