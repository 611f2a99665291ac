import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parsePack, verifyPack } from '../../../lib/packs';
import { composePack, shanghaiIso, suggestPackId } from '../../../lib/packs/compose';
import { signPack, importPublicKeyJwk } from '../../../lib/packs/sign';
import {
  createTeamKey,
  getTeamKey,
  publicKeyText,
  restoreTeamKey,
  teamKeyBackupText,
} from '../../../lib/packs/team-key';
import { DEFAULT_FLAG_LEGEND } from '../../../lib/remarks';

const NOW = Date.UTC(2025, 2, 1, 2, 0, 0); // 10:00 in Shanghai

describe('composePack', () => {
  const phrases = [
    {
      id: 'a1b2',
      title: '催发货',
      shortcut: 'cfh',
      category: '售中/发货时间',
      variants: ['亲，今天发货'],
      tags: [],
    },
    { id: 'c3d4', title: '尺码', variants: ['身高体重？'], platforms: ['jd' as const] },
  ];

  it('builds a valid pack from personal phrases, without personal fields', () => {
    const input = composePack({
      id: 'team-a',
      name: ' 售后话术 ',
      publisher: '王组长',
      version: 3,
      notes: '新增尺码话术',
      history: [{ version: 2, date: '2025-02-01', notes: '上一版' }],
      phrases: phrases.map((p) => ({ ...p, usageCount: 9, source: { kind: 'mine' } })),
      flagLegend: DEFAULT_FLAG_LEGEND,
      now: NOW,
    });
    const r = parsePack(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.pack).toMatchObject({
      id: 'team-a',
      name: '售后话术',
      version: 3,
      updatedAt: '2025-03-01T10:00:00+08:00',
    });
    expect(r.pack.changelog).toEqual([
      { version: 3, date: '2025-03-01', notes: '新增尺码话术' },
      { version: 2, date: '2025-02-01', notes: '上一版' },
    ]);
    expect(r.pack.phrases[0]).toEqual({
      id: 'a1b2',
      title: '催发货',
      shortcut: 'cfh',
      category: '售中/发货时间',
      variants: ['亲，今天发货'],
    });
    expect(r.pack.flagLegend).toBeDefined();
  });

  it('shanghaiIso uses the shop clock whatever the computer is set to', () => {
    expect(shanghaiIso(Date.UTC(2025, 0, 31, 18, 30))).toBe('2025-02-01T02:30:00+08:00');
  });

  it('suggests a slug id, or a dated one for a Chinese name', () => {
    expect(suggestPackId('After Sales  Team!', NOW)).toBe('after-sales-team');
    expect(suggestPackId('售后话术', NOW)).toBe('team-pack-20250301');
  });
});

describe('team key', () => {
  it('creates a key, backs it up and restores it on another computer; the pack verifies', async () => {
    fakeBrowser.reset();
    const key = await createTeamKey(NOW);
    expect((await getTeamKey())?.fingerprint).toBe(key.fingerprint);
    const backup = teamKeyBackupText(key);
    expect(backup).toContain('"d"');
    // The public key file agents get has no private part.
    const pub = JSON.parse(publicKeyText(key, '王组长')) as { jwk: JsonWebKey; fingerprint: string };
    expect(pub.jwk.d).toBeUndefined();
    expect(pub.fingerprint).toBe(key.fingerprint);

    fakeBrowser.reset();
    expect(await getTeamKey()).toBeNull();
    const restored = await restoreTeamKey(backup, NOW + 1);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.key.fingerprint).toBe(key.fingerprint);
    const parsed = parsePack(
      composePack({
        id: 'team-a',
        name: '包',
        publisher: '组长',
        version: 1,
        notes: '',
        phrases: [],
        now: NOW,
      }),
    );
    if (!parsed.ok) throw new Error('bad');
    const signed = await signPack(parsed.pack, restored.key.privateJwk);
    expect(await verifyPack(signed, await importPublicKeyJwk(pub.jwk))).toMatchObject({ ok: true });
  });

  it.each([
    ['not json', /不是有效的 JSON/],
    ['{"jwk":{"kty":"RSA"}}', /不是团队签名密钥/],
    ['{"jwk":{"kty":"EC","crv":"P-256","x":"a","y":"b"}}', /只有公钥/],
    ['{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"}', /已损坏/],
  ])('refuses a wrong backup %j in Chinese', async (text, message) => {
    const r = await restoreTeamKey(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});
