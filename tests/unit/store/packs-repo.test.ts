import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportKeyJwk, generateTeamKey, publicJwkOf, signPack, type Pack } from '../../../lib/packs';
import { storedPhraseId } from '../../../lib/packs/installed';
import { savePhrase } from '../../../lib/store/phrases-repo';
import {
  applyPack,
  dismissPendingUpdate,
  fillPackPinyin,
  forkPackPhrase,
  getHistoryPack,
  getPackRecord,
  installPack,
  listShortcutClashes,
  pinPackKey,
  resolveShortcutClash,
  rollbackPack,
  setPendingUpdate,
  setSubscription,
  uninstallPack,
} from '../../../lib/store/packs-repo';
import {
  freshDb,
  mustParse,
  packPhraseRecords,
  putStoredPhrase,
  snapshot,
  storedPhrase,
  teamPack,
} from './packs-helpers';

const ID = 'team-after-sales';
const sid = (phraseId: string) => storedPhraseId(ID, phraseId);

let pair: CryptoKeyPair;
let publicJwk: JsonWebKey;
let otherPair: CryptoKeyPair;
beforeAll(async () => {
  pair = await generateTeamKey();
  otherPair = await generateTeamKey();
  publicJwk = publicJwkOf(await exportKeyJwk(pair.publicKey));
});

const signed = async (version: number, extra: Parameters<typeof teamPack>[1] = []) =>
  signPack(mustParse(teamPack(version, extra)), pair);

describe('installPack', () => {
  it('installs a pack: its phrases are stored read-only under pack-scoped ids', async () => {
    const db = await freshDb();
    const r = await installPack(db, JSON.stringify(teamPack(1)), { now: 1000 });
    expect(r).toMatchObject({ ok: true, kind: 'install', phrasesChanged: true });
    const rows = await packPhraseRecords(db, ID);
    expect(rows.map((p) => p.id).sort()).toEqual([sid('ship'), sid('size')]);
    const ship = rows.find((p) => p.id === sid('ship'))!;
    expect(ship).toMatchObject({
      title: '催发货',
      shortcut: 'cfh',
      source: { kind: 'pack', packId: ID, version: 1 },
      usageCount: 0,
      createdAt: 1000,
    });
    const record = await getPackRecord(db, ID);
    expect(record).toMatchObject({ id: ID, signature: 'unsigned', rev: 1, pinyinPending: true });
    expect(record!.previousVersion).toBeUndefined();
  });

  it('a personal phrase with the same id as a pack phrase is a different phrase', async () => {
    const db = await freshDb();
    await savePhrase(db, { id: 'ship', title: '我的催发货', variants: ['我自己的话'] });
    await installPack(db, teamPack(1));
    expect((await db.get('phrases', 'ship'))?.title).toBe('我的催发货');
    expect((await storedPhrase(db, sid('ship')))?.title).toBe('催发货');
  });

  it('upgrades in place: added, changed and removed phrases; usage counts survive; previous kept', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1), { now: 1 });
    await putStoredPhrase(db, { ...(await storedPhrase(db, sid('ship')))!, usageCount: 7, lastUsedAt: 5 });
    const v2 = teamPack(2, [{ id: 'wl', title: '物流慢', shortcut: 'wlm', variants: ['抱歉久等了'] }]);
    v2.phrases = v2.phrases.filter((p) => p.id !== 'size');
    v2.phrases[0] = { ...v2.phrases[0]!, variants: ['亲，马上发货～'] };
    const r = await installPack(db, v2, { now: 2 });
    expect(r.ok && r.kind).toBe('upgrade');
    expect(r.ok && r.diff?.phrases.added.map((p) => p.id)).toEqual(['wl']);
    expect(r.ok && r.diff?.phrases.removed.map((p) => p.id)).toEqual(['size']);
    expect(r.ok && r.diff?.phrases.changed.map((p) => p.id)).toEqual(['ship']);
    const ship = await storedPhrase(db, sid('ship'));
    expect(ship).toMatchObject({
      variants: ['亲，马上发货～'],
      usageCount: 7,
      lastUsedAt: 5,
      createdAt: 1,
      updatedAt: 2,
    });
    expect(ship?.source).toEqual({ kind: 'pack', packId: ID, version: 2 });
    expect(await storedPhrase(db, sid('size'))).toBeUndefined();
    const record = await getPackRecord(db, ID);
    expect(record?.pack.version).toBe(2);
    expect(record?.previousVersion).toBe(1);
  });

  it('the same version with the same content changes nothing', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    const before = await snapshot(db);
    const r = await installPack(db, teamPack(1));
    expect(r).toMatchObject({ ok: true, kind: 'unchanged', phrasesChanged: false });
    expect(await snapshot(db)).toEqual(before);
  });

  it('subscribing to the version already imported from a file saves the subscription only', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    const phrasesBefore = (await snapshot(db)).phrases;
    const sub = { url: 'https://x.test/p.json', autoApply: true, etag: '"1"' };
    const r = await installPack(db, teamPack(1), { subscription: sub });
    expect(r).toMatchObject({ ok: true, kind: 'unchanged', phrasesChanged: false });
    expect((await getPackRecord(db, ID))?.subscription).toEqual(sub);
    expect((await snapshot(db)).phrases).toEqual(phrasesBefore);
  });

  it.each([
    ['an older version', () => teamPack(1), 'downgrade'],
    [
      'the same version with other content',
      () => teamPack(2, [{ id: 'x', title: 'x', variants: ['x'] }]),
      'same-version-different-content',
    ],
    ['another pack', () => ({ ...teamPack(3), id: 'other-pack', name: '别的包' }), null],
    ['an invalid file', () => '{"format":"kefu-pack/1",', 'invalid'],
  ])('refuses %s and leaves every store exactly as it was', async (_name, make, reason) => {
    const db = await freshDb();
    await installPack(db, teamPack(2));
    const before = await snapshot(db);
    const r = await installPack(db, make());
    if (reason === null) {
      // A different id is a separate install, not an update of this one.
      expect(r.ok).toBe(true);
      return;
    }
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe(reason);
    expect(r.errors[0]?.path).toMatch(/^\$/);
    expect(r.errors[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses when the installed pack moved on after the agent reviewed it', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    const reviewedRev = (await getPackRecord(db, ID))!.rev;
    await installPack(db, teamPack(2));
    const before = await snapshot(db);
    const r = await installPack(db, teamPack(3), { expectedRev: reviewedRev });
    expect(r).toMatchObject({ ok: false, reason: 'conflict' });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('trust: a pinned key', () => {
  it('installs a signed pack with the key pinned and accepts signed updates', async () => {
    const db = await freshDb();
    const r = await installPack(db, await signed(1), { trust: { publicJwk } });
    expect(r.ok && r.record.signature).toBe('verified');
    expect(r.ok && r.record.trust?.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    expect(r.ok && r.record.trust?.publicJwk).toEqual(publicJwk);
    const up = await installPack(db, await signed(2));
    expect(up).toMatchObject({ ok: true, kind: 'upgrade' });
  });

  it.each([
    ['tampered', async () => ({ ...(await signed(2)), name: '被改过的包' }), 'bad-signature', /签名校验失败/],
    ['unsigned', async () => mustParse(teamPack(2)), 'unsigned', /没有签名/],
    [
      'signed by another key',
      async () => signPack(mustParse(teamPack(2)), otherPair),
      'wrong-key',
      /另一把密钥/,
    ],
    ['older, even when signed', async () => signed(1), 'downgrade', /比已安装的第 2 版旧/],
  ])(
    'refuses a %s pack with a Chinese reason; the installed version stays',
    async (_n, make, reason, text) => {
      const db = await freshDb();
      await installPack(db, await signed(1), { trust: { publicJwk } });
      await installPack(db, await signed(2));
      const before = await snapshot(db);
      const incoming: Pack = await make();
      const r = await installPack(db, incoming);
      expect(r).toMatchObject({ ok: false, reason });
      expect(!r.ok && r.errors[0]?.message).toMatch(text);
      expect(await snapshot(db)).toEqual(before);
      expect((await getPackRecord(db, ID))?.pack.version).toBe(2);
    },
  );

  it('a key can be pinned later only when the installed version verifies with it', async () => {
    const db = await freshDb();
    await installPack(db, await signed(1));
    const wrong = publicJwkOf(await exportKeyJwk(otherPair.publicKey));
    const bad = await pinPackKey(db, ID, wrong);
    expect(bad.ok).toBe(false);
    const good = await pinPackKey(db, ID, publicJwk);
    expect(good.ok && good.record.signature).toBe('verified');
  });
});

describe('rollback and uninstall', () => {
  it('rolls back to the previous version in one step and holds the newer one back', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    await installPack(db, teamPack(2, [{ id: 'new', title: '新话术', variants: ['新的'] }]));
    const r = await rollbackPack(db, ID);
    expect(r).toMatchObject({ ok: true, kind: 'downgrade' });
    const record = await getPackRecord(db, ID);
    expect(record?.pack.version).toBe(1);
    expect(record?.previousVersion).toBe(2);
    expect(record?.heldBackVersion).toBe(2);
    expect(await storedPhrase(db, sid('new'))).toBeUndefined();
    // Undo the rollback: version 2 again, nothing held back.
    const again = await rollbackPack(db, ID);
    expect(again).toMatchObject({ ok: true, kind: 'upgrade' });
    expect((await getPackRecord(db, ID))?.heldBackVersion).toBeUndefined();
  });

  it('a rollback with a pinned key still needs a verifying previous version', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    await installPack(db, await signed(2));
    await pinPackKey(db, ID, publicJwk);
    const r = await rollbackPack(db, ID);
    expect(r).toMatchObject({ ok: false, reason: 'unsigned' });
  });

  it('uninstalling removes exactly its phrases and its record', async () => {
    const db = await freshDb();
    await savePhrase(db, { id: 'mine', title: '我的', variants: ['我自己的'] });
    await installPack(db, teamPack(1));
    await installPack(db, { ...teamPack(1), id: 'other-pack', name: '别的包' });
    const r = await uninstallPack(db, ID);
    expect(r).toEqual({ ok: true, removed: 2 });
    expect(await db.getAllKeys('phrases')).toEqual(['mine']);
    expect(await packPhraseRecords(db, ID)).toEqual([]);
    expect((await packPhraseRecords(db, 'other-pack')).map((p) => p.id)).toEqual(
      [storedPhraseId('other-pack', 'ship'), storedPhraseId('other-pack', 'size')].sort(),
    );
    expect(await getPackRecord(db, ID)).toBeUndefined();
    expect(await getPackRecord(db, 'other-pack')).toBeDefined();
  });

  it('the replaced version is kept apart from the record; rollback and its undo swap it', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    await installPack(db, teamPack(2));
    const stored = await db.get('packs', ID);
    expect(stored).not.toHaveProperty('previous');
    expect(stored).toMatchObject({ previousVersion: 1 });
    expect(await getHistoryPack(db, ID, 'previous')).toEqual(mustParse(teamPack(1)));

    await rollbackPack(db, ID);
    expect((await getHistoryPack(db, ID, 'previous'))?.version).toBe(2);
    await rollbackPack(db, ID);
    expect((await getPackRecord(db, ID))?.pack.version).toBe(2);
    expect((await getHistoryPack(db, ID, 'previous'))?.version).toBe(1);
  });

  it('a rollback without a kept version is refused and changes nothing', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    const before = await snapshot(db);
    expect(await rollbackPack(db, ID)).toMatchObject({ ok: false, reason: 'no-previous' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('uninstalling removes its previous version and pending update too, and no other pack’s', async () => {
    const db = await freshDb();
    for (const id of [ID, 'other-pack']) {
      await installPack(db, { ...teamPack(1), id });
      await installPack(db, { ...teamPack(2), id });
      await setPendingUpdate(db, id, pendingOf(3, id));
    }
    await uninstallPack(db, ID);
    expect(await db.getAllKeys('packHistory')).toEqual([
      ['other-pack', 'pending'],
      ['other-pack', 'previous'],
    ]);
  });
});

/** A fetched update as pack-updates.ts hands it over. */
const pendingOf = (version: number, id = ID) => ({
  pack: mustParse({ ...teamPack(version), id }),
  fetchedAt: 100 + version,
  signature: 'unsigned' as const,
  warnings: ['这个版本没有签名'],
});

describe('a pending update', () => {
  it('is kept apart from the record, which tells its version, time, signature and warnings', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    const record = await setPendingUpdate(db, ID, pendingOf(3));
    expect(record).toMatchObject({
      rev: 2,
      pendingInfo: { version: 3, fetchedAt: 103, signature: 'unsigned', warnings: ['这个版本没有签名'] },
    });
    expect(await db.get('packs', ID)).not.toHaveProperty('pending');
    expect(await getHistoryPack(db, ID, 'pending')).toEqual(pendingOf(3).pack);
  });

  it('an update that is not newer than the installed version is not kept', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(2));
    const before = await snapshot(db);
    expect((await setPendingUpdate(db, ID, pendingOf(2)))?.rev).toBe(1);
    expect(await snapshot(db)).toEqual(before);
  });

  it('keeps waiting through an older apply and record-only changes; applying it drops it', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    await setPendingUpdate(db, ID, pendingOf(3));
    await installPack(db, teamPack(2));
    await setSubscription(db, ID, { url: 'https://x.test/p.json', autoApply: false });
    expect((await getPackRecord(db, ID))?.pendingInfo?.version).toBe(3);
    expect((await getHistoryPack(db, ID, 'pending'))?.version).toBe(3);

    // What packs:review previews and packs:apply then applies.
    const reviewed = (await getHistoryPack(db, ID, 'pending'))!;
    const rev = (await getPackRecord(db, ID))!.rev;
    const r = await applyPack(db, reviewed, { expectedRev: rev });
    expect(r).toMatchObject({ ok: true, kind: 'upgrade' });
    const record = await getPackRecord(db, ID);
    expect(record).toMatchObject({ previousVersion: 2, rev: rev + 1 });
    expect(record?.pendingInfo).toBeUndefined();
    expect(await db.getAllKeys('packHistory')).toEqual([[ID, 'previous']]);
    expect((await getHistoryPack(db, ID, 'previous'))?.version).toBe(2);
  });

  it('dismissing it holds its version back and drops its pack', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    await setPendingUpdate(db, ID, pendingOf(3));
    const record = await dismissPendingUpdate(db, ID);
    expect(record).toMatchObject({ heldBackVersion: 3, rev: 3 });
    expect(record?.pendingInfo).toBeUndefined();
    expect(await db.getAllKeys('packHistory')).toEqual([]);
    // Nothing to dismiss: nothing is written.
    expect((await dismissPendingUpdate(db, ID))?.rev).toBe(3);
  });
});

describe('shortcut clashes', () => {
  it('a personal shortcut wins by default; the clash is listed; the agent can give it to the pack and back', async () => {
    const db = await freshDb();
    await savePhrase(db, { id: 'mine', title: '我的催发货', shortcut: 'CFH', variants: ['我的话'] });
    await installPack(db, teamPack(1));
    expect((await storedPhrase(db, sid('ship')))?.shortcut).toBeUndefined();
    expect((await db.get('phrases', 'mine'))?.shortcut).toBe('CFH');

    const { clashes } = await listShortcutClashes(db);
    expect(clashes).toHaveLength(1);
    expect(clashes[0]).toMatchObject({ shortcut: 'CFH', holderId: 'mine' });
    expect(clashes[0]!.claimants.map((c) => [c.id, c.holds, c.packName ?? 'mine'])).toEqual([
      ['mine', true, 'mine'],
      [sid('ship'), false, '售后组话术'],
    ]);

    expect(await resolveShortcutClash(db, 'cfh', sid('ship'))).toEqual({ ok: true });
    expect((await storedPhrase(db, sid('ship')))?.shortcut).toBe('cfh');
    expect((await db.get('phrases', 'mine'))?.shortcut).toBeUndefined();
    // The choice survives an upgrade of the pack.
    await installPack(db, teamPack(2));
    expect((await storedPhrase(db, sid('ship')))?.shortcut).toBe('cfh');
    expect((await listShortcutClashes(db)).clashes[0]?.holderId).toBe(sid('ship'));

    // Uninstalling the pack gives the agent's phrase its shortcut back.
    await uninstallPack(db, ID);
    expect((await db.get('phrases', 'mine'))?.shortcut).toBe('CFH');
    expect((await listShortcutClashes(db)).clashes).toEqual([]);
  });

  it('between two packs the first installed keeps it; a freed shortcut goes to the one waiting', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    await installPack(db, { ...teamPack(1), id: 'second-pack', name: '第二个包' });
    expect((await storedPhrase(db, sid('ship')))?.shortcut).toBe('cfh');
    expect((await storedPhrase(db, storedPhraseId('second-pack', 'ship')))?.shortcut).toBeUndefined();
    expect((await listShortcutClashes(db)).clashes.map((c) => c.shortcut).sort()).toEqual(['cfh', 'cm']);
    await uninstallPack(db, ID);
    expect((await storedPhrase(db, storedPhraseId('second-pack', 'ship')))?.shortcut).toBe('cfh');
  });

  it('a phrase the agent gave another shortcut meanwhile is not overwritten when the pack leaves', async () => {
    const db = await freshDb();
    await savePhrase(db, { id: 'mine', title: '我的', shortcut: 'cfh', variants: ['x'] });
    await installPack(db, teamPack(1));
    await resolveShortcutClash(db, 'cfh', sid('ship'));
    // The agent edits the phrase (phrases section) and gives it a new shortcut.
    const saved = await savePhrase(db, { ...(await db.get('phrases', 'mine'))!, shortcut: 'wdcfh' });
    expect(saved.ok).toBe(true);
    await uninstallPack(db, ID);
    expect((await db.get('phrases', 'mine'))?.shortcut).toBe('wdcfh');
  });

  it('the bookkeeping survives phrases rewritten with only the phrase model fields (a backup restore)', async () => {
    const db = await freshDb();
    await savePhrase(db, { id: 'mine', title: '我的', shortcut: 'cfh', variants: ['x'] });
    await installPack(db, teamPack(1));
    await resolveShortcutClash(db, 'cfh', sid('ship'));
    const { phraseSchema } = await import('../../../lib/phrases/model');
    for (const p of await db.getAll('phrases')) await db.put('phrases', phraseSchema.parse(p));
    expect((await listShortcutClashes(db)).clashes[0]?.holderId).toBe(sid('ship'));
    await uninstallPack(db, ID);
    expect((await db.get('phrases', 'mine'))?.shortcut).toBe('cfh');
  });

  it('a trashed personal phrase does not block a pack shortcut', async () => {
    const db = await freshDb();
    await savePhrase(db, { id: 'mine', title: '我的', shortcut: 'cfh', variants: ['x'] });
    await db.put('phrases', { ...(await db.get('phrases', 'mine'))!, deletedAt: 5 });
    await installPack(db, teamPack(1));
    expect((await storedPhrase(db, sid('ship')))?.shortcut).toBe('cfh');
  });
});

describe('fork: copy to my phrases', () => {
  it('creates an editable personal copy that takes over the shortcut', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    const r = await forkPackPhrase(db, sid('ship'), { newId: 'copy-1', now: 9 });
    expect(r.ok).toBe(true);
    const copy = await db.get('phrases', 'copy-1');
    expect(copy).toMatchObject({ title: '催发货', shortcut: 'cfh', source: { kind: 'mine' }, createdAt: 9 });
    expect(copy?.py).toBeDefined();
    expect((await storedPhrase(db, sid('ship')))?.shortcut).toBeUndefined();
    const edited = await savePhrase(db, { ...copy!, variants: ['我改过的话术'] });
    expect(edited.ok).toBe(true);
    expect((await listShortcutClashes(db)).clashes[0]?.holderId).toBe('copy-1');
  });

  it('refuses to fork a personal phrase', async () => {
    const db = await freshDb();
    await savePhrase(db, { id: 'mine', title: '我的', variants: ['x'] });
    expect((await forkPackPhrase(db, 'mine')).ok).toBe(false);
  });
});

describe('pinyin after import', () => {
  it('is filled in afterwards and reused by the next upgrade', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    expect((await storedPhrase(db, sid('ship')))?.py).toBeUndefined();
    expect(await fillPackPinyin(db, ID)).toBe(2);
    expect((await storedPhrase(db, sid('ship')))?.py?.title).toBe('cui fa huo');
    expect((await getPackRecord(db, ID))?.pinyinPending).toBeUndefined();
    const r = await installPack(db, teamPack(2));
    expect(r.ok && r.record.pinyinPending).toBeUndefined();
    expect((await storedPhrase(db, sid('ship')))?.py?.title).toBe('cui fa huo');
  });
});
