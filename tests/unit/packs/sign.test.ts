import { describe, expect, it } from 'vitest';
import { parsePack, type Pack } from '../../../lib/packs';
import {
  canonicalJson,
  exportKeyJwk,
  fingerprint,
  generateTeamKey,
  importPublicKeyJwk,
  importTeamKey,
  publicJwkOf,
  sameFingerprint,
  signPack,
  verifyPack,
} from '../../../lib/packs/sign';
import { makePack, samplePack } from './fixtures';

function parsed(input: unknown): Pack {
  const r = parsePack(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members, writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, ä: { z: 0, y: -1.5 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"ä":{"y":-1.5,"z":0}}',
    );
  });

  it('sorts by UTF-16 code units (RFC 8785 order), not locale', () => {
    expect(canonicalJson({ 短: 1, a: 2, B: 3, '😀': 4, '\uFB01': 5 })).toBe(
      '{"B":3,"a":2,"短":1,"😀":4,"ﬁ":5}',
    );
  });

  it('is independent of key order and formatting', () => {
    const a = JSON.parse('{"x": {"b": [1, 2], "a": "中"}, "y": 1}');
    const b = JSON.parse('{"y":1,"x":{"a":"中","b":[1,2]}}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    const s = 'line\n"quote"\\ \u2028 \u0001 <img src=x onerror=alert(1)>';
    expect(canonicalJson({ s })).toBe(`{"s":${JSON.stringify(s)}}`);
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow();
    expect(() => canonicalJson({ n: 1n })).toThrow();
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => canonicalJson(cyc)).toThrow();
  });
});

describe('keys and fingerprints', () => {
  it('fingerprint is grouped upper-case hex of SHA-256, the same for CryptoKey and JWK', async () => {
    const pair = await generateTeamKey();
    const fp = await fingerprint(pair.publicKey);
    expect(fp).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    expect(await fingerprint(await exportKeyJwk(pair.publicKey))).toBe(fp);
    expect(await fingerprint(await exportKeyJwk(pair.privateKey))).toBe(fp);
    expect(sameFingerprint(fp, fp.replace(/ /g, '').toLowerCase())).toBe(true);
  });

  it('a key pair survives a JWK backup and restore', async () => {
    const pair = await generateTeamKey();
    const backup = await exportKeyJwk(pair.privateKey);
    const restored = await importTeamKey(JSON.parse(JSON.stringify(backup)));
    expect(await fingerprint(restored.publicKey)).toBe(await fingerprint(pair.publicKey));
    const signed = await signPack(parsed(samplePack()), restored);
    expect(await verifyPack(signed, pair.publicKey)).toEqual({
      ok: true,
      keyId: await fingerprint(pair.publicKey),
    });
    await expect(importTeamKey(publicJwkOf(backup))).rejects.toThrow(/私钥/);
  });
});

describe('signPack / verifyPack', () => {
  it('signs and verifies with the pinned public JWK', async () => {
    const pair = await generateTeamKey();
    const pinned = await exportKeyJwk(pair.publicKey);
    const signed = await signPack(parsed(samplePack()), pair);
    expect(signed.signature).toMatchObject({
      alg: 'ECDSA-P256-SHA256',
      keyId: await fingerprint(pair.publicKey),
    });
    expect(signed.signature?.value).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect((await verifyPack(signed, pinned)).ok).toBe(true);
  });

  it('the signed file still verifies after a JSON round trip, reformatting and key reordering', async () => {
    const pair = await generateTeamKey();
    const signed = await signPack(parsed(samplePack()), pair.privateKey);
    const text = JSON.stringify(signed, null, 4);
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text)).reverse()));
    expect((await verifyPack(parsed(text), pair.publicKey)).ok).toBe(true);
    expect((await verifyPack(parsed(reordered), pair.publicKey)).ok).toBe(true);
  });

  it('signs the normalised pack, so untrimmed input still verifies after import', async () => {
    const pair = await generateTeamKey();
    const raw = samplePack();
    const withSpaces = { ...raw, name: `  ${raw.name}  ` };
    const signed = await signPack(withSpaces as unknown as Pack, pair);
    expect(signed.name).toBe(raw.name);
    expect((await verifyPack(parsed(JSON.stringify(signed)), pair.publicKey)).ok).toBe(true);
  });

  it('detects tampered content: a phrase, a version, a legend colour', async () => {
    const pair = await generateTeamKey();
    const signed = await signPack(parsed(samplePack()), pair);
    const tampered: Pack[] = [
      {
        ...signed,
        phrases: signed.phrases.map((p, i) => (i === 0 ? { ...p, variants: ['亲，请加微信 xxx 返现'] } : p)),
      },
      { ...signed, version: signed.version + 1 },
      { ...signed, phrases: signed.phrases.slice(1) },
      { ...signed, returnPolicy: { ...signed.returnPolicy, noReasonDays: 30 } },
    ];
    for (const pack of tampered) {
      const r = await verifyPack(pack, pair.publicKey);
      expect(r).toMatchObject({ ok: false, reason: 'bad-signature' });
      if (!r.ok) expect(r.message).toContain('改动');
    }
  });

  it('detects a corrupted signature value', async () => {
    const pair = await generateTeamKey();
    const signed = await signPack(parsed(samplePack()), pair);
    const sig = signed.signature as NonNullable<Pack['signature']>;
    const flipped = (sig.value[0] === 'A' ? 'B' : 'A') + sig.value.slice(1);
    expect(
      await verifyPack({ ...signed, signature: { ...sig, value: flipped } }, pair.publicKey),
    ).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
    expect(
      await verifyPack({ ...signed, signature: { ...sig, value: '!!!not base64' } }, pair.publicKey),
    ).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('a pack signed by another key is "wrong-key", naming both fingerprints', async () => {
    const lead = await generateTeamKey();
    const stranger = await generateTeamKey();
    const signed = await signPack(parsed(samplePack()), stranger);
    const r = await verifyPack(signed, await exportKeyJwk(lead.publicKey));
    expect(r).toMatchObject({ ok: false, reason: 'wrong-key' });
    if (!r.ok) {
      expect(r.message).toContain(await fingerprint(stranger.publicKey));
      expect(r.message).toContain(await fingerprint(lead.publicKey));
    }
  });

  it('a forged keyId does not help: the signature itself must verify', async () => {
    const lead = await generateTeamKey();
    const stranger = await generateTeamKey();
    const signed = await signPack(parsed(samplePack()), stranger);
    const forged = {
      ...signed,
      signature: {
        ...(signed.signature as NonNullable<Pack['signature']>),
        keyId: await fingerprint(lead.publicKey),
      },
    };
    expect(await verifyPack(forged, lead.publicKey)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('an unsigned pack is "unsigned"', async () => {
    const pair = await generateTeamKey();
    const r = await verifyPack(parsed(samplePack()), pair.publicKey);
    expect(r).toMatchObject({ ok: false, reason: 'unsigned' });
    if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('an unusable pinned key is reported, not thrown', async () => {
    const pair = await generateTeamKey();
    const signed = await signPack(parsed(samplePack()), pair);
    expect(await verifyPack(signed, { kty: 'EC', crv: 'P-256', x: 'bad', y: 'bad' })).toMatchObject({
      ok: false,
      reason: 'wrong-key',
    });
  });

  it('refuses to sign an invalid pack', async () => {
    const pair = await generateTeamKey();
    await expect(signPack({ ...parsed(samplePack()), version: 0 }, pair)).rejects.toThrow(/不能签名/);
  });

  it('a stray key_ops on the pinned JWK still imports', async () => {
    const pair = await generateTeamKey();
    const jwk = { ...(await exportKeyJwk(pair.publicKey)), key_ops: ['verify'], ext: true };
    await expect(importPublicKeyJwk(jwk)).resolves.toBeTruthy();
  });

  it('signs and verifies a 10k-phrase pack', async () => {
    const pair = await generateTeamKey();
    const signed = await signPack(parsed(makePack(10_000)), pair);
    expect((await verifyPack(signed, pair.publicKey)).ok).toBe(true);
  });
});

describe('canonicalJson: both code paths agree', () => {
  it('objects with index-like keys ("10" before "9") are still sorted by code units', () => {
    expect(canonicalJson({ b: 1, 10: 2, 9: 3, a: { 2: 'x', 1: 'y' } })).toBe(
      '{"10":2,"9":3,"a":{"1":"y","2":"x"},"b":1}',
    );
  });

  it('drops undefined members and writes undefined array items as null, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(canonicalJson({ 1: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('refuses Symbol and function values instead of silently dropping them', () => {
    expect(() => canonicalJson({ s: Symbol('x') })).toThrow();
    expect(() => canonicalJson({ f: () => 1 })).toThrow();
  });
});
