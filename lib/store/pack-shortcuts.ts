import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import {
  isPackPhraseId,
  shortcutKey,
  storedPhraseId,
  type ClashClaimant,
  type InstalledPackRecord,
  type ShortcutClash,
} from '../packs/installed';
import type { Pack } from '../packs/schema';
import { withPinyin } from '../phrases/pinyin';
import type { KefuDB, PhraseRecord } from './db';
import { PackPhraseChunks } from './pack-phrase-store';

/**
 * One shortcut, one phrase: who has each shortcut when packs and the agent's own phrases want
 * the same one. Used inside the pack transactions of packs-repo, so a shortcut moves together
 * with the phrases that cause it.
 *
 * A phrase record's `shortcut` is the one it HAS (what the picker matches). What a phrase WANTS
 * comes from its pack (pack phrases) or from `yielded` (a personal phrase that gave its shortcut
 * to a pack phrase because the agent chose so). Nothing extra is stored on phrase records, so
 * a backup/restore of the phrases (which keeps only the phrase model's fields) loses
 * nothing: the bookkeeping lives in one `kv` document.
 */

export type PacksTx = IDBPTransaction<
  KefuDB,
  ('phrases' | 'packPhrases' | 'packs' | 'packHistory' | 'kv')[],
  'readwrite'
>;

/** The stores every pack transaction spans (packHistory: an apply keeps the version it replaced). */
export const PACKS_TX_STORES = ['phrases', 'packPhrases', 'packs', 'packHistory', 'kv'] as const;

const KV_KEY = 'packs:shortcuts';
const noop = () => {};

/** Stored as entry lists, not objects: `__proto__` is a valid shortcut. */
interface StoredState {
  packHolders?: [string, string][];
  waiting?: [string, string[]][];
  owners?: [string, string][];
  yielded?: [string, string][];
}

function entries<V>(list: unknown): [string, V][] {
  return Array.isArray(list)
    ? (list.filter((e) => Array.isArray(e) && typeof e[0] === 'string') as [string, V][])
    : [];
}

/**
 * Which pack phrase has each shortcut now (shortcut key → stored id), without opening a whole
 * book or reading any phrase.
 */
export async function packShortcutHolders(
  kv: IDBPObjectStore<KefuDB, ArrayLike<StoreNames<KefuDB>>, 'kv', IDBTransactionMode>,
): Promise<Map<string, string>> {
  const raw = (await kv.get(KV_KEY)) as StoredState | undefined;
  return new Map(entries<string>(raw?.packHolders));
}

/** A record with a new effective shortcut (or none), its cached pinyin kept in step. */
export function withShortcut(record: PhraseRecord, shortcut: string | undefined): PhraseRecord {
  const { shortcut: _old, py, ...rest } = record;
  const next: PhraseRecord = shortcut ? { ...rest, shortcut } : rest;
  // Pinyin covers the shortcut; refresh it where it was cached, leave it to the filler otherwise.
  return py ? withPinyin({ ...next, py }) : next;
}

export class ShortcutBook {
  /** Key → stored id of the pack phrase that has it. */
  readonly packHolders: Map<string, string>;
  /** Key → ids (pack or personal) that want it but do not have it, oldest first. */
  readonly waiting: Map<string, string[]>;
  /** Key → the id the agent chose to keep it. */
  readonly owners: Map<string, string>;
  /** Personal phrase id → the shortcut it gave up. */
  readonly yielded: Map<string, string>;
  /** Active personal phrases by the shortcut they have. */
  readonly personal = new Map<string, PhraseRecord[]>();
  /** Records read or written in this transaction. */
  private readonly cache = new Map<string, PhraseRecord | undefined>();
  private readonly packDeclared = new Map<string, Map<string, string | undefined>>();
  /** Pack phrases read and written in this transaction; written out by `save`. */
  readonly packPhrases: PackPhraseChunks;
  changed = false;

  private constructor(
    private readonly tx: PacksTx,
    raw: StoredState | undefined,
    personalList: readonly PhraseRecord[],
  ) {
    this.packHolders = new Map(entries<string>(raw?.packHolders));
    this.waiting = new Map(entries<string[]>(raw?.waiting));
    this.owners = new Map(entries<string>(raw?.owners));
    this.yielded = new Map(entries<string>(raw?.yielded));
    this.packPhrases = new PackPhraseChunks(tx.objectStore('packPhrases'));
    for (const p of personalList) {
      this.cache.set(p.id, p);
      if (p.deletedAt !== undefined || !p.shortcut) continue;
      const key = shortcutKey(p.shortcut);
      if (key) this.personal.set(key, [...(this.personal.get(key) ?? []), p]);
    }
  }

  static async open(tx: PacksTx): Promise<ShortcutBook> {
    // The phrases store holds only personal phrases (pack phrases are not read here).
    const [raw, personal] = await Promise.all([
      tx.objectStore('kv').get(KV_KEY) as Promise<StoredState | undefined>,
      tx.objectStore('phrases').getAll(),
    ]);
    return new ShortcutBook(tx, raw, personal);
  }

  /** Writes the bookkeeping and every phrase changed through the book. */
  save(): void {
    this.packPhrases.flush();
    const value: StoredState = {
      packHolders: [...this.packHolders],
      waiting: [...this.waiting].filter(([, ids]) => ids.length > 0),
      owners: [...this.owners],
      yielded: [...this.yielded],
    };
    this.tx.objectStore('kv').put(value, KV_KEY).catch(noop);
  }

  private async get(id: string): Promise<PhraseRecord | undefined> {
    if (!this.cache.has(id)) {
      const record = isPackPhraseId(id)
        ? await this.packPhrases.get(id)
        : await this.tx.objectStore('phrases').get(id);
      this.cache.set(id, record);
    }
    return this.cache.get(id);
  }

  private put(record: PhraseRecord): void {
    this.cache.set(record.id, record);
    if (isPackPhraseId(record.id)) this.packPhrases.put(record);
    else this.tx.objectStore('phrases').put(record).catch(noop);
    this.changed = true;
  }

  /** The pack a transaction is about to write: its phrases' wishes come from here, not the store. */
  usePack(pack: Pack): void {
    this.packDeclared.set(
      pack.id,
      new Map(pack.phrases.map((p) => [storedPhraseId(pack.id, p.id), p.shortcut])),
    );
  }

  /** Records this transaction writes itself (so later reads see them). */
  remember(record: PhraseRecord): void {
    this.cache.set(record.id, record);
  }

  forget(id: string): void {
    this.cache.set(id, undefined);
  }

  private async declaredOf(record: PhraseRecord): Promise<string | undefined> {
    if (record.source.kind === 'pack') {
      const packId = record.source.packId;
      let map = this.packDeclared.get(packId);
      if (!map) {
        const r = (await this.tx.objectStore('packs').get(packId)) as InstalledPackRecord | undefined;
        map = new Map((r?.pack.phrases ?? []).map((p) => [storedPhraseId(packId, p.id), p.shortcut]));
        this.packDeclared.set(packId, map);
      }
      return map.get(record.id);
    }
    return this.yielded.get(record.id) ?? record.shortcut;
  }

  /** The shortcut a claimant wants under `key`, or undefined when it no longer does. */
  private async wants(record: PhraseRecord | undefined, key: string): Promise<string | undefined> {
    if (!record || record.deletedAt !== undefined) return undefined;
    // A personal phrase the agent gave another shortcut meanwhile no longer wants this one.
    if (!isPackPhraseId(record.id) && record.shortcut && shortcutKey(record.shortcut) !== key)
      return undefined;
    const declared = await this.declaredOf(record);
    return declared && shortcutKey(declared) === key ? declared : undefined;
  }

  addWaiting(key: string, id: string): void {
    const list = this.waiting.get(key) ?? [];
    if (!list.includes(id)) list.push(id);
    this.waiting.set(key, list);
  }

  private removeWaiting(key: string, id: string): void {
    const list = this.waiting.get(key);
    if (!list) return;
    const next = list.filter((x) => x !== id);
    if (next.length) this.waiting.set(key, next);
    else this.waiting.delete(key);
  }

  /**
   * Forgets a pack's phrases (they are about to be rewritten or deleted). Returns the keys they
   * had, which the caller hands on with `reconcile` once the new phrases are placed.
   */
  dropPack(packId: string, { keepOwners = true } = {}): Set<string> {
    const prefix = storedPhraseId(packId, '');
    const freed = new Set<string>();
    for (const [key, id] of this.packHolders) {
      if (id.startsWith(prefix)) {
        this.packHolders.delete(key);
        freed.add(key);
      }
    }
    for (const [key, list] of this.waiting) {
      const rest = list.filter((id) => !id.startsWith(prefix));
      if (rest.length) this.waiting.set(key, rest);
      else this.waiting.delete(key);
    }
    if (!keepOwners) for (const [key, id] of this.owners) if (id.startsWith(prefix)) this.owners.delete(key);
    return freed;
  }

  /** Drops choices for phrases that no longer exist. */
  forgetOwners(ids: ReadonlySet<string>): void {
    for (const [key, id] of this.owners) if (ids.has(id)) this.owners.delete(key);
  }

  /**
   * Decides whether a pack phrase being written gets its shortcut: yes when nobody has it, or
   * when the agent chose this phrase for it earlier (the others then give it up); else it waits.
   */
  async place(record: PhraseRecord, declared: string | undefined): Promise<PhraseRecord> {
    const key = shortcutKey(declared);
    if (!declared || !key) return record;
    const otherPack = this.packHolders.get(key);
    const mine = this.personal.get(key) ?? [];
    if (!otherPack && mine.length === 0) {
      this.packHolders.set(key, record.id);
      return { ...record, shortcut: declared };
    }
    if (this.owners.get(key) === record.id) {
      for (const m of mine) this.yieldPersonal(m, key);
      if (otherPack) await this.takeFromPack(otherPack, key);
      this.packHolders.set(key, record.id);
      return { ...record, shortcut: declared };
    }
    this.addWaiting(key, record.id);
    return record;
  }

  private yieldPersonal(m: PhraseRecord, key: string): void {
    if (m.shortcut) this.yielded.set(m.id, m.shortcut);
    this.put(withShortcut(m, undefined));
    this.personal.set(
      key,
      (this.personal.get(key) ?? []).filter((x) => x.id !== m.id),
    );
    if (this.personal.get(key)?.length === 0) this.personal.delete(key);
    this.addWaiting(key, m.id);
  }

  private async takeFromPack(id: string, key: string): Promise<void> {
    const rec = await this.get(id);
    if (rec) this.put(withShortcut(rec, undefined));
    this.packHolders.delete(key);
    this.addWaiting(key, id);
  }

  private give(record: PhraseRecord, declared: string, key: string): void {
    if (isPackPhraseId(record.id)) {
      this.put(withShortcut(record, declared));
      this.packHolders.set(key, record.id);
    } else {
      const next = withShortcut(record, declared);
      this.put(next);
      this.yielded.delete(record.id);
      this.personal.set(key, [next]);
    }
    this.removeWaiting(key, record.id);
  }

  /** Gives each free key to a waiting claimant: the agent's choice first, else the longest waiting. */
  async reconcile(keys: Iterable<string>): Promise<void> {
    for (const key of [...keys]) {
      const holder = this.packHolders.get(key);
      if (holder) {
        const rec = await this.get(holder);
        if (rec && rec.deletedAt === undefined && shortcutKey(rec.shortcut) === key) continue;
        this.packHolders.delete(key);
      }
      if ((this.personal.get(key) ?? []).length > 0) continue;
      const queue = [...(this.waiting.get(key) ?? [])];
      const owner = this.owners.get(key);
      if (owner && queue.includes(owner)) queue.unshift(owner);
      for (const id of queue) {
        const rec = await this.get(id);
        const declared = await this.wants(rec, key);
        if (!rec || !declared) {
          this.removeWaiting(key, id);
          if (!isPackPhraseId(id) && !rec) this.yielded.delete(id);
          continue;
        }
        this.give(rec, declared, key);
        break;
      }
    }
  }

  /** The agent's choice: `ownerId` keeps the shortcut, every other claimant gives it up. */
  async resolve(shortcut: string, ownerId: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const key = shortcutKey(shortcut);
    const owner = await this.get(ownerId);
    const declared = await this.wants(owner, key);
    if (!owner || !declared) return { ok: false, message: '这条短语已不存在，或已不使用这个快捷码' };
    for (const m of [...(this.personal.get(key) ?? [])]) if (m.id !== ownerId) this.yieldPersonal(m, key);
    const holder = this.packHolders.get(key);
    if (holder && holder !== ownerId) await this.takeFromPack(holder, key);
    this.give(owner, declared, key);
    this.owners.set(key, ownerId);
    return { ok: true };
  }

  /** A personal copy of a pack phrase takes over the pack phrase's shortcut (see forkPackPhrase). */
  async handOver(fromPackPhrase: PhraseRecord, toPersonalId: string): Promise<void> {
    const key = shortcutKey(fromPackPhrase.shortcut);
    if (!key) return;
    await this.takeFromPack(fromPackPhrase.id, key);
    this.owners.set(key, toPersonalId);
  }

  /** Keys two or more active phrases want, with who has each now. */
  async clashes(packNames: ReadonlyMap<string, string>): Promise<ShortcutClash[]> {
    const keys = new Set<string>(this.waiting.keys());
    for (const [key, list] of this.personal) if (list.length > 1 || this.packHolders.has(key)) keys.add(key);
    const out: ShortcutClash[] = [];
    for (const key of keys) {
      const claimants: ClashClaimant[] = [];
      const seen = new Set<string>();
      const add = (rec: PhraseRecord | undefined, holds: boolean) => {
        if (!rec || seen.has(rec.id) || rec.deletedAt !== undefined) return;
        seen.add(rec.id);
        const packId = rec.source.kind === 'pack' ? rec.source.packId : undefined;
        claimants.push({
          id: rec.id,
          title: rec.title,
          source: rec.source.kind,
          ...(packId ? { packId, packName: packNames.get(packId) ?? packId } : {}),
          holds,
          preview: Array.from(rec.variants[0] ?? '')
            .slice(0, 40)
            .join(''),
        });
      };
      let shown: string | undefined;
      for (const m of this.personal.get(key) ?? []) {
        add(m, true);
        shown ??= m.shortcut;
      }
      const holder = this.packHolders.get(key);
      if (holder) {
        const rec = await this.get(holder);
        add(rec, true);
        shown ??= rec?.shortcut;
      }
      for (const id of this.waiting.get(key) ?? []) {
        const rec = await this.get(id);
        const wanted = await this.wants(rec, key);
        if (wanted) {
          add(rec, false);
          shown ??= wanted;
        }
      }
      if (claimants.length < 2) continue;
      const holderId = claimants.find((c) => c.holds)?.id;
      out.push({ shortcut: shown ?? key, ...(holderId ? { holderId } : {}), claimants });
    }
    return out.sort((a, b) => a.shortcut.localeCompare(b.shortcut));
  }
}
