import type { IDBPDatabase } from 'idb';
import { parsePack, type PackError } from '../packs/parse';
import type { Pack, PackPhrase } from '../packs/schema';
import { fingerprint, importPublicKeyJwk, publicJwkOf, verifyPack } from '../packs/sign';
import { decideUpdate, type UpdateRefusal } from '../packs/update';
import type { PackDiff } from '../packs/diff';
import {
  isPackPhraseId,
  storedPhraseId,
  type InstalledPackRecord,
  type PackSubscription,
  type PackTrust,
  type PendingUpdate,
  type ShortcutClash,
  type SignatureStatus,
} from '../packs/installed';
import { phraseSchema } from '../phrases/model';
import { derivePhrasePinyin, withPinyin } from '../phrases/pinyin';
import { pinyinFingerprint, type PhrasePinyin } from '../phrases/search-core';
import type { KefuDB, PhraseRecord } from './db';
import { PACKS_TX_STORES, ShortcutBook } from './pack-shortcuts';
import { PackPhraseChunks, readPackPhrases } from './pack-phrase-store';
import { historyKey, PACK_HISTORY_KINDS, type HistoryStore, type PackHistoryKind } from './pack-history';

/**
 * Installed phrase packs (background only). Every change to a pack — install, upgrade, rollback,
 * uninstall — is ONE IndexedDB transaction over `packPhrases`, `phrases` (personal phrases that
 * give up or get back a shortcut), `packs`, `packHistory` (the replaced version, a pending
 * update's pack: pack-history.ts) and the small shortcut bookkeeping in `kv`: it happens
 * completely or not at all, so a refused or failed update leaves exactly what was there.
 *
 * Pack phrases are stored in chunks (pack-phrase-store.ts) under `storedPhraseId(packId,
 * phraseId)` with `source.kind = 'pack'`; they are read-only for the agent (phrases-repo refuses
 * to save them).
 *
 * Shortcuts: one shortcut, one phrase. A pack phrase whose shortcut another active phrase
 * already has does not take it (installing a pack never changes the agent's habits); it
 * waits, and the clash is listed for the agent to decide (`resolveShortcutClash`).
 */

type DB = IDBPDatabase<KefuDB>;

export type RepoRefusal =
  UpdateRefusal | 'invalid' | 'conflict' | 'not-installed' | 'no-previous' | 'storage';

export type ApplyResult =
  | {
      ok: true;
      kind: 'install' | 'upgrade' | 'unchanged' | 'downgrade';
      message: string;
      warnings: string[];
      record: InstalledPackRecord;
      diff?: PackDiff;
      /** Whether any phrase changed (then pickers must refresh). */
      phrasesChanged: boolean;
    }
  | { ok: false; reason: RepoRefusal; errors: PackError[] };

const noop = () => {};

function refuse(
  reason: RepoRefusal,
  message: string,
  path = '$',
): { ok: false; reason: RepoRefusal; errors: PackError[] } {
  return { ok: false, reason, errors: [{ path, message }] };
}

export function getPackRecord(db: DB, id: string): Promise<InstalledPackRecord | undefined> {
  return db.get('packs', id) as Promise<InstalledPackRecord | undefined>;
}

export async function listPackRecords(db: DB): Promise<InstalledPackRecord[]> {
  return (await db.getAll('packs')) as unknown as InstalledPackRecord[];
}

/** A whole version a pack keeps: the one a rollback returns to, or the update waiting for review. */
export function getHistoryPack(db: DB, id: string, kind: PackHistoryKind): Promise<Pack | undefined> {
  return db.get('packHistory', historyKey(id, kind));
}

// ---------------------------------------------------------------------------------------------
// Apply (install, upgrade, rollback)

export interface ApplyOptions {
  now?: number;
  /** Accept an older version than installed (rollback or an explicit re-import). */
  allowDowngrade?: boolean;
  /** Pin this publisher key while installing: the pack must verify against it. */
  trust?: { publicJwk: JsonWebKey };
  /** Subscribe (or update the subscription's cache validators) in the same transaction. */
  subscription?: PackSubscription;
  /**
   * What the caller reviewed: the installed record's `rev` (or null for "not installed").
   * When the store has moved on meanwhile, nothing is written.
   */
  expectedRev?: number | null;
  /** Rollback: the version rolled back from is held back from automatic updates. */
  rollback?: boolean;
  /**
   * Pinyin derived ahead of time (while the agent read the preview), by stored phrase id. Used
   * where its fingerprint matches the record as written; the rest is left to fillPackPinyin.
   */
  pinyin?: ReadonlyMap<string, PhrasePinyin>;
}

/** Parses and validates anything (text, bytes, a value), then applies it. Never throws. */
export async function installPack(db: DB, input: unknown, options: ApplyOptions = {}): Promise<ApplyResult> {
  try {
    const parsed = parsePack(input);
    if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
    return await applyPack(db, parsed.pack, options);
  } catch (e) {
    return refuse('storage', `导入失败：${errorText(e)}。已安装的内容没有改变`);
  }
}

function errorText(e: unknown): string {
  if (e instanceof Error) return (e.message || e.name).slice(0, 200);
  return String(e).slice(0, 200);
}

/** Checks a pinned key once, so an unusable key is a clear refusal and not a throw later. */
async function trustFrom(publicJwk: JsonWebKey, now: number): Promise<PackTrust | { error: string }> {
  try {
    const jwk = publicJwkOf(publicJwk);
    await importPublicKeyJwk(jwk);
    return { publicJwk: jwk, fingerprint: await fingerprint(jwk), pinnedAt: now };
  } catch {
    return { error: '发布者公钥无效：请粘贴组长导出的公钥（JWK 格式，含 kty、crv、x、y）' };
  }
}

/** Applies a pack that parsePack already accepted. */
export async function applyPack(db: DB, pack: Pack, options: ApplyOptions = {}): Promise<ApplyResult> {
  const now = options.now ?? Date.now();
  const installed = await getPackRecord(db, pack.id);
  if (options.expectedRev !== undefined && (installed?.rev ?? null) !== options.expectedRev) {
    return refuse('conflict', '短语包在你查看之后已经变化，请重新检查后再应用');
  }
  let trust = installed?.trust;
  if (!trust && options.trust) {
    const t = await trustFrom(options.trust.publicJwk, now);
    if ('error' in t) return refuse('wrong-key', t.error);
    trust = t;
  }
  const decision = await decideUpdate({
    installed: installed?.pack,
    incoming: pack,
    ...(trust ? { pinnedKey: trust.publicJwk } : {}),
    allowDowngrade: !!options.allowDowngrade,
  });
  if (decision.decision === 'refuse') return refuse(decision.reason, decision.message);

  const base = {
    kind: decision.kind,
    message: decision.message,
    warnings: decision.warnings,
    ...(decision.diff ? { diff: decision.diff } : {}),
  };

  if (decision.kind === 'unchanged' && installed) {
    // Nothing to write for phrases; a subscribe or a new pinned key still needs saving.
    if (!options.subscription && trust === installed.trust) {
      return { ok: true, ...base, record: installed, phrasesChanged: false };
    }
    const record: InstalledPackRecord = {
      ...installed,
      ...(options.subscription ? { subscription: options.subscription } : {}),
      ...(trust ? { trust } : {}),
      rev: installed.rev + 1,
    };
    const tx = db.transaction('packs', 'readwrite');
    const cur = (await tx.store.get(pack.id)) as InstalledPackRecord | undefined;
    if (cur?.rev !== installed.rev) {
      tx.abort();
      await tx.done.catch(noop);
      return refuse('conflict', '短语包正在被另一个操作修改，请稍后再试');
    }
    tx.store.put(record as unknown as KefuDB['packs']['value']).catch(noop);
    await tx.done;
    return { ok: true, ...base, record, phrasesChanged: false };
  }

  const signature: SignatureStatus = decision.signature;
  const result = await writePack(db, pack, installed, {
    now,
    signature,
    trust,
    subscription: options.subscription ?? installed?.subscription,
    rollback: !!options.rollback,
    ...(options.pinyin ? { pinyin: options.pinyin } : {}),
  });
  if (!result.ok) return result;
  return { ok: true, ...base, record: result.record, phrasesChanged: true };
}

interface WriteOptions {
  now: number;
  signature: SignatureStatus;
  trust?: PackTrust;
  subscription?: PackSubscription;
  rollback: boolean;
  pinyin?: ReadonlyMap<string, PhrasePinyin>;
}

function phraseRecord(pack: Pack, p: PackPhrase, old: PhraseRecord | undefined, now: number): PhraseRecord {
  const rec: PhraseRecord = {
    id: storedPhraseId(pack.id, p.id),
    title: p.title,
    variants: p.variants,
    source: { kind: 'pack', packId: pack.id, version: pack.version },
    createdAt: old?.createdAt ?? now,
    updatedAt: now,
    usageCount: old?.usageCount ?? 0,
  };
  if (p.category) rec.category = p.category;
  if (p.tags?.length) rec.tags = p.tags;
  if (p.platforms?.length) rec.platforms = p.platforms;
  if (old?.lastUsedAt !== undefined) rec.lastUsedAt = old.lastUsedAt;
  return rec;
}

async function writePack(
  db: DB,
  pack: Pack,
  installed: InstalledPackRecord | undefined,
  o: WriteOptions,
): Promise<
  { ok: true; record: InstalledPackRecord } | { ok: false; reason: RepoRefusal; errors: PackError[] }
> {
  const tx = db.transaction(PACKS_TX_STORES, 'readwrite');
  const done = tx.done;
  done.catch(noop);
  try {
    const packs = tx.objectStore('packs');
    const cur = (await packs.get(pack.id)) as InstalledPackRecord | undefined;
    if ((cur?.rev ?? null) !== (installed?.rev ?? null)) {
      tx.abort();
      return refuse('conflict', '短语包正在被另一个操作修改，请稍后再试');
    }
    const book = await ShortcutBook.open(tx);
    const oldById = await book.packPhrases.loadPack(pack.id);
    // Shortcuts this pack's old phrases had are decided again for the new version.
    const freed = book.dropPack(pack.id);
    book.usePack(pack);

    const records: PhraseRecord[] = [];
    let pinyinPending = false;
    for (const p of pack.phrases) {
      const old = oldById.get(storedPhraseId(pack.id, p.id));
      let rec = await book.place(phraseRecord(pack, p, old, o.now), p.shortcut);
      if (rec.shortcut) freed.delete(rec.shortcut.trim().toLowerCase());
      // Cached pinyin survives when the texts it covers did not change, pinyin derived while the
      // agent read the preview is used when it matches; the rest is filled in after the import
      // (fillPackPinyin), so deriving it never lengthens this transaction.
      const fp = pinyinFingerprint(rec);
      const py = old?.py?.v === 1 && old.py.fp === fp ? old.py : o.pinyin?.get(rec.id);
      if (py && py.v === 1 && py.fp === fp) rec = { ...rec, py };
      if (!rec.py) pinyinPending = true;
      book.remember(rec);
      records.push(rec);
    }
    // Written in chunks when the book is saved; a shortcut handed out below changes them first.
    book.packPhrases.replacePack(pack.id, records);
    const newIds = new Set(records.map((r) => r.id));
    const gone = new Set<string>();
    for (const id of oldById.keys()) {
      if (newIds.has(id)) continue;
      gone.add(id);
      book.forget(id);
    }
    book.forgetOwners(gone);
    await book.reconcile(freed);
    book.save();

    // The replaced version becomes the previous one (it is at hand: no old pack is read).
    const history = tx.objectStore('packHistory');
    const replaced = installed && installed.pack.version !== pack.version ? installed.pack : undefined;
    if (replaced) history.put(replaced, historyKey(pack.id, 'previous')).catch(noop);
    const previousVersion = replaced ? replaced.version : installed?.previousVersion;
    const pendingInfo =
      cur?.pendingInfo && cur.pendingInfo.version > pack.version ? cur.pendingInfo : undefined;
    if (cur?.pendingInfo && !pendingInfo) history.delete(historyKey(pack.id, 'pending')).catch(noop);
    const heldBack =
      o.rollback && installed
        ? Math.max(installed.pack.version, installed.heldBackVersion ?? 0)
        : installed?.heldBackVersion;
    const record: InstalledPackRecord = {
      id: pack.id,
      pack,
      ...(previousVersion !== undefined ? { previousVersion } : {}),
      signature: o.signature,
      installedAt: installed?.installedAt ?? o.now,
      appliedAt: o.now,
      ...(o.subscription ? { subscription: o.subscription } : {}),
      ...(o.trust ? { trust: o.trust } : {}),
      ...(pendingInfo ? { pendingInfo } : {}),
      ...(heldBack && heldBack > pack.version ? { heldBackVersion: heldBack } : {}),
      ...(pinyinPending ? { pinyinPending: true } : {}),
      rev: (installed?.rev ?? 0) + 1,
    };
    packs.put(record as unknown as KefuDB['packs']['value']).catch(noop);
    await done;
    return { ok: true, record };
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already finished
    }
    return refuse('storage', `保存失败：${errorText(e)}。已安装的内容没有改变`);
  }
}

/** Rolls back to the version kept before the last change. */
export async function rollbackPack(db: DB, id: string, now = Date.now()): Promise<ApplyResult> {
  const installed = await getPackRecord(db, id);
  if (!installed) return refuse('not-installed', '没有安装这个短语包');
  const previous =
    installed.previousVersion !== undefined ? await getHistoryPack(db, id, 'previous') : undefined;
  if (!previous) return refuse('no-previous', '没有可以回退的上一个版本');
  // Read outside the apply's transaction; `expectedRev` refuses it if the pack moved on meanwhile.
  return applyPack(db, previous, {
    now,
    allowDowngrade: true,
    rollback: previous.version < installed.pack.version,
    expectedRev: installed.rev,
  });
}

/** Removes the pack and exactly its phrases; personal phrases that gave way get their shortcut back. */
export async function uninstallPack(db: DB, id: string): Promise<{ ok: boolean; removed: number }> {
  const tx = db.transaction(PACKS_TX_STORES, 'readwrite');
  const [book, exists] = await Promise.all([ShortcutBook.open(tx), tx.objectStore('packs').getKey(id)]);
  const ids = [...(await book.packPhrases.loadPack(id)).keys()];
  if (!exists && ids.length === 0) {
    await tx.done;
    return { ok: false, removed: 0 };
  }
  const freed = book.dropPack(id, { keepOwners: false });
  for (const pid of ids) book.forget(pid);
  book.packPhrases.removePack(id);
  tx.objectStore('packs').delete(id).catch(noop);
  for (const kind of PACK_HISTORY_KINDS)
    tx.objectStore('packHistory').delete(historyKey(id, kind)).catch(noop);
  await book.reconcile(freed);
  book.save();
  await tx.done;
  return { ok: true, removed: ids.length };
}

// ---------------------------------------------------------------------------------------------
// Record-only changes (no phrases): trust, subscription, pending update, refusals

interface RecordChangeOptions {
  /** Nothing is written (and undefined returned) when the record's `rev` is another by now. */
  expectedRev?: number;
  /** Writes to packHistory that go with the change (a pending update's pack), in its transaction. */
  history?: (store: HistoryStore<'readwrite'>) => void;
}

async function updateRecord(
  db: DB,
  id: string,
  change: (r: InstalledPackRecord) => InstalledPackRecord | null,
  { expectedRev, history }: RecordChangeOptions = {},
): Promise<InstalledPackRecord | undefined> {
  // packHistory is in scope for the changes that keep or drop a pending pack; it is never read here.
  const tx = db.transaction(['packs', 'packHistory'], 'readwrite');
  const packs = tx.objectStore('packs');
  const cur = (await packs.get(id)) as InstalledPackRecord | undefined;
  if (!cur || (expectedRev !== undefined && cur.rev !== expectedRev)) {
    await tx.done;
    return undefined;
  }
  const next = change(cur);
  if (!next) {
    await tx.done;
    return cur;
  }
  const record = { ...next, rev: cur.rev + 1 };
  packs.put(record as unknown as KefuDB['packs']['value']).catch(noop);
  history?.(tx.objectStore('packHistory'));
  await tx.done;
  return record;
}

export type TrustResult = { ok: true; record: InstalledPackRecord } | { ok: false; message: string };

/**
 * Pins the publisher key for an installed pack. Refused when the installed version does not
 * verify against it: pinning a key that rejects what is installed only confuses later updates.
 */
export async function pinPackKey(
  db: DB,
  id: string,
  publicJwk: JsonWebKey,
  now = Date.now(),
): Promise<TrustResult> {
  const installed = await getPackRecord(db, id);
  if (!installed) return { ok: false, message: '没有安装这个短语包' };
  const t = await trustFrom(publicJwk, now);
  if ('error' in t) return { ok: false, message: t.error };
  const v = await verifyPack(installed.pack, t.publicJwk);
  if (!v.ok) {
    return {
      ok: false,
      message: `不能固定这把公钥：已安装的第 ${installed.pack.version} 版通不过它的校验（${v.message}）`,
    };
  }
  const record = await updateRecord(db, id, (r) => ({ ...r, trust: t, signature: 'verified' }), {
    expectedRev: installed.rev,
  });
  return record ? { ok: true, record } : { ok: false, message: '短语包刚刚被修改，请重试' };
}

export async function unpinPackKey(db: DB, id: string): Promise<InstalledPackRecord | undefined> {
  return updateRecord(db, id, ({ trust: _t, ...r }) => ({
    ...r,
    signature: r.pack.signature ? 'unverified' : 'unsigned',
  }));
}

export function setSubscription(
  db: DB,
  id: string,
  patch: Partial<PackSubscription> | null,
): Promise<InstalledPackRecord | undefined> {
  return updateRecord(db, id, (r) => {
    if (patch === null) {
      const { subscription: _s, ...rest } = r;
      return rest;
    }
    if (!r.subscription && !patch.url) return null;
    return { ...r, subscription: { ...(r.subscription as PackSubscription), ...patch } };
  });
}

/** Keeps a fetched update for review (a newer pending update replaces an older one). */
export function setPendingUpdate(
  db: DB,
  id: string,
  pending: PendingUpdate,
  subscription?: Partial<PackSubscription>,
): Promise<InstalledPackRecord | undefined> {
  const { pack, ...info } = pending;
  return updateRecord(
    db,
    id,
    (r) => {
      if (pack.version <= r.pack.version) return null;
      return {
        ...r,
        pendingInfo: { version: pack.version, ...info },
        ...(subscription && r.subscription ? { subscription: { ...r.subscription, ...subscription } } : {}),
      };
    },
    { history: (store) => store.put(pack, historyKey(id, 'pending')).catch(noop) },
  );
}

export function dismissPendingUpdate(db: DB, id: string): Promise<InstalledPackRecord | undefined> {
  return updateRecord(
    db,
    id,
    ({ pendingInfo, ...r }) =>
      pendingInfo ? { ...r, heldBackVersion: Math.max(pendingInfo.version, r.heldBackVersion ?? 0) } : null,
    { history: (store) => store.delete(historyKey(id, 'pending')).catch(noop) },
  );
}

export function noteRefusal(
  db: DB,
  id: string,
  refusal: { version?: number; message: string },
  subscription?: Partial<PackSubscription>,
  now = Date.now(),
): Promise<InstalledPackRecord | undefined> {
  return updateRecord(db, id, (r) => ({
    ...r,
    lastRefusal: { at: now, ...refusal },
    ...(subscription && r.subscription ? { subscription: { ...r.subscription, ...subscription } } : {}),
  }));
}

export function noteCheck(
  db: DB,
  id: string,
  subscription: Partial<PackSubscription>,
  clearRefusal = false,
): Promise<InstalledPackRecord | undefined> {
  return updateRecord(db, id, (r) => {
    if (!r.subscription) return null;
    const next: InstalledPackRecord = { ...r, subscription: { ...r.subscription, ...subscription } };
    if (clearRefusal) delete next.lastRefusal;
    return next;
  });
}

// ---------------------------------------------------------------------------------------------
// Pinyin, filled in after an import

/**
 * Derives the cached pinyin of a pack's phrases that lack it, a chunk per transaction, so the
 * import itself stays fast and a picker is never blocked for long. A record changed meanwhile
 * (its texts no longer match) is left alone. Returns how many records were filled.
 */
export async function fillPackPinyin(db: DB, packId: string, chunk = 500): Promise<number> {
  const todo = (await readPackPhrases(db.transaction('packPhrases').store, packId)).filter(
    (r) => !r.py || r.py.v !== 1 || r.py.fp !== pinyinFingerprint(r),
  );
  let filled = 0;
  for (let i = 0; i < todo.length; i += chunk) {
    // Derived outside the transaction (the slow part), written in one short transaction.
    const part = todo.slice(i, i + chunk).map((r) => ({ id: r.id, py: derivePhrasePinyin(r) }));
    const tx = db.transaction('packPhrases', 'readwrite');
    const chunks = new PackPhraseChunks(tx.store);
    for (const { id, py } of part) {
      const cur = await chunks.get(id);
      if (cur && pinyinFingerprint(cur) === py.fp) {
        chunks.put({ ...cur, py });
        filled++;
      }
    }
    chunks.flush();
    await tx.done;
  }
  await updateRecord(db, packId, (r) => {
    if (!r.pinyinPending) return null;
    const { pinyinPending: _p, ...rest } = r;
    return rest as InstalledPackRecord;
  });
  return filled;
}

// ---------------------------------------------------------------------------------------------
// Shortcut clashes

/** Keys two or more active phrases want, with who has each; also hands out keys that became free. */
export async function listShortcutClashes(db: DB): Promise<{ clashes: ShortcutClash[]; changed: boolean }> {
  const tx = db.transaction(PACKS_TX_STORES, 'readwrite');
  const [book, packRecords] = await Promise.all([
    ShortcutBook.open(tx),
    tx.objectStore('packs').getAll() as unknown as Promise<InstalledPackRecord[]>,
  ]);
  // A personal phrase trashed or renamed by the agent may have freed a key someone waits for.
  await book.reconcile([...book.waiting.keys()]);
  if (book.changed) book.save();
  const clashes = await book.clashes(new Map(packRecords.map((r) => [r.id, r.pack.name])));
  await tx.done;
  return { clashes, changed: book.changed };
}

/** The agent's choice: `ownerId` keeps the shortcut, every other claimant gives it up. */
export async function resolveShortcutClash(
  db: DB,
  shortcut: string,
  ownerId: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  if (!shortcut.trim()) return { ok: false, message: '快捷码为空' };
  const tx = db.transaction(PACKS_TX_STORES, 'readwrite');
  const book = await ShortcutBook.open(tx);
  const result = await book.resolve(shortcut, ownerId);
  if (result.ok) book.save();
  await tx.done;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Fork: "copy to my phrases"

/**
 * Copies a pack phrase into the agent's own phrases (editable). When the pack phrase has its
 * shortcut, the copy takes it over — the agent copies a phrase to change its wording, and keeps
 * typing the same shortcut; the pack phrase waits and shows as a clash the agent can flip back.
 */
export async function forkPackPhrase(
  db: DB,
  storedId: string,
  options: { newId?: string; now?: number; takeShortcut?: boolean } = {},
): Promise<{ ok: true; phrase: PhraseRecord } | { ok: false; message: string }> {
  const now = options.now ?? Date.now();
  const newId = options.newId ?? globalThis.crypto.randomUUID();
  if (isPackPhraseId(newId)) return { ok: false, message: '新短语的编号无效' };
  const tx = db.transaction(PACKS_TX_STORES, 'readwrite');
  const store = tx.objectStore('phrases');
  const [src, taken] = await Promise.all([
    isPackPhraseId(storedId) ? new PackPhraseChunks(tx.objectStore('packPhrases')).get(storedId) : undefined,
    store.getKey(newId),
  ]);
  if (!src || src.source.kind !== 'pack') {
    await tx.done;
    return { ok: false, message: '找不到这条短语包短语' };
  }
  if (taken) {
    await tx.done;
    return { ok: false, message: '已有同样编号的短语' };
  }
  const take = options.takeShortcut !== false && !!src.shortcut;
  const parsed = phraseSchema.safeParse({
    id: newId,
    title: src.title,
    ...(take ? { shortcut: src.shortcut } : {}),
    ...(src.category ? { category: src.category } : {}),
    ...(src.tags ? { tags: src.tags } : {}),
    variants: src.variants,
    ...(src.platforms ? { platforms: src.platforms } : {}),
    source: { kind: 'mine' },
    createdAt: now,
    updatedAt: now,
    usageCount: 0,
  });
  if (!parsed.success) {
    await tx.done;
    return { ok: false, message: parsed.error.issues[0]?.message ?? '无法复制这条短语' };
  }
  const phrase: PhraseRecord = withPinyin(parsed.data);
  if (take) {
    // The shortcut bookkeeping reads every personal phrase: only when the copy takes the shortcut.
    const book = await ShortcutBook.open(tx);
    await book.handOver(src, newId);
    book.save();
  }
  store.put(phrase).catch(noop);
  await tx.done;
  return { ok: true, phrase };
}
