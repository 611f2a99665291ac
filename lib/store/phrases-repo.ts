import type { IDBPDatabase, IDBPObjectStore } from 'idb';
import { phraseSchema, type Phrase, type PhraseInput } from '../phrases/model';
import { withPinyin } from '../phrases/pinyin';
import type { KefuDB, PhraseRecord } from './db';

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
  const all = await db.getAll('phrases');
  return all.filter((p) => (trash ? p.deletedAt !== undefined : p.deletedAt === undefined));
}

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
  const tx = db.transaction('phrases', 'readwrite');
  const existing = await tx.store.get(parsed.data.id);
  if (existing?.source.kind === 'pack') {
    abortQuietly(tx);
    return {
      ok: false,
      errors: [{ field: 'source', message: '短语包里的短语是只读的：请先「复制到我的短语」再修改' }],
    };
  }
  const shortcut = parsed.data.shortcut;
  if (shortcut) {
    const clash = (await tx.store.index('by-shortcut').getAll(shortcut)).find(
      (p) => p.id !== parsed.data.id && p.deletedAt === undefined,
    );
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
  await tx.store.put(record);
  await tx.done.catch(() => undefined);
  return { ok: true, phrase: record };
}

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
  update(db, ids, (p) => (p.source.kind === 'pack' ? p : { ...p, deletedAt: now }));

export const restorePhrases = (db: IDBPDatabase<KefuDB>, ids: readonly string[]) =>
  update(db, ids, ({ deletedAt: _gone, ...p }) => p);

/** Permanent removal, only from the trash. */
export const purgePhrases = (db: IDBPDatabase<KefuDB>, ids: readonly string[]) =>
  update(db, ids, (p) => (p.deletedAt !== undefined ? null : p));

export const recordPhraseUse = (db: IDBPDatabase<KefuDB>, id: string, now = Date.now()) =>
  update(db, [id], (p) => ({ ...p, usageCount: (p.usageCount ?? 0) + 1, lastUsedAt: now }));

/**
 * Adds many phrases in ONE transaction: all are validated first, and if any is invalid nothing
 * is written. Existing ids are replaced (an import of the same file twice changes nothing).
 */
/**
 * Shortcuts an import would give twice: within the file, or to a phrase the agent keeps (one the
 * import does not replace and that is not in the trash) — the same rule as savePhrase.
 */
async function shortcutClashes(
  store: IDBPObjectStore<KefuDB, ['phrases'], 'phrases', 'readwrite'>,
  batch: readonly Phrase[],
): Promise<FieldError[]> {
  if (!batch.some((p) => p.shortcut)) return [];
  const incoming = new Set(batch.map((p) => p.id));
  const kept = new Map<string, string>();
  // One read of everything: in Chromium a request per shortcut costs far more than the bytes.
  for (const p of await store.getAll()) {
    if (p.shortcut && p.deletedAt === undefined && !incoming.has(p.id)) kept.set(p.shortcut, p.title);
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
    if (parsed.success) valid.push(parsed.data);
    else errors.push(...zodErrors(parsed.error).map((e) => ({ ...e, field: `[${i}].${e.field}` })));
  });
  if (errors.length) return { ok: false, errors };
  const records = valid.map((p) => withPinyin({ ...p, createdAt: p.createdAt ?? now, updatedAt: now }));
  const tx = db.transaction('phrases', 'readwrite');
  const clashes = await shortcutClashes(tx.store, valid);
  if (clashes.length) {
    abortQuietly(tx);
    return { ok: false, errors: clashes };
  }
  const existingKeys = new Set(await tx.store.getAllKeys());
  let replaced = 0;
  for (const record of records) {
    if (existingKeys.has(record.id)) replaced++;
    void tx.store.put(record);
  }
  await tx.done;
  return { ok: true, added: records.length - replaced, replaced };
}
