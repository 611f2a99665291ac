import type { IDBPDatabase } from 'idb';
import type { KefuDB } from './db';
import {
  followupSchema,
  registerEntrySchema,
  zodIssuesZh,
  type Followup,
  type RegisterEntry,
} from '../registers/schema';

/**
 * Registers and follow-ups in IndexedDB (background only). Every write is zod-validated first;
 * imports run in one transaction, so a bad file changes nothing.
 */
type DB = IDBPDatabase<KefuDB>;
type FieldErrors = { field: string; message: string }[];

export const newId = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;

const toRecord = (e: RegisterEntry) => e as unknown as KefuDB['registers']['value'];

/** Adds an entry from a draft (kind + fields); fills id and times. */
export async function addEntry(
  db: DB,
  draft: Record<string, unknown>,
  now = Date.now(),
): Promise<{ ok: true; entry: RegisterEntry } | { ok: false; errors: FieldErrors }> {
  const raw: Record<string, unknown> = {
    ...draft,
    id: draft.id ?? newId(String(draft.kind ?? 'reg')),
    createdAt: draft.createdAt ?? now,
    updatedAt: now,
  };
  if (raw.kind === 'inquiry') raw.at ??= raw.createdAt;
  const parsed = registerEntrySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodIssuesZh(parsed.error) };
  await db.put('registers', toRecord(parsed.data));
  return { ok: true, entry: parsed.data };
}

/** Changes fields of a stored entry (kind and id stay). */
export async function updateEntry(
  db: DB,
  id: string,
  patch: Record<string, unknown>,
  now = Date.now(),
): Promise<{ ok: true; entry: RegisterEntry } | { ok: false; errors: FieldErrors }> {
  const tx = db.transaction('registers', 'readwrite');
  const current = await tx.store.get(id);
  if (!current) return { ok: false, errors: [{ field: 'id', message: '这条登记已不存在' }] };
  // null in a patch clears a field (e.g. un-marking paid).
  const merged: Record<string, unknown> = { ...current, ...patch, id, kind: current.kind, updatedAt: now };
  for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
  const parsed = registerEntrySchema.safeParse(merged);
  if (!parsed.success) return { ok: false, errors: zodIssuesZh(parsed.error) };
  await tx.store.put(toRecord(parsed.data));
  await tx.done;
  return { ok: true, entry: parsed.data };
}

/** Entries newest first; invalid stored records (a hand-edited backup) are skipped, not fatal. */
export async function listEntries(db: DB, since?: number): Promise<RegisterEntry[]> {
  const range = since === undefined ? undefined : IDBKeyRange.lowerBound(since);
  const all = await db.getAllFromIndex('registers', 'by-created', range);
  const out: RegisterEntry[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const parsed = registerEntrySchema.safeParse(all[i]);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

export async function deleteEntries(db: DB, ids: readonly string[]): Promise<number> {
  const tx = db.transaction('registers', 'readwrite');
  let n = 0;
  for (const id of ids) {
    if (await tx.store.get(id)) {
      await tx.store.delete(id);
      n++;
    }
  }
  await tx.done;
  return n;
}

/**
 * Merges validated entries in one transaction: a new id is added, a known id is replaced only
 * by a newer version (so re-importing an old export never undoes later edits).
 */
export async function importEntries(
  db: DB,
  entries: readonly unknown[],
): Promise<
  { ok: true; added: number; updated: number; unchanged: number } | { ok: false; errors: FieldErrors }
> {
  const valid: RegisterEntry[] = [];
  const errors: FieldErrors = [];
  entries.forEach((e, i) => {
    const parsed = registerEntrySchema.safeParse(e);
    if (parsed.success) valid.push(parsed.data);
    else
      for (const issue of zodIssuesZh(parsed.error))
        errors.push({ field: `第 ${i + 1} 条`, message: issue.message });
  });
  if (errors.length) return { ok: false, errors };
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  const tx = db.transaction('registers', 'readwrite');
  for (const e of valid) {
    const current = await tx.store.get(e.id);
    if (!current) added++;
    else if ((current.updatedAt as number) < e.updatedAt) updated++;
    else {
      unchanged++;
      continue;
    }
    await tx.store.put(toRecord(e));
  }
  await tx.done;
  return { ok: true, added, updated, unchanged };
}

/**
 * Retention: deletes register entries created before `cutoff`, and follow-ups that are done or
 * whose entry is gone and are older than it. Returns how many entries went.
 */
export async function purgeOlderThan(
  db: DB,
  cutoff: number,
): Promise<{ registers: number; followups: number }> {
  const tx = db.transaction(['registers', 'followups'], 'readwrite');
  let registers = 0;
  let followups = 0;
  const regs = tx.objectStore('registers');
  let cursor = await regs.index('by-created').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    await cursor.delete();
    registers++;
    cursor = await cursor.continue();
  }
  const fus = tx.objectStore('followups');
  let fc = await fus.index('by-due').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (fc) {
    await fc.delete();
    followups++;
    fc = await fc.continue();
  }
  await tx.done;
  return { registers, followups };
}

export const retentionCutoff = (now: number, days: number): number => now - days * 86_400_000;

/** Clear-all (the options page confirms first). */
export async function clearRegisters(db: DB): Promise<void> {
  const tx = db.transaction(['registers', 'followups'], 'readwrite');
  await Promise.all([tx.objectStore('registers').clear(), tx.objectStore('followups').clear(), tx.done]);
}

// ---------------------------------------------------------------------------------------------
// Follow-ups

export async function addFollowup(
  db: DB,
  draft: Record<string, unknown>,
  now = Date.now(),
): Promise<{ ok: true; followup: Followup } | { ok: false; errors: FieldErrors }> {
  const parsed = followupSchema.safeParse({
    ...draft,
    id: draft.id ?? newId('fu'),
    createdAt: now,
    status: 'open',
  });
  if (!parsed.success) return { ok: false, errors: zodIssuesZh(parsed.error) };
  await db.put('followups', parsed.data as unknown as KefuDB['followups']['value']);
  return { ok: true, followup: parsed.data };
}

export async function listFollowups(db: DB, { until }: { until?: number } = {}): Promise<Followup[]> {
  const range = until === undefined ? undefined : IDBKeyRange.upperBound(until);
  const all = await db.getAllFromIndex('followups', 'by-due', range);
  return all.flatMap((f) => {
    const parsed = followupSchema.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Open follow-ups due by `now` and not yet notified: marks them notified and returns them. */
export async function takeDueFollowups(db: DB, now: number): Promise<Followup[]> {
  const tx = db.transaction('followups', 'readwrite');
  const due: Followup[] = [];
  for (const raw of await tx.store.index('by-due').getAll(IDBKeyRange.upperBound(now))) {
    const parsed = followupSchema.safeParse(raw);
    if (!parsed.success || parsed.data.status !== 'open' || parsed.data.notifiedAt !== undefined) continue;
    const next = { ...parsed.data, notifiedAt: now };
    await tx.store.put(next as unknown as KefuDB['followups']['value']);
    due.push(next);
  }
  await tx.done;
  return due;
}

/** The earliest open, un-notified due time (for the next alarm). */
export async function nextDueAt(db: DB): Promise<number | undefined> {
  for (const f of await listFollowups(db))
    if (f.status === 'open' && f.notifiedAt === undefined) return f.dueAt;
  return undefined;
}

export async function updateFollowup(
  db: DB,
  id: string,
  action: { done: true } | { snoozeUntil: number },
  now = Date.now(),
): Promise<Followup | undefined> {
  const tx = db.transaction('followups', 'readwrite');
  const parsed = followupSchema.safeParse(await tx.store.get(id));
  if (!parsed.success) return undefined;
  const { notifiedAt: _n, ...rest } = parsed.data;
  const next: Followup =
    'done' in action
      ? { ...parsed.data, status: 'done', doneAt: now }
      : { ...rest, status: 'open', dueAt: action.snoozeUntil };
  await tx.store.put(next as unknown as KefuDB['followups']['value']);
  await tx.done;
  return next;
}
