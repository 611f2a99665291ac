import type { Pack } from './schema';
import type { PackDiff } from './diff';

/**
 * Installed packs as the background stores them and the options page shows them. Plain types and
 * id helpers only (no idb, no pinyin), so the options page can import this without bundling the
 * background's storage code.
 */

export type SignatureStatus = 'verified' | 'unverified' | 'unsigned';

export interface PackSubscription {
  /** https URL the pack is fetched from. */
  url: string;
  /** Apply updates without asking (refused updates are still refused). */
  autoApply: boolean;
  etag?: string;
  lastModified?: string;
  lastCheckedAt?: number;
  /** Outcome of the last check, for the list ("已是最新", "已拒绝：…"). */
  lastStatus?: 'updated' | 'unchanged' | 'pending' | 'refused' | 'error';
  lastMessage?: string;
}

export interface PackTrust {
  /** Public half only (kty, crv, x, y). */
  publicJwk: JsonWebKey;
  fingerprint: string;
  pinnedAt: number;
}

/** A newer version the background fetched and is waiting for the agent to review. */
export interface PendingUpdate {
  pack: Pack;
  fetchedAt: number;
  signature: SignatureStatus;
  warnings: string[];
}

/** A pending update as its pack record tells it: everything but the pack itself. */
export type PendingInfo = Omit<PendingUpdate, 'pack'> & { version: number };

/**
 * The value in the `packs` store, keyed by the pack's id. The whole version an apply replaced
 * and a pending update's pack are kept apart, in `packHistory` (lib/store/pack-history.ts):
 * only a rollback or a review reads them.
 */
export interface InstalledPackRecord {
  id: string;
  pack: Pack;
  /** The version this one replaced, kept for one-click rollback (its pack is in packHistory). */
  previousVersion?: number;
  signature: SignatureStatus;
  installedAt: number;
  /** When `pack` was applied. */
  appliedAt: number;
  subscription?: PackSubscription;
  trust?: PackTrust;
  /** A fetched update waiting for review (its pack is in packHistory). */
  pendingInfo?: PendingInfo;
  /** Set by a rollback: checks do not re-offer versions up to this one. */
  heldBackVersion?: number;
  /** The last refused update, shown until the next successful change. */
  lastRefusal?: { at: number; version?: number; message: string };
  /** Phrases written without cached pinyin; the background fills it in after the import. */
  pinyinPending?: boolean;
  /** Bumped on every write: an apply prepared against an older state is refused, not merged. */
  rev: number;
}

/** What the list in the options page needs, without 10k phrases per pack. */
export interface PackSummary {
  id: string;
  name: string;
  publisher: string;
  description?: string;
  version: number;
  updatedAt: string;
  phraseCount: number;
  changelog: Pack['changelog'];
  signature: SignatureStatus;
  signedKeyId?: string;
  installedAt: number;
  appliedAt: number;
  previousVersion?: number;
  subscription?: PackSubscription;
  trust?: { fingerprint: string; pinnedAt: number };
  pending?: { version: number; fetchedAt: number; signature: SignatureStatus };
  heldBackVersion?: number;
  lastRefusal?: InstalledPackRecord['lastRefusal'];
  /** Pinyin search for its phrases is still being prepared (a few seconds after a big import). */
  pinyinPending?: boolean;
  includes: PackIncludes;
}

/** The optional parts a pack carries besides phrases. */
export interface PackIncludes {
  flagLegend: boolean;
  remarkTemplates: number;
  returnPolicy: boolean;
  registerReasons: number;
  wordingRules: number;
}

export function includesOf(p: Pack): PackIncludes {
  return {
    flagLegend: !!p.flagLegend,
    remarkTemplates: p.remarkTemplates?.length ?? 0,
    returnPolicy: !!p.returnPolicy,
    registerReasons: p.registerReasons?.length ?? 0,
    wordingRules: p.wordingRules?.length ?? 0,
  };
}

export function summarizePack(record: InstalledPackRecord): PackSummary {
  const p = record.pack;
  return {
    id: record.id,
    name: p.name,
    publisher: p.publisher,
    ...(p.description ? { description: p.description } : {}),
    version: p.version,
    updatedAt: p.updatedAt,
    phraseCount: p.phrases.length,
    changelog: p.changelog,
    signature: record.signature,
    ...(p.signature ? { signedKeyId: p.signature.keyId } : {}),
    installedAt: record.installedAt,
    appliedAt: record.appliedAt,
    ...(record.previousVersion !== undefined ? { previousVersion: record.previousVersion } : {}),
    ...(record.subscription ? { subscription: record.subscription } : {}),
    ...(record.trust
      ? { trust: { fingerprint: record.trust.fingerprint, pinnedAt: record.trust.pinnedAt } }
      : {}),
    ...(record.pendingInfo
      ? {
          pending: {
            version: record.pendingInfo.version,
            fetchedAt: record.pendingInfo.fetchedAt,
            signature: record.pendingInfo.signature,
          },
        }
      : {}),
    ...(record.heldBackVersion ? { heldBackVersion: record.heldBackVersion } : {}),
    ...(record.lastRefusal ? { lastRefusal: record.lastRefusal } : {}),
    ...(record.pinyinPending ? { pinyinPending: true } : {}),
    includes: includesOf(p),
  };
}

/** A pack phrase as the options page lists it (read-only, with its stored id for "copy"). */
export interface PackPhraseView {
  storedId: string;
  id: string;
  title: string;
  /** What the pack says; `holdsShortcut` tells whether this phrase has it or another does. */
  shortcut?: string;
  holdsShortcut: boolean;
  category?: string;
  tags?: string[];
  variants: string[];
  platforms?: string[];
  usageCount: number;
}

/** A shortcut two or more active phrases want; `holderId` is the one that has it now. */
export interface ShortcutClash {
  /** As the holder (or first claimant) writes it. */
  shortcut: string;
  holderId?: string;
  claimants: ClashClaimant[];
}

export interface ClashClaimant {
  id: string;
  title: string;
  /** Where the phrase comes from: the agent's own, the built-in starter set, or a pack. */
  source: 'mine' | 'starter' | 'pack';
  /** 'mine' for the agent's own phrases (and starter phrases), else the pack's id. */
  packId?: string;
  packName?: string;
  holds: boolean;
  /** First variant, shortened, so the agent can tell two "催发货" apart. */
  preview: string;
}

/** What the agent reviews before an install or an update is applied. */
export interface PackPreview {
  token: string;
  kind: 'install' | 'upgrade' | 'unchanged' | 'downgrade';
  message: string;
  warnings: string[];
  parseWarnings: string[];
  signature: SignatureStatus;
  signedKeyId?: string;
  /** Fingerprint of the key the agent is about to pin (or has pinned). */
  trustFingerprint?: string;
  incoming: PackSummaryLite;
  installed?: PackSummaryLite;
  diff?: PackDiff;
  /** Applying also saves a subscription (or a pinned key): worth doing even when unchanged. */
  saves?: boolean;
  /** The first phrases of a new install, so the agent sees what the pack holds. */
  sample?: Pack['phrases'];
}

export interface PackSummaryLite {
  id: string;
  name: string;
  publisher: string;
  version: number;
  updatedAt: string;
  phraseCount: number;
  changelog: Pack['changelog'];
  description?: string;
  includes: PackIncludes;
}

export function liteSummary(p: Pack): PackSummaryLite {
  return {
    includes: includesOf(p),
    id: p.id,
    name: p.name,
    publisher: p.publisher,
    version: p.version,
    updatedAt: p.updatedAt,
    phraseCount: p.phrases.length,
    changelog: p.changelog,
    ...(p.description ? { description: p.description } : {}),
  };
}

/** Prefix of every stored pack phrase id: a personal phrase's id can never look like this. */
export const PACK_PHRASE_PREFIX = 'pk~';

/** The phrase model allows ids up to 100 characters; longer combined ids are hashed to fit. */
const STORED_ID_MAX = 100;

/** 53-bit string hash (cyrb53): stable across machines, collisions negligible at 20k phrases. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The id a pack phrase is stored under. Pack phrase ids are only unique inside their pack, and
 * phrases are found by id everywhere (picker, usage counts, shortcuts), so the pack's id is part
 * of it: two packs (or a pack and the agent) can both have a phrase `ship-urge` without
 * overwriting each other. The `pk~<pack>~` prefix also makes a pack's phrases one key range.
 */
export function storedPhraseId(packId: string, phraseId: string): string {
  const plain = `${PACK_PHRASE_PREFIX}${packId}~${phraseId}`;
  if (plain.length <= STORED_ID_MAX) return plain;
  return `${PACK_PHRASE_PREFIX}${packId}~#${hash53(phraseId)}`;
}

export function isPackPhraseId(id: string): boolean {
  return id.startsWith(PACK_PHRASE_PREFIX);
}

/** Shortcuts compare trimmed and case-insensitively, as the pack format and the picker do. */
export function shortcutKey(shortcut: string | undefined): string {
  return (shortcut ?? '').trim().toLowerCase();
}
