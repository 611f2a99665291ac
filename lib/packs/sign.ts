import { parsePack } from './parse';
import { SIGNATURE_ALG, type Pack, type PackSignature } from './schema';

/**
 * Pack signing with WebCrypto ECDSA P-256 / SHA-256 (globalThis.crypto.subtle: browsers and
 * Node ≥ 20 alike). A team lead signs; agents pin the lead's public key (shown as a fingerprint
 * to compare over the phone or chat) and refuse updates that other keys signed.
 *
 * What is signed: the UTF-8 bytes of `canonicalJson(pack without "signature")`, where the pack
 * is exactly what parsePack returns (trimmed strings, unknown fields dropped), so signer and
 * verifier hash the same bytes whatever whitespace or key order the file has.
 * The signature value is the raw IEEE P1363 form WebCrypto produces (r‖s, 64 bytes), base64.
 */

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('当前环境不支持 WebCrypto（需要 HTTPS 页面或扩展环境）');
  return s;
}

// ---------------------------------------------------------------------------------------------
// Canonical JSON

/**
 * Canonical JSON, the same bytes for the same data on every machine:
 * - object keys sorted by UTF-16 code units (JS's default sort), members with `undefined` left out;
 * - no whitespace at all;
 * - strings and numbers exactly as JSON.stringify writes them (shortest round-trip numbers).
 * For pack data (strings, integers, booleans) this coincides with RFC 8785 (JCS).
 * Throws on values JSON cannot hold (NaN, BigInt, Symbol, cycles…): packs reaching here are
 * validated, so a throw means a programming error, not bad input.
 */
export function canonicalJson(value: unknown): string {
  try {
    // Fast path: native JSON.stringify with a replacer that re-creates each object with sorted
    // keys (3× faster than a hand-written serializer on a 10k-phrase pack).
    return JSON.stringify(value, sortingReplacer) ?? 'null';
  } catch (e) {
    if (e instanceof NeedsSlowPath) return canonicalJsonSlow(value);
    throw e;
  }
}

class NeedsSlowPath extends Error {}

/** Keys JS objects always enumerate first, in numeric order, whatever order they were added in. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

function sortingReplacer(_key: string, v: unknown): unknown {
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError('canonicalJson: 数字无效（NaN/Infinity）');
      return v;
    case 'bigint':
    case 'symbol':
    case 'function':
      throw new TypeError(`canonicalJson: 不支持 ${typeof v}`);
    case 'object': {
      if (v === null || Array.isArray(v)) return v;
      const keys = Object.keys(v).sort();
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        // A sorted re-insert cannot put "10" before "9": let the slow path write those.
        if (INDEX_KEY.test(k)) throw new NeedsSlowPath();
        out[k] = (v as Record<string, unknown>)[k];
      }
      return out;
    }
    default:
      return v;
  }
}

function canonicalJsonSlow(value: unknown): string {
  const onPath = new Set<object>();
  const write = (v: unknown): string => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(v)) throw new TypeError('canonicalJson: 数字无效（NaN/Infinity）');
        return JSON.stringify(v);
      case 'object': {
        if (onPath.has(v)) throw new TypeError('canonicalJson: 循环引用');
        onPath.add(v);
        let s: string;
        if (Array.isArray(v)) {
          s = `[${v.map((item) => write(item === undefined ? null : item)).join(',')}]`;
        } else {
          const rec = v as Record<string, unknown>;
          const keys = Object.keys(rec)
            .filter((k) => rec[k] !== undefined)
            .sort();
          s = `{${keys.map((k) => `${JSON.stringify(k)}:${write(rec[k])}`).join(',')}}`;
        }
        onPath.delete(v);
        return s;
      }
      default:
        throw new TypeError(`canonicalJson: 不支持 ${typeof v}`);
    }
  };
  return write(value);
}

/** The bytes a signature covers: everything but the signature itself. */
export function packSigningBytes(pack: Pack | Record<string, unknown>): Uint8Array<ArrayBuffer> {
  const { signature: _omit, ...rest } = pack as Record<string, unknown>;
  return new TextEncoder().encode(canonicalJson(rest));
}

// ---------------------------------------------------------------------------------------------
// Keys

/** A new team signing key. Extractable, because the lead must be able to back it up. */
export async function generateTeamKey(): Promise<CryptoKeyPair> {
  return subtle().generateKey(ALGORITHM, true, ['sign', 'verify']);
}

export async function exportKeyJwk(key: CryptoKey): Promise<JsonWebKey> {
  return subtle().exportKey('jwk', key);
}

/** The public half of a JWK (works on a private JWK too: x and y are in it). */
export function publicJwkOf(jwk: JsonWebKey): JsonWebKey {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

export async function importPublicKeyJwk(jwk: JsonWebKey): Promise<CryptoKey> {
  // Rebuilt from kty/crv/x/y so a pinned key saved with stray key_ops or ext still imports.
  return subtle().importKey('jwk', publicJwkOf(jwk), ALGORITHM, true, ['verify']);
}

export async function importPrivateKeyJwk(jwk: JsonWebKey): Promise<CryptoKey> {
  const { kty, crv, x, y, d } = jwk;
  return subtle().importKey('jwk', { kty, crv, x, y, d }, ALGORITHM, true, ['sign']);
}

/** Restores a key pair from the private JWK of a backup. */
export async function importTeamKey(privateJwk: JsonWebKey): Promise<CryptoKeyPair> {
  if (!privateJwk.d) throw new Error('这不是私钥：备份文件里缺少私钥部分（d）');
  const [privateKey, publicKey] = await Promise.all([
    importPrivateKeyJwk(privateJwk),
    importPublicKeyJwk(privateJwk),
  ]);
  return { privateKey, publicKey };
}

async function toPublicKey(key: CryptoKey | JsonWebKey): Promise<CryptoKey> {
  if (isCryptoKey(key)) {
    if (key.type === 'public') return key;
    // A private CryptoKey cannot give its public half unless it can be exported.
    return importPublicKeyJwk(await exportKeyJwk(key));
  }
  return importPublicKeyJwk(key);
}

function isCryptoKey(key: unknown): key is CryptoKey {
  return typeof CryptoKey !== 'undefined' && key instanceof CryptoKey;
}

/** `3F2A 91C0 …`: 16 groups of 4 upper-case hex digits. */
export function formatFingerprint(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

/** Compares fingerprints however they were typed (spaces, case). */
export function sameFingerprint(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  return norm(a) === norm(b);
}

/**
 * SHA-256 of the public key's SPKI (DER) encoding — the standard "public key fingerprint" form,
 * the same for a key however it is stored (JWK, CryptoKey).
 */
export async function fingerprint(publicKey: CryptoKey | JsonWebKey): Promise<string> {
  const key = await toPublicKey(publicKey);
  const spki = await subtle().exportKey('spki', key);
  return formatFingerprint(new Uint8Array(await subtle().digest('SHA-256', spki)));
}

// ---------------------------------------------------------------------------------------------
// base64 (btoa/atob exist in browsers and Node ≥ 16)

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Sign and verify

export type SigningKey = CryptoKeyPair | CryptoKey | JsonWebKey;

async function resolveSigningKey(key: SigningKey): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  if (isCryptoKey(key)) {
    if (key.type !== 'private') throw new Error('签名需要私钥，这里给的是公钥');
    return { privateKey: key, publicKey: await toPublicKey(key) };
  }
  if ('privateKey' in key && 'publicKey' in key) return key as CryptoKeyPair;
  return importTeamKey(key as JsonWebKey);
}

/**
 * Signs a pack and returns it with `signature` set (any old signature replaced). The pack is
 * first normalised through parsePack, so what gets signed is what every importer will see;
 * an invalid pack is refused with the first problem (signing it would only delay the error).
 */
export async function signPack(pack: Pack, key: SigningKey): Promise<Pack> {
  const { signature: _old, ...unsigned } = pack;
  const parsed = parsePack(unsigned);
  if (!parsed.ok) throw new Error(`短语包有错误，不能签名：${parsed.errors[0]?.message ?? ''}`);
  const { privateKey, publicKey } = await resolveSigningKey(key);
  const value = new Uint8Array(await subtle().sign(SIGN_PARAMS, privateKey, packSigningBytes(parsed.pack)));
  const signature: PackSignature = {
    alg: SIGNATURE_ALG,
    keyId: await fingerprint(publicKey),
    value: toBase64(value),
  };
  return { ...parsed.pack, signature };
}

export type VerifyResult =
  | { ok: true; keyId: string }
  | { ok: false; reason: 'unsigned' | 'bad-signature' | 'wrong-key'; message: string };

/**
 * Checks a pack (as parsePack returned it) against the publisher key the agent pinned.
 * Never throws: an unusable pinned key is reported as 'wrong-key'.
 */
export async function verifyPack(
  pack: Pack,
  publicKeyOrPinnedJwk: CryptoKey | JsonWebKey,
): Promise<VerifyResult> {
  const sig = (pack as { signature?: Partial<PackSignature> } | null | undefined)?.signature;
  if (!sig || typeof sig !== 'object') {
    return { ok: false, reason: 'unsigned', message: '这个短语包没有签名，无法确认它来自你信任的发布者' };
  }
  let publicKey: CryptoKey;
  let pinnedId: string;
  try {
    publicKey = await toPublicKey(publicKeyOrPinnedJwk);
    pinnedId = await fingerprint(publicKey);
  } catch {
    return {
      ok: false,
      reason: 'wrong-key',
      message: '固定的发布者公钥无效，无法核对签名。请重新导入发布者公钥',
    };
  }
  if (sig.alg !== SIGNATURE_ALG || typeof sig.value !== 'string' || typeof sig.keyId !== 'string') {
    return { ok: false, reason: 'bad-signature', message: '签名格式不正确，无法核对' };
  }
  if (!sameFingerprint(sig.keyId, pinnedId)) {
    return {
      ok: false,
      reason: 'wrong-key',
      message: `短语包由另一把密钥签名（指纹 ${sig.keyId}），不是你固定的发布者密钥（指纹 ${pinnedId}）。请向组长确认`,
    };
  }
  const bytes = fromBase64(sig.value);
  let valid = false;
  try {
    valid = !!bytes && (await subtle().verify(SIGN_PARAMS, publicKey, bytes, packSigningBytes(pack)));
  } catch {
    valid = false;
  }
  if (!valid) {
    return {
      ok: false,
      reason: 'bad-signature',
      message: '签名校验失败：短语包在签名之后被改动过，或签名已损坏。请向组长重新获取',
    };
  }
  return { ok: true, keyId: pinnedId };
}
