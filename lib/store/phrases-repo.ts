import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { isPackPhraseId, shortcutKey } from '../packs/installed';
import { phraseSchema, type Phrase, type PhraseInput } from '../phrases/model';
import { withPinyin } from '../phrases/pinyin';
import type { KefuDB, PhraseRecord } from './db';
import { PackPhraseChunks, readPackPhrases } from './pack-phrase-store';
import { packShortcutHolders } from './pack-shortcuts';

export interface FieldError {
  field: string;
  message: string;
}

export type SaveResult = { ok: true; phrase: PhraseRecord } | { ok: false; errors: FieldError[] };

/**
 * Phrases in IndexedDB (background only). Pinyin is derived here, when a phrase is saved or
 * imported, so search never computes it on a keystroke. Deleting moves to the trash.
 */
export async function listPhrases(db: IDBPDatabase<KefuDB>, { trash = false } = {}): Promise<PhraseRecord[]> {
  const tx = db.transaction(['phrases', 'packPhrases']);
  const [mine, packs] = await Promise.all([
    tx.objectStore('phrases').getAll(),
    // Pack phrases are never in the trash.
    trash ? [] : readPackPhrases(tx.objectStore('packPhrases')),
  ]);
  return [...mine.filter((p) => (trash ? p.deletedAt !== undefined : p.deletedAt === undefined)), ...packs];
}

const READ_ONLY: FieldError = {
  field: 'source',
  message: '短语包里的短语是只读的：请先「复制到我的短语」再修改',
};

function zodErrors(error: { issues: { path: PropertyKey[]; message: string }[] }): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'phrase',
    message: issue.message,
  }));
}

/** Aborts a transaction we refused; its rejected `done` is expected, not an error to report. */
function abortQuietly(tx: { done: Promise<unknown>; abort(): void }): void {
  tx.done.catch(() => undefined);
  tx.abort();
}

/**
 * Validates and saves one phrase in one transaction; a shortcut another active phrase already
 * uses is refused. Nothing is written when anything is wrong.
 */
export async function savePhrase(
  db: IDBPDatabase<KefuDB>,
  input: PhraseInput,
  now = Date.now(),
): Promise<SaveResult> {
  const parsed = phraseSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  if (isPackPhraseId(parsed.data.id) || parsed.data.source.kind === 'pack') {
    return { ok: false, errors: [READ_ONLY] };
  }
  const tx = db.transaction(['phrases', 'packPhrases', 'kv'], 'readwrite');
  const store = tx.objectStore('phrases');
  const existing = await store.get(parsed.data.id);
  const shortcut = parsed.data.shortcut;
  if (shortcut) {
    const clash =
      (await store.index('by-shortcut').getAll(shortcut)).find(
        (p) => p.id !== parsed.data.id && p.deletedAt === undefined,
      ) ?? (await packPhraseHolding(tx, shortcut));
    if (clash) {
      abortQuietly(tx);
      return {
        ok: false,
        errors: [{ field: 'shortcut', message: `快捷码「${shortcut}」已被「${clash.title}」使用` }],
      };
    }
  }
  const record: PhraseRecord = withPinyin({
    ...existing,
    ...parsed.data,
    createdAt: existing?.createdAt ?? parsed.data.createdAt ?? now,
    updatedAt: now,
    usageCount: existing?.usageCount ?? parsed.data.usageCount ?? 0,
  });
  await store.put(record);
  await tx.done.catch(() => undefined);
  return { ok: true, phrase: record };
}

/** The installed pack phrase that has this shortcut now, if any (pack-shortcuts keeps the list). */
async function packPhraseHolding(
  tx: IDBPTransaction<KefuDB, ('phrases' | 'packPhrases' | 'kv')[], 'readwrite'>,
  shortcut: string,
): Promise<PhraseRecord | undefined> {
  const holderId = (await packShortcutHolders(tx.objectStore('kv'))).get(shortcutKey(shortcut));
  if (!holderId) return undefined;
  const holder = await new PackPhraseChunks(tx.objectStore('packPhrases')).get(holderId);
  // Compared as the picker matches: trimmed and case-insensitively.
  return holder?.shortcut ? holder : undefined;
}

/** Changes personal phrases; pack phrases are read-only and never match. */
async function update(
  db: IDBPDatabase<KefuDB>,
  ids: readonly string[],
  change: (p: PhraseRecord) => PhraseRecord | null,
): Promise<number> {
  const tx = db.transaction('phrases', 'readwrite');
  let changed = 0;
  for (const id of ids) {
    const phrase = await tx.store.get(id);
    if (!phrase) continue;
    const next = change(phrase);
    if (next === null) await tx.store.delete(id);
    else await tx.store.put(next);
    changed++;
  }
  await tx.done;
  return changed;
}

export const trashPhrases = (db: IDBPDatabase<KefuDB>, ids: readonly string[], now = Date.now()) =>
  update(db, ids, (p) => ({ ...p, deletedAt: now }));

export const restorePhrases = (db: IDBPDatabase<KefuDB>, ids: readonly string[]) =>
  update(db, ids, ({ deletedAt: _gone, ...p }) => p);

/** Permanent removal, only from the trash. */
export const purgePhrases = (db: IDBPDatabase<KefuDB>, ids: readonly string[]) =>
  update(db, ids, (p) => (p.deletedAt !== undefined ? null : p));

const used = (p: PhraseRecord, now: number): PhraseRecord => ({
  ...p,
  usageCount: (p.usageCount ?? 0) + 1,
  lastUsedAt: now,
});

/** Counts a use (the search ranks often-used phrases first), for the agent's and packs' phrases. */
export async function recordPhraseUse(
  db: IDBPDatabase<KefuDB>,
  id: string,
  now = Date.now(),
): Promise<number> {
  if (!isPackPhraseId(id)) return update(db, [id], (p) => used(p, now));
  const tx = db.transaction('packPhrases', 'readwrite');
  const chunks = new PackPhraseChunks(tx.store);
  const phrase = await chunks.get(id);
  if (phrase) chunks.put(used(phrase, now));
  chunks.flush();
  await tx.done;
  return phrase ? 1 : 0;
}

/**
 * Adds many phrases in ONE transaction: all are validated first, and if any is invalid nothing
 * is written. Existing ids are replaced (an import of the same file twice changes nothing).
 */
/**
 * Shortcuts an import would give twice: within the file, or to a phrase the agent keeps (one the
 * import does not replace and that is not in the trash) — the same rule as savePhrase.
 */
async function shortcutClashes(
  tx: IDBPTransaction<KefuDB, ('phrases' | 'packPhrases' | 'kv')[], 'readwrite'>,
  batch: readonly Phrase[],
): Promise<FieldError[]> {
  if (!batch.some((p) => p.shortcut)) return [];
  const incoming = new Set(batch.map((p) => p.id));
  const kept = new Map<string, string>();
  // One read of the agent's phrases: in Chromium a request per shortcut costs far more than the
  // bytes. Pack phrases are not read: the shortcut bookkeeping says which of them hold one.
  const [mine, holders] = await Promise.all([
    tx.objectStore('phrases').getAll(),
    packShortcutHolders(tx.objectStore('kv')),
  ]);
  for (const p of mine) {
    if (p.shortcut && p.deletedAt === undefined && !incoming.has(p.id)) kept.set(p.shortcut, p.title);
  }
  const chunks = new PackPhraseChunks(tx.objectStore('packPhrases'));
  for (const p of batch) {
    const holderId = p.shortcut ? holders.get(shortcutKey(p.shortcut)) : undefined;
    const holder = holderId ? await chunks.get(holderId) : undefined;
    if (holder?.shortcut && !kept.has(holder.shortcut)) kept.set(holder.shortcut, holder.title);
  }
  const first = new Map<string, number>();
  const errors: FieldError[] = [];
  batch.forEach((p, i) => {
    const sc = p.shortcut;
    if (!sc || p.deletedAt !== undefined) return;
    const earlier = first.get(sc);
    if (earlier !== undefined) {
      errors.push({ field: `[${i}].shortcut`, message: `快捷码「${sc}」和第 ${earlier + 1} 条重复` });
    } else if (kept.has(sc)) {
      errors.push({ field: `[${i}].shortcut`, message: `快捷码「${sc}」已被「${kept.get(sc)}」使用` });
    }
    if (earlier === undefined) first.set(sc, i);
  });
  return errors;
}

export async function importPhrases(
  db: IDBPDatabase<KefuDB>,
  inputs: readonly PhraseInput[],
  now = Date.now(),
): Promise<{ ok: true; added: number; replaced: number } | { ok: false; errors: FieldError[] }> {
  const valid: Phrase[] = [];
  const errors: FieldError[] = [];
  inputs.forEach((input, i) => {
    const parsed = phraseSchema.safeParse(input);
    if (!parsed.success) {
      errors.push(...zodErrors(parsed.error).map((e) => ({ ...e, field: `[${i}].${e.field}` })));
    } else if (isPackPhraseId(parsed.data.id)) {
      errors.push({
        field: `[${i}].id`,
        message: `编号「${parsed.data.id}」是短语包短语的编号，不能用作自己的短语`,
      });
    } else {
      valid.push(parsed.data);
    }
  });
  if (errors.length) return { ok: false, errors };
  const records = valid.map((p) => withPinyin({ ...p, createdAt: p.createdAt ?? now, updatedAt: now }));
  const tx = db.transaction(['phrases', 'packPhrases', 'kv'], 'readwrite');
  const store = tx.objectStore('phrases');
  const clashes = await shortcutClashes(tx, valid);
  if (clashes.length) {
    abortQuietly(tx);
    return { ok: false, errors: clashes };
  }
  const existingKeys = new Set(await store.getAllKeys());
  let replaced = 0;
  for (const record of records) {
    if (existingKeys.has(record.id)) replaced++;
    void store.put(record);
  }
  await tx.done;
  return { ok: true, added: records.length - replaced, replaced };
}
