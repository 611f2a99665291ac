import { z } from 'zod';
import { findJsonSyntaxProblem } from '../packs/json-error';
import { phraseSchema } from '../phrases/model';
import { phrasePinyinSchema } from '../phrases/search-core';
import { SETTINGS_VERSION, settingsSchema, type Settings } from '../settings/schema';
import { DB_VERSION, type KefuDB, type PhraseRecord } from './db';
import { issuesToErrors, zhErrorMap, type DataError } from './error-text';

/**
 * The backup file: EVERYTHING the extension stores (phrases incl. the trash, packs, registers,
 * follow-ups, kv, settings) in one JSON document. Pure: no IndexedDB here, so the options page
 * validates a file the moment it is chosen, and the background validates it again before it
 * applies it (lib/store/backup.ts).
 *
 * Versions: `format` names the file layout (kefu-backup/1); `dbVersion` is the IndexedDB schema
 * the records were read from. A file from an older database is migrated record by record
 * (BACKUP_MIGRATIONS, one step per DB migration that changed record shapes); one from a newer
 * database is refused, since this version cannot know what the newer fields mean.
 */
export const BACKUP_FORMAT = 'kefu-backup/1';

export const BACKUP_STORES = ['phrases', 'packs', 'registers', 'followups', 'kv'] as const;
export type BackupStore = (typeof BACKUP_STORES)[number];

const id = z.string().min(1).max(200);
const epoch = z.number().int().nonnegative();

/** Stored phrases, trash included. Cached pinyin is derived data: kept when valid, else dropped. */
const backupPhraseSchema = phraseSchema
  .extend({ py: z.unknown().optional() })
  .transform((p): PhraseRecord => {
    const { py, ...rest } = p;
    const valid = phrasePinyinSchema.safeParse(py);
    return valid.success ? { ...rest, py: valid.data } : rest;
  });

/** Other stores keep their owners' shapes; a backup checks what the database itself relies on. */
const packRecord = z.looseObject({ id });
const registerRecord = z.looseObject({ id, kind: z.string().min(1), createdAt: epoch });
const followupRecord = z.looseObject({ id, dueAt: epoch });
const kvEntry = z.object({ key: z.string().min(1).max(500), value: z.unknown() });

const uniqueBy =
  <T>(key: (item: T) => string, what: string) =>
  (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const k = key(item);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: [index, what === '键' ? 'key' : 'id'],
          message: `${what}「${k}」和第 ${first + 1} 条重复`,
        });
    });
  };

export const backupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  dbVersion: z.literal(DB_VERSION),
  settingsVersion: z.number().int().min(1).max(SETTINGS_VERSION),
  exportedAt: z.string().max(40),
  app: z.object({ version: z.string().max(40) }).optional(),
  settings: settingsSchema,
  phrases: z.array(backupPhraseSchema).superRefine(uniqueBy((p) => p.id, '编号')),
  packs: z.array(packRecord).superRefine(uniqueBy((p) => p.id, '编号')),
  registers: z.array(registerRecord).superRefine(uniqueBy((p) => p.id, '编号')),
  followups: z.array(followupRecord).superRefine(uniqueBy((p) => p.id, '编号')),
  kv: z.array(kvEntry).superRefine(uniqueBy((e) => e.key, '键')),
});

export type BackupFile = z.output<typeof backupFileSchema>;
export type BackupCounts = Record<BackupStore, number> & { trash: number };

/** Raw records of one DB version → the next. Steps get a test each (tests/unit/store). */
export type BackupMigration = (file: Record<string, unknown>) => Record<string, unknown>;

/**
 * BACKUP_MIGRATIONS[n] turns a file read from DB version n-1 into one of version n. Add a step
 * whenever a MIGRATIONS entry in db.ts changes the shape of records.
 */
export const BACKUP_MIGRATIONS: Readonly<Record<number, BackupMigration>> = {
  // v2 stores installed packs' phrases in chunks; a file still lists every phrase on its own.
  2: (file) => file,
  // v3 keeps a pack's previous version and pending update apart from its record; a file still
  // has them inline in the record (backup.ts joins them on export and splits them on restore).
  3: (file) => file,
};

/** The oldest database version whose backups this build can still read. */
export const OLDEST_BACKUP_DB_VERSION = 1;

export type ParseBackupResult =
  | { ok: true; backup: BackupFile; counts: BackupCounts; migratedFrom?: number }
  | { ok: false; errors: DataError[] };

export interface ParseBackupOptions {
  /** For tests: pretend the current DB version and migrations are these. */
  dbVersion?: number;
  migrations?: Readonly<Record<number, BackupMigration>>;
  oldest?: number;
}

const fail = (message: string, path = ''): ParseBackupResult => ({ ok: false, errors: [{ path, message }] });

export function countBackup(backup: Pick<BackupFile, BackupStore>): BackupCounts {
  return {
    phrases: backup.phrases.filter((p) => p.deletedAt === undefined).length,
    trash: backup.phrases.filter((p) => p.deletedAt !== undefined).length,
    packs: backup.packs.length,
    registers: backup.registers.length,
    followups: backup.followups.length,
    kv: backup.kv.length,
  };
}

/**
 * Validates a WHOLE backup (its text or an already-parsed value) and never throws. Every problem
 * is named in Chinese with where it is; nothing about a file is half-accepted.
 */
export function parseBackup(input: unknown, options: ParseBackupOptions = {}): ParseBackupResult {
  const current = options.dbVersion ?? DB_VERSION;
  const migrations = options.migrations ?? BACKUP_MIGRATIONS;
  const oldest = options.oldest ?? OLDEST_BACKUP_DB_VERSION;
  let value = input;
  if (typeof input === 'string') {
    if (input.trim() === '') return fail('文件是空的');
    try {
      value = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch {
      const problem = findJsonSyntaxProblem(input);
      return fail(
        problem
          ? `不是有效的 JSON：第 ${problem.line} 行第 ${problem.column} 列，${problem.message}`
          : '不是有效的 JSON',
      );
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return fail(
      Array.isArray(value)
        ? '这是一个列表，不是备份文件：短语列表请到「短语 › 导入」里导入'
        : '不是客服工具箱的备份文件（应为一个 JSON 对象）',
    );
  }
  let file = value as Record<string, unknown>;
  if (file.format !== BACKUP_FORMAT) {
    if (file.format === 'kefu-pack/1')
      return fail('这是短语包文件，不是备份：请到「短语包」里导入', 'format');
    if (typeof file.format === 'string' && file.format.startsWith('kefu-backup/')) {
      return fail(`备份格式「${file.format}」来自更新版本的客服工具箱，请先升级扩展再恢复`, 'format');
    }
    return fail(`不是客服工具箱的备份文件：格式标记（format）应为「${BACKUP_FORMAT}」`, 'format');
  }
  const from = file.dbVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return fail('数据库版本（dbVersion）应为正整数', 'dbVersion');
  }
  if (from > current) {
    return fail(
      `这个备份来自更新版本的客服工具箱（数据库版本 ${from}），当前版本只认识到 ${current}：请先升级扩展再恢复`,
      'dbVersion',
    );
  }
  if (from < oldest) {
    return fail(`这个备份的数据库版本 ${from} 太旧，当前版本无法迁移（最早支持 ${oldest}）`, 'dbVersion');
  }
  for (let v = from + 1; v <= current; v++) {
    const step = migrations[v];
    if (!step) return fail(`缺少从数据库版本 ${v - 1} 升级到 ${v} 的迁移，无法恢复这个备份`, 'dbVersion');
    try {
      file = { ...step(file), dbVersion: v };
    } catch (error) {
      return fail(
        `把备份从数据库版本 ${v - 1} 迁移到 ${v} 时出错：${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const schema =
    current === DB_VERSION ? backupFileSchema : backupFileSchema.extend({ dbVersion: z.literal(current) });
  const parsed = schema.safeParse(file, { error: zhErrorMap });
  if (!parsed.success) {
    const nameOf = (store: string, index: number) => {
      const list = file[store];
      const item = Array.isArray(list) ? (list[index] as Record<string, unknown> | undefined) : undefined;
      const name = [item?.title, item?.name, item?.id, item?.key].find(
        (x) => typeof x === 'string' && x.trim(),
      );
      return typeof name === 'string' ? name.slice(0, 30) : undefined;
    };
    return { ok: false, errors: issuesToErrors(parsed.error.issues, { nameOf }) };
  }
  const backup = parsed.data as BackupFile;
  return { ok: true, backup, counts: countBackup(backup), ...(from < current ? { migratedFrom: from } : {}) };
}

export type KvEntry = { key: string; value: unknown };

/** The file for what the stores hold now. */
export function buildBackup(parts: {
  settings: Settings;
  phrases: readonly PhraseRecord[];
  packs: readonly KefuDB['packs']['value'][];
  registers: readonly KefuDB['registers']['value'][];
  followups: readonly KefuDB['followups']['value'][];
  kv: readonly KvEntry[];
  appVersion?: string;
  now?: number;
}): BackupFile {
  return {
    format: BACKUP_FORMAT,
    dbVersion: DB_VERSION,
    settingsVersion: SETTINGS_VERSION,
    exportedAt: new Date(parts.now ?? Date.now()).toISOString(),
    ...(parts.appVersion ? { app: { version: parts.appVersion } } : {}),
    settings: parts.settings,
    // Pinyin is derived again on restore when missing; left out it keeps the file half the size.
    phrases: parts.phrases.map(({ py: _py, ...p }) => p),
    packs: [...parts.packs],
    registers: [...parts.registers],
    followups: [...parts.followups],
    kv: [...parts.kv],
  } as BackupFile;
}
