import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../../lib/settings/schema';
import { exportBackup, restoreBackup, currentCounts } from '../../../lib/store/backup';
import { BACKUP_FORMAT, parseBackup } from '../../../lib/store/backup-format';
import { DB_VERSION, openKefuDB, type KefuDB, type PhraseRecord } from '../../../lib/store/db';
import { storedPhraseId } from '../../../lib/packs/installed';
import {
  getHistoryPack,
  getPackRecord,
  installPack,
  rollbackPack,
  setPendingUpdate,
} from '../../../lib/store/packs-repo';
import { listPhrasePage } from '../../../lib/store/phrase-pages';
import { mustParse, packPhraseRecords, snapshot, teamPack } from './packs-helpers';

let n = 0;
const freshDb = () => openKefuDB(`kefu-backup-test-${Date.now()}-${n++}`);

const phrase = (id: string, title: string, extra: Partial<PhraseRecord> = {}): PhraseRecord => ({
  id,
  title,
  shortcut: id,
  category: '售中/发货时间',
  variants: [`${title}：亲，您好`],
  source: { kind: 'mine' },
  createdAt: 1,
  updatedAt: 2,
  usageCount: 3,
  ...extra,
});

/** A database with something in every store, trash included. */
async function filled(db: IDBPDatabase<KefuDB>, tag: string) {
  await db.put('phrases', phrase(`${tag}1`, `${tag} 催发货`));
  await db.put('phrases', phrase(`${tag}2`, `${tag} 退货地址`, { deletedAt: 5 }));
  await db.put('packs', { id: `${tag}-pack`, name: 'team', version: 2 });
  await db.put('registers', { id: `${tag}-r1`, kind: 'inquiry', createdAt: 10, buyerNick: 'm***o' });
  await db.put('followups', { id: `${tag}-f1`, dueAt: 20, note: '回访' });
  await db.put('kv', { v: 1, last: {} }, 'rotation');
  await db.put('kv', { at: 1, count: 2 }, `seed:${tag}`);
}

async function dump(db: IDBPDatabase<KefuDB>) {
  const strip = (p: PhraseRecord) => {
    const { py: _py, ...rest } = p;
    return rest;
  };
  return {
    phrases: (await db.getAll('phrases')).map(strip),
    packs: await db.getAll('packs'),
    registers: await db.getAll('registers'),
    followups: await db.getAll('followups'),
    kv: Object.fromEntries(
      await Promise.all((await db.getAllKeys('kv')).map(async (k) => [k, await db.get('kv', k)])),
    ),
  };
}

function memorySettings(initial: Partial<Settings> = {}) {
  let value = parseSettings({ ...DEFAULT_SETTINGS, ...initial });
  const writes: Settings[] = [];
  return {
    writes,
    get value() {
      return value;
    },
    io: {
      get: async () => value,
      set: async (s: Settings) => {
        writes.push(s);
        value = parseSettings(s);
      },
    },
  };
}

afterEach(() => vi.restoreAllMocks());

describe('backup export → restore', () => {
  it('round-trips every store (trash included) and the settings', async () => {
    const source = await freshDb();
    await filled(source, 'a');
    const settings = { ...DEFAULT_SETTINGS, agentName: '蔡蔡', shopName: '蔡蔡家小店', retentionDays: 30 };
    const file = await exportBackup(source, settings, '0.1.0', Date.UTC(2025, 7, 20));
    expect(file).toMatchObject({
      format: BACKUP_FORMAT,
      dbVersion: DB_VERSION,
      exportedAt: '2025-08-20T00:00:00.000Z',
    });
    expect(file.phrases.every((p) => !('py' in p))).toBe(true);

    const target = await freshDb();
    await filled(target, 'b');
    const mem = memorySettings({ agentName: '小周' });
    const text = JSON.stringify(file);
    const result = await restoreBackup(target, text, mem.io);
    expect(result).toMatchObject({
      ok: true,
      counts: { phrases: 1, trash: 1, packs: 1, registers: 1, followups: 1, kv: 2 },
    });
    expect(await dump(target)).toEqual(await dump(source));
    expect(mem.value).toMatchObject({ agentName: '蔡蔡', shopName: '蔡蔡家小店', retentionDays: 30 });
    // Pinyin is derived again for search.
    expect((await target.get('phrases', 'a1'))?.py).toMatchObject({ v: 1 });
    expect(await currentCounts(target)).toEqual({
      phrases: 1,
      trash: 1,
      packs: 1,
      registers: 1,
      followups: 1,
      kv: 2,
    });
  });
});

describe('installed packs in a backup', () => {
  it('their phrases are listed like any phrase and go back into chunks, replacing what was there', async () => {
    const source = await freshDb();
    await installPack(source, teamPack(1));
    const file = await exportBackup(source, DEFAULT_SETTINGS);
    expect(file.phrases.map((p) => p.id).sort()).toEqual(
      [storedPhraseId('team-after-sales', 'ship'), storedPhraseId('team-after-sales', 'size')].sort(),
    );

    const target = await freshDb();
    await installPack(target, { ...teamPack(1), id: 'other-pack' });
    await target.put('phrases', phrase('mine', '我的'));
    expect((await restoreBackup(target, JSON.stringify(file), memorySettings().io)).ok).toBe(true);
    expect(await packPhraseRecords(target, 'other-pack')).toEqual([]);
    expect(await target.count('phrases')).toBe(0);
    const restored = await packPhraseRecords(target, 'team-after-sales');
    expect(restored.map(({ py: _py, ...p }) => p)).toEqual(file.phrases);
    // Pinyin is derived again, and the chat picker's pages find them.
    expect(restored.every((p) => p.py?.v === 1)).toBe(true);
    expect((await listPhrasePage(target, { limit: 50 })).phrases).toHaveLength(2);
  });

  /** The pack at v2, v1 kept for rollback, v3 fetched and waiting for review. */
  async function withHistory() {
    const db = await freshDb();
    await installPack(db, teamPack(1));
    await installPack(db, teamPack(2));
    await setPendingUpdate(db, 'team-after-sales', {
      pack: mustParse(teamPack(3)),
      fetchedAt: 30,
      signature: 'unsigned',
      warnings: ['没有签名'],
    });
    return db;
  }

  it('lists a pack with its previous version and pending update inline, as files always did', async () => {
    const file = await exportBackup(await withHistory(), DEFAULT_SETTINGS);
    const [pack] = file.packs;
    expect(pack).toMatchObject({
      pack: { version: 2 },
      previous: mustParse(teamPack(1)),
      pending: { pack: mustParse(teamPack(3)), fetchedAt: 30, signature: 'unsigned', warnings: ['没有签名'] },
    });
    expect(pack).not.toHaveProperty('previousVersion');
    expect(pack).not.toHaveProperty('pendingInfo');
  });

  it('round-trips both: restored apart from the record, and a rollback works after the restore', async () => {
    const source = await withHistory();
    const file = await exportBackup(source, DEFAULT_SETTINGS);
    const target = await freshDb();
    await installPack(target, { ...teamPack(1), id: 'other-pack' });
    await installPack(target, { ...teamPack(2), id: 'other-pack' });
    expect((await restoreBackup(target, JSON.stringify(file), memorySettings().io)).ok).toBe(true);
    const [restored, original] = [await snapshot(target), await snapshot(source)];
    // Same records, same history; the other pack went, and its kept version with it.
    expect(restored.packs).toEqual(original.packs);
    expect(restored.packHistory).toEqual(original.packHistory);
    expect(await target.getAllKeys('packHistory')).toEqual([
      ['team-after-sales', 'pending'],
      ['team-after-sales', 'previous'],
    ]);
    expect(await rollbackPack(target, 'team-after-sales')).toMatchObject({ ok: true, kind: 'downgrade' });
    expect((await getPackRecord(target, 'team-after-sales'))?.pack.version).toBe(1);
  });

  it('restores a backup written by a v2 database (history inline in the record)', async () => {
    const file = JSON.parse(JSON.stringify(await exportBackup(await withHistory(), DEFAULT_SETTINGS)));
    const parsed = parseBackup({ ...file, dbVersion: 2 });
    expect(parsed).toMatchObject({ ok: true, migratedFrom: 2, backup: { dbVersion: DB_VERSION } });

    const target = await freshDb();
    const r = await restoreBackup(target, { ...file, dbVersion: 2 }, memorySettings().io);
    expect(r).toMatchObject({ ok: true, migratedFrom: 2, counts: { packs: 1 } });
    const record = await getPackRecord(target, 'team-after-sales');
    expect(record).toMatchObject({ previousVersion: 1, pendingInfo: { version: 3, fetchedAt: 30 } });
    expect(record).not.toHaveProperty('previous');
    expect(record).not.toHaveProperty('pending');
    expect(await getHistoryPack(target, 'team-after-sales', 'previous')).toEqual(mustParse(teamPack(1)));
    expect(await getHistoryPack(target, 'team-after-sales', 'pending')).toEqual(mustParse(teamPack(3)));
  });

  it('a previous version or pending update that is not a pack is not kept as one', async () => {
    const file = JSON.parse(JSON.stringify(await exportBackup(await withHistory(), DEFAULT_SETTINGS)));
    file.packs[0] = { ...file.packs[0], previous: '第1版', pending: { fetchedAt: 30 } };
    const target = await freshDb();
    expect((await restoreBackup(target, file, memorySettings().io)).ok).toBe(true);
    const record = await getPackRecord(target, 'team-after-sales');
    expect(record?.pack.version).toBe(2);
    expect(record).not.toHaveProperty('previousVersion');
    expect(record).not.toHaveProperty('pendingInfo');
    expect(await target.getAllKeys('packHistory')).toEqual([]);
  });
});

describe('backup validation (the whole file, before anything is written)', () => {
  const valid = async () => JSON.parse(JSON.stringify(await exportBackup(await freshDb(), DEFAULT_SETTINGS)));

  it('a file that is not JSON: line and column, in Chinese', () => {
    const r = parseBackup('{\n  "format": "kefu-backup/1",\n  "phrases": [，]\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/^不是有效的 JSON：第 3 行第 \d+ 列，.*中文逗号/);
  });

  it('refuses other files clearly: empty, a list, a pack, another format', () => {
    const msg = (x: unknown) => {
      const r = parseBackup(x);
      return r.ok ? '' : r.errors[0]!.message;
    };
    expect(msg('')).toBe('文件是空的');
    expect(msg('[]')).toContain('短语列表请到「短语 › 导入」');
    expect(msg({ format: 'kefu-pack/1' })).toContain('这是短语包文件');
    expect(msg({ format: 'kefu-backup/2', dbVersion: 1 })).toContain('更新版本');
    expect(msg({ hello: 1 })).toContain('格式标记（format）应为「kefu-backup/1」');
  });

  it('names every bad record by store, position and title', async () => {
    const file = await valid();
    file.phrases = [
      phrase('p1', '催发货'),
      { ...phrase('p2', '退货地址'), variants: [''] },
      { ...phrase('p3', '议价'), shortcut: '有 空格' },
      phrase('p1', '重复编号'),
    ];
    file.registers = [{ id: 'r1', kind: 'inquiry' }];
    file.settings = { ...file.settings, responseTargetSeconds: 3 };
    const r = parseBackup(JSON.stringify(file));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const messages = r.errors.map((e) => e.message);
    expect(messages).toContain('第 2 条短语「退货地址」的第 1 条话术：话术内容不能为空');
    expect(messages.some((m) => m.startsWith('第 3 条短语「议价」的快捷码：快捷码只能包含'))).toBe(true);
    expect(messages).toContain('第 4 条短语「重复编号」的编号（id）：编号「p1」和第 1 条重复');
    expect(messages).toContain('第 1 条登记记录「r1」的创建时间缺失（必填）');
    expect(messages.some((m) => m.startsWith('设置中的响应目标秒数'))).toBe(true);
    expect(r.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        'phrases[1].variants[0]',
        'phrases[2].shortcut',
        'phrases[3].id',
        'registers[0].createdAt',
      ]),
    );
  });

  it('refuses a backup from a newer database, and migrates an older one step by step', async () => {
    const file = await valid();
    const newer = parseBackup({ ...file, dbVersion: DB_VERSION + 1 });
    expect(newer.ok).toBe(false);
    if (!newer.ok) expect(newer.errors[0]!.message).toContain(`数据库版本 ${DB_VERSION + 1}`);

    // Pretend this build is at version 2, where phrases gained `lang` and packs were renamed.
    const migrations = {
      2: (f: Record<string, unknown>) => ({
        ...f,
        phrases: (f.phrases as object[]).map((p) => ({ ...p, tags: ['v2'] })),
      }),
    };
    const v1 = { ...file, dbVersion: 1, phrases: [phrase('p1', '催发货')] };
    // The real steps to v2 and v3 (pack phrases in chunks, a pack's old versions apart from its
    // record) leave the file's records as they are.
    const real = parseBackup(v1);
    expect(real).toMatchObject({ ok: true, migratedFrom: 1, backup: { dbVersion: DB_VERSION } });
    if (real.ok) expect(real.backup.phrases.map((p) => p.id)).toEqual(['p1']);
    const migrated = parseBackup(v1, { dbVersion: 2, migrations });
    expect(migrated).toMatchObject({ ok: true, migratedFrom: 1, backup: { dbVersion: 2 } });
    if (migrated.ok) expect(migrated.backup.phrases[0]!.tags).toEqual(['v2']);

    const noStep = parseBackup(v1, { dbVersion: 2, migrations: {} });
    expect(noStep.ok).toBe(false);
    if (!noStep.ok) expect(noStep.errors[0]!.message).toContain('缺少从数据库版本 1 升级到 2 的迁移');
    const tooOld = parseBackup(v1, { dbVersion: 3, migrations, oldest: 2 });
    expect(tooOld.ok).toBe(false);
  });
});

describe('restore is all or nothing', () => {
  it('an invalid file changes nothing: no store, no setting', async () => {
    const db = await freshDb();
    await filled(db, 'keep');
    const before = await dump(db);
    const mem = memorySettings({ agentName: '小周' });
    const file = JSON.parse(JSON.stringify(await exportBackup(await freshDb(), DEFAULT_SETTINGS)));
    file.phrases = [{ id: 'x', title: '', variants: ['a'] }];
    const r = await restoreBackup(db, file, mem.io);
    expect(r.ok).toBe(false);
    expect(await dump(db)).toEqual(before);
    expect(mem.writes).toEqual([]);
  });

  it('a write failing halfway through rolls back every store and puts the settings back', async () => {
    const source = await freshDb();
    await filled(source, 'new');
    for (let i = 0; i < 20; i++) await source.put('phrases', phrase(`bulk${i}`, `短语 ${i}`));
    const file = await exportBackup(source, { ...DEFAULT_SETTINGS, agentName: '新名字' });

    const db = await freshDb();
    await filled(db, 'old');
    const before = await dump(db);
    const mem = memorySettings({ agentName: '旧名字' });

    // The 12th put of the restore throws (as a full disk or a storage error would).
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (++calls === 12) throw new DOMException('模拟写入失败', 'QuotaExceededError');
      return put.apply(this, args as Parameters<typeof put>);
    });
    const r = await restoreBackup(db, file, mem.io);
    vi.restoreAllMocks();

    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toContain('恢复没有完成，数据和设置都保持原样');
    expect(await dump(db)).toEqual(before);
    expect(mem.value.agentName).toBe('旧名字');
    expect(mem.writes.map((s) => s.agentName)).toEqual(['新名字', '旧名字']);
  });
});
