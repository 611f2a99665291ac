import type { RegisterEntry, ReturnEntry, UnpaidEntry, InquiryEntry } from './schema';
import { inPeriod, type Period } from './time';

/**
 * Pure report figures for a period (time.ts: Shanghai calendar days). Which time puts an entry
 * in a period: an inquiry's 询盘时间, an unpaid order's or a return's registration time, and for
 * the 24-hour check the time the warehouse received the goods.
 */

export const NO_REASON = '未填写原因';
const HOURS_24 = 24 * 3600_000;

export interface ReasonRow {
  reason: string;
  count: number;
  /** count / total, 0..1 (0 when total is 0). */
  share: number;
  /** Competition rank: equal counts share a rank (1, 1, 3). */
  rank: number;
}

export interface ReasonSummary {
  total: number;
  /** Every reason, most frequent first, ties in label order (stable across runs and agents). */
  rows: ReasonRow[];
  /** The top 3 by rank: all rows ranked 1–3, so a tie at third place may give more than 3. */
  top: ReasonRow[];
  /** True when the top list holds more than 3 rows because of a tie. */
  tieAtCutoff: boolean;
}

export function summarizeReasons(reasons: readonly (string | undefined)[], topN = 3): ReasonSummary {
  const counts = new Map<string, number>();
  for (const r of reasons) {
    const key = r?.trim() || NO_REASON;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = reasons.length;
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'));
  const rows: ReasonRow[] = [];
  sorted.forEach(([reason, count], i) => {
    const prev = rows[i - 1];
    const rank = prev && prev.count === count ? prev.rank : i + 1;
    rows.push({ reason, count, share: total ? count / total : 0, rank });
  });
  const top = rows.filter((r) => r.rank <= topN);
  return { total, rows, top, tieAtCutoff: top.length > topN };
}

const isReturn = (e: RegisterEntry): e is ReturnEntry => e.kind === 'return' || e.kind === 'exchange';

export function returnReasons(
  entries: readonly RegisterEntry[],
  period: Period,
): ReasonSummary & {
  returns: number;
  exchanges: number;
  quality: number;
} {
  const list = entries.filter(isReturn).filter((e) => inPeriod(e.createdAt, period));
  return {
    ...summarizeReasons(list.map((e) => e.reason)),
    returns: list.filter((e) => e.kind === 'return').length,
    exchanges: list.filter((e) => e.kind === 'exchange').length,
    quality: list.filter((e) => e.quality).length,
  };
}

export function inquiryReasons(entries: readonly RegisterEntry[], period: Period): ReasonSummary {
  const list = entries.filter((e): e is InquiryEntry => e.kind === 'inquiry' && inPeriod(e.at, period));
  return summarizeReasons(list.map((e) => e.reason));
}

export interface Conversion {
  unpaid: number;
  paid: number;
  /** paid / unpaid, 0..1; undefined when nothing was registered. */
  rate: number | undefined;
  remindersSent: number;
  /** Amount of the orders that were finally paid, fen. */
  paidFen: number;
  unpaidReasons: ReasonSummary;
}

export function unpaidConversion(entries: readonly RegisterEntry[], period: Period): Conversion {
  const list = entries.filter((e): e is UnpaidEntry => e.kind === 'unpaid' && inPeriod(e.createdAt, period));
  const paid = list.filter((e) => e.paidAt !== undefined);
  return {
    unpaid: list.length,
    paid: paid.length,
    rate: list.length ? paid.length / list.length : undefined,
    remindersSent: list.reduce((n, e) => n + e.remindersSent, 0),
    paidFen: paid.reduce((n, e) => n + (e.amountFen ?? 0), 0),
    unpaidReasons: summarizeReasons(list.filter((e) => e.paidAt === undefined).map((e) => e.reason)),
  };
}

export interface Processing {
  /** Goods received in the period. */
  received: number;
  within24h: number;
  late: number;
  /** Not processed and already past 24 h. */
  overdue: number;
  /** Not processed, still within 24 h. */
  pending: number;
  /** within24h / (received − pending), 0..1; undefined when nothing could be judged yet. */
  rate: number | undefined;
}

export function processing24h(entries: readonly RegisterEntry[], period: Period, now: number): Processing {
  const list = entries.filter(isReturn).filter((e) => inPeriod(e.receivedAt, period));
  let within24h = 0;
  let late = 0;
  let overdue = 0;
  let pending = 0;
  for (const e of list) {
    const received = e.receivedAt!;
    if (e.processedAt !== undefined) {
      if (e.processedAt - received <= HOURS_24) within24h++;
      else late++;
    } else if (now - received > HOURS_24) overdue++;
    else pending++;
  }
  const judged = list.length - pending;
  return {
    received: list.length,
    within24h,
    late,
    overdue,
    pending,
    rate: judged ? within24h / judged : undefined,
  };
}

export interface Report {
  period: Period;
  counts: { inquiry: number; unpaid: number; return: number; exchange: number };
  returns: ReturnType<typeof returnReasons>;
  inquiries: ReasonSummary;
  conversion: Conversion;
  processing: Processing;
}

export function buildReport(entries: readonly RegisterEntry[], period: Period, now: number): Report {
  const returns = returnReasons(entries, period);
  const inquiries = inquiryReasons(entries, period);
  const conversion = unpaidConversion(entries, period);
  return {
    period,
    counts: {
      inquiry: inquiries.total,
      unpaid: conversion.unpaid,
      return: returns.returns,
      exchange: returns.exchanges,
    },
    returns,
    inquiries,
    conversion,
    processing: processing24h(entries, period, now),
  };
}

/** `33.3%`: one decimal, the way the weekly meeting reads shares. */
export const percent = (x: number | undefined): string =>
  x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
/** Fen → `¥12.30`. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
