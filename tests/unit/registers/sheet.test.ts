import { describe, expect, it } from 'vitest';
import { readSheetFile } from '../../../lib/packs/sheet';
import {
  dedupeEntries,
  entriesToCsv,
  entriesToRows,
  entriesToXlsx,
  readRegisterFile,
  rowsToEntries,
} from '../../../lib/registers/sheet';
import type { RegisterEntry } from '../../../lib/registers/schema';
import { buildReport } from '../../../lib/registers/summary';
import { customPeriod } from '../../../lib/registers/time';
import { inquiry, ret, sh, unpaid } from './helpers';

const sample: RegisterEntry[] = [
  {
    ...inquiry('2026-11-17 10:00:05', '价格原因'),
    buyerNick: 'tb_小鹿',
    itemTitle: '纯棉T恤',
    question: '能便宜点吗',
  } as RegisterEntry,
  unpaid('2026-11-17 11:00', true, 5990, '忘记付款'),
  ret('2026-11-18 09:30', '尺码不合适', {
    orderId: '261113-179332719430230',
    platform: 'pdd',
    trackingNo: 'SF1234567890',
    quality: true,
    amountFen: 12900,
    receivedAt: sh('2026-11-19 10:00'),
    processedAt: sh('2026-11-19 18:00'),
  }),
  ret('2026-11-18 09:31', '=HYPERLINK("x")', { kind: 'exchange' } as Partial<RegisterEntry>),
];

describe('register export and import', () => {
  it('CSV round-trips to the same entries (to the second) and the same report', async () => {
    const csv = entriesToCsv(sample);
    expect(csv.startsWith('\uFEFF编号,类型,登记时间')).toBe(true);
    const back = await readRegisterFile(new Blob([csv]));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const strip = (e: RegisterEntry) => ({
      ...e,
      createdAt: Math.floor(e.createdAt / 1000),
      updatedAt: Math.floor(e.updatedAt / 1000),
    });
    expect(back.entries.map(strip)).toEqual(sample.map(strip));
    const week = customPeriod('2026-11-16', '2026-11-22')!;
    const now = sh('2026-11-22 12:00');
    expect(buildReport(back.entries, week, now)).toEqual(buildReport(sample, week, now));
  });

  it('XLSX round-trips, long order ids keep every digit', async () => {
    const blob = await entriesToXlsx(sample);
    const read = await readSheetFile(blob);
    expect(read.ok && read.rows[3]?.[7]).toBe('261113-179332719430230');
    const back = await readRegisterFile(blob, 'a.xlsx');
    expect(back.ok && back.entries.length).toBe(4);
  });

  it('errors by row and column in Chinese, and returns no entries at all', () => {
    const rows = entriesToRows(sample);
    rows[2]![1] = '咨询'; // kind
    rows[3]![2] = '2026-13-01'; // createdAt
    rows[4]![12] = '12.345'; // amount
    rows[4]![15] = '也许'; // quality
    const r = rowsToEntries(rows);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'B'],
      [4, 'C'],
      [5, 'M'],
      [5, 'P'],
    ]);
    expect(r.errors[0]!.message).toBe('第 3 行「类型」：「咨询」不是登记类型（询盘、未付款、退货、换货）');
    expect(r.errors[1]!.message).toContain('第 4 行「登记时间」');
  });

  it('schema errors name the field', () => {
    const rows = entriesToRows([sample[0]!]);
    rows[1]![0] = '';
    const r = rowsToEntries(rows);
    expect(!r.ok && r.errors[0]!.message).toBe('第 2 行：编号：必填');
  });

  it('refuses a file that is not a register export', async () => {
    const r = await readRegisterFile(new Blob(['标题,内容\r\n催发货,亲']), '短语.csv');
    expect(!r.ok && r.errors[0]!.message).toBe(
      '短语.csv：第 1 行：缺少列「编号、类型、登记时间」，这不是客服工具箱导出的登记表',
    );
  });

  it('merging several exports keeps one entry per id, the newest', () => {
    const a = sample[2]!;
    const newer = { ...a, updatedAt: a.updatedAt + 1000, reason: '质量问题' } as RegisterEntry;
    expect(dedupeEntries([a, sample[0]!, newer, a])).toEqual([newer, sample[0]]);
  });
});
