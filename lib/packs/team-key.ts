import { storage } from 'wxt/utils/storage';
import { exportKeyJwk, fingerprint, generateTeamKey, importTeamKey, publicJwkOf } from './sign';

/**
 * The team lead's signing key, kept in extension storage (never in IndexedDB backups of phrases,
 * never in a pack). Only the options page touches it. It is extractable on purpose: a lead who
 * cannot back the key up loses the team's trust with the next new computer.
 */

export interface TeamKey {
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
  fingerprint: string;
  createdAt: number;
  restoredAt?: number;
}

const teamKeyItem = storage.defineItem<TeamKey | null>('local:packs.teamKey', { fallback: null });

export const BACKUP_FORMAT = 'kefu-team-key/1';
export const PUBLIC_KEY_FORMAT = 'kefu-team-public-key/1';

export const getTeamKey = () => teamKeyItem.getValue();
export const deleteTeamKey = () => teamKeyItem.setValue(null);

export async function createTeamKey(now = Date.now()): Promise<TeamKey> {
  const pair = await generateTeamKey();
  const [privateJwk, publicJwk] = await Promise.all([
    exportKeyJwk(pair.privateKey),
    exportKeyJwk(pair.publicKey),
  ]);
  const key: TeamKey = {
    privateJwk,
    publicJwk: publicJwkOf(publicJwk),
    fingerprint: await fingerprint(pair.publicKey),
    createdAt: now,
  };
  await teamKeyItem.setValue(key);
  return key;
}

/** The backup file: the private key with a warning a person will read before sharing it. */
export function teamKeyBackupText(key: TeamKey): string {
  return `${JSON.stringify(
    {
      format: BACKUP_FORMAT,
      warning: '这是团队签名私钥：谁拿到它就能冒充组长发布短语包。请保存在安全的地方，不要发到群里。',
      fingerprint: key.fingerprint,
      createdAt: new Date(key.createdAt).toISOString(),
      jwk: key.privateJwk,
    },
    null,
    2,
  )}\n`;
}

/** The public key file agents pin: safe to send to the whole team. */
export function publicKeyText(key: TeamKey, publisher?: string): string {
  return `${JSON.stringify(
    {
      format: PUBLIC_KEY_FORMAT,
      ...(publisher ? { publisher } : {}),
      fingerprint: key.fingerprint,
      jwk: key.publicJwk,
    },
    null,
    2,
  )}\n`;
}

export type RestoreResult = { ok: true; key: TeamKey } | { ok: false; message: string };

/** Restores from a backup file (or a bare private JWK). Checks the key really signs. */
export async function restoreTeamKey(text: string, now = Date.now()): Promise<RestoreResult> {
  let value: unknown;
  try {
    value = JSON.parse(text.trim());
  } catch {
    return { ok: false, message: '备份文件不是有效的 JSON：请选择「导出备份」得到的 .json 文件' };
  }
  const obj = (value ?? {}) as Record<string, unknown>;
  const jwk = (obj.jwk ?? obj) as JsonWebKey;
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'EC' || jwk.crv !== 'P-256') {
    return { ok: false, message: '这不是团队签名密钥的备份（需要 P-256 的 EC 密钥）' };
  }
  if (typeof jwk.d !== 'string') {
    return { ok: false, message: '这个文件只有公钥，没有私钥，不能用来签名。请选择「导出备份」得到的文件' };
  }
  try {
    const pair = await importTeamKey(jwk);
    const key: TeamKey = {
      privateJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d },
      publicJwk: publicJwkOf(jwk),
      fingerprint: await fingerprint(pair.publicKey),
      createdAt:
        typeof obj.createdAt === 'string' && !Number.isNaN(Date.parse(obj.createdAt))
          ? Date.parse(obj.createdAt)
          : now,
      restoredAt: now,
    };
    await teamKeyItem.setValue(key);
    return { ok: true, key };
  } catch {
    return { ok: false, message: '密钥已损坏，无法恢复（备份文件可能被改动过）' };
  }
}

/** What the lead last published, so the next publish starts from it. */
export interface PublishDraft {
  id: string;
  name: string;
  publisher: string;
  description: string;
  updateUrl: string;
  /** The last exported version; the next defaults to one more. */
  lastVersion: number;
  history: { version: number; date: string; notes: string }[];
  /** Ids of the phrases chosen; absent means "all of mine". */
  selected?: string[];
  includeLegend: boolean;
  includeTemplates: boolean;
  includePolicy: boolean;
}

export const EMPTY_DRAFT: PublishDraft = {
  id: '',
  name: '',
  publisher: '',
  description: '',
  updateUrl: '',
  lastVersion: 0,
  history: [],
  includeLegend: false,
  includeTemplates: false,
  includePolicy: false,
};

const draftItem = storage.defineItem<PublishDraft>('local:packs.publishDraft', { fallback: EMPTY_DRAFT });
export const getPublishDraft = async (): Promise<PublishDraft> => ({
  ...EMPTY_DRAFT,
  ...(await draftItem.getValue()),
});
export const savePublishDraft = (d: PublishDraft) => draftItem.setValue(d);
