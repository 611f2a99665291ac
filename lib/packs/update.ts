import { diffPacks, type PackDiff } from './diff';
import { canonicalJson, verifyPack, type VerifyResult } from './sign';
import type { Pack } from './schema';

/**
 * Whether an incoming pack may replace the installed one. Pure decision logic (no storage):
 * the background's update check and the options page's manual import both ask this, and the
 * agent sees the Chinese reason when an update is refused.
 *
 * Order matters: identity and trust first (a pack we cannot trust has no say about versions),
 * then versions.
 */

export type UpdateRefusal =
  | 'different-pack'
  | 'unsigned'
  | 'bad-signature'
  | 'wrong-key'
  | 'downgrade'
  | 'same-version-different-content';

export type UpdateDecision =
  | {
      decision: 'accept';
      /** install: nothing installed; upgrade: newer; unchanged: same content (nothing to do); downgrade: allowed by the caller. */
      kind: 'install' | 'upgrade' | 'unchanged' | 'downgrade';
      /** verified: signature checked against the pinned key; unverified: signed but no key pinned. */
      signature: 'verified' | 'unverified' | 'unsigned';
      message: string;
      warnings: string[];
      diff?: PackDiff;
    }
  | { decision: 'refuse'; reason: UpdateRefusal; message: string };

export interface UpdateInput {
  installed?: Pack;
  incoming: Pack;
  /** The publisher key the agent pinned for this pack; when set, a valid signature is required. */
  pinnedKey?: CryptoKey | JsonWebKey;
  /** Rolling back on purpose (the lead published a bad version). */
  allowDowngrade?: boolean;
}

/** Content identity: everything but the signature and the editor-only `$schema`. */
function contentOf(pack: Pack): string {
  const { signature: _s, $schema: _d, ...rest } = pack;
  return canonicalJson(rest);
}

/**
 * The synchronous core, given the signature check's result (or none when no key is pinned).
 * Exposed for callers that verified already and for tests.
 */
export function decideUpdateWith(
  input: Omit<UpdateInput, 'pinnedKey'>,
  verification?: VerifyResult,
): UpdateDecision {
  const { installed, incoming, allowDowngrade } = input;
  if (installed && installed.id !== incoming.id) {
    return {
      decision: 'refuse',
      reason: 'different-pack',
      message: `这是另一个短语包（「${incoming.name}」，编号 ${incoming.id}），不是已安装的「${installed.name}」（编号 ${installed.id}）的更新`,
    };
  }
  if (verification && !verification.ok) {
    return { decision: 'refuse', reason: verification.reason, message: verification.message };
  }

  const warnings: string[] = [];
  const signature = verification ? 'verified' : incoming.signature ? 'unverified' : 'unsigned';
  if (signature === 'unverified') {
    warnings.push('这个短语包有签名，但你还没有固定发布者公钥，所以无法确认签名。建议向组长要公钥并核对指纹');
  }
  if (!verification && installed?.signature && !incoming.signature) {
    warnings.push('已安装的版本有签名，这次更新却没有签名，请向组长确认来源');
  }

  if (!installed) {
    return {
      decision: 'accept',
      kind: 'install',
      signature,
      warnings,
      message: `将安装「${incoming.name}」第 ${incoming.version} 版，共 ${incoming.phrases.length} 条短语`,
    };
  }

  if (incoming.version < installed.version) {
    if (!allowDowngrade) {
      return {
        decision: 'refuse',
        reason: 'downgrade',
        message: `收到的是第 ${incoming.version} 版，比已安装的第 ${installed.version} 版旧，已拒绝。如确需回退，请在短语包设置中选择“允许回退到旧版本”`,
      };
    }
    return {
      decision: 'accept',
      kind: 'downgrade',
      signature,
      warnings,
      diff: diffPacks(installed, incoming),
      message: `将从第 ${installed.version} 版回退到第 ${incoming.version} 版`,
    };
  }

  if (incoming.version === installed.version) {
    if (contentOf(incoming) === contentOf(installed)) {
      return {
        decision: 'accept',
        kind: 'unchanged',
        signature,
        warnings,
        message: `已经是最新的第 ${installed.version} 版，无需更新`,
      };
    }
    return {
      decision: 'refuse',
      reason: 'same-version-different-content',
      message: `收到的第 ${incoming.version} 版与已安装的第 ${installed.version} 版版本号相同但内容不同，已拒绝。发布者每次修改都必须提高版本号，请联系组长`,
    };
  }

  const diff = diffPacks(installed, incoming);
  const p = diff.phrases;
  return {
    decision: 'accept',
    kind: 'upgrade',
    signature,
    warnings,
    diff,
    message: `将从第 ${installed.version} 版更新到第 ${incoming.version} 版：新增 ${p.added.length} 条、修改 ${p.changed.length} 条、删除 ${p.removed.length} 条短语`,
  };
}

export async function decideUpdate(input: UpdateInput): Promise<UpdateDecision> {
  const { pinnedKey, ...rest } = input;
  if (input.installed && input.installed.id !== input.incoming.id) return decideUpdateWith(rest);
  const verification = pinnedKey ? await verifyPack(input.incoming, pinnedKey) : undefined;
  return decideUpdateWith(rest, verification);
}
