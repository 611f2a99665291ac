import type { RegisterEntry } from '../../../lib/registers/schema';

/** `2026-11-16 00:00` Shanghai → epoch ms, independent of the test process's TZ. */
export const sh = (text: string): number => {
  const [d, t = '00:00:00'] = text.split(' ');
  const [y, m, day] = d!.split('-').map(Number) as [number, number, number];
  const [hh = 0, mm = 0, ss = 0] = t.split(':').map(Number);
  return Date.UTC(y, m - 1, day, hh, mm, ss) - 8 * 3600_000;
};

let n = 0;
export function ret(at: string, reason?: string, extra: Partial<RegisterEntry> = {}): RegisterEntry {
  const t = sh(at);
  return {
    id: `r${n++}`,
    kind: 'return',
    createdAt: t,
    updatedAt: t,
    quality: false,
    reason,
    ...extra,
  } as RegisterEntry;
}
export function inquiry(at: string, reason?: string): RegisterEntry {
  const t = sh(at);
  return { id: `i${n++}`, kind: 'inquiry', createdAt: t, updatedAt: t, at: t, reason } as RegisterEntry;
}
export function unpaid(at: string, paid: boolean, amountFen = 1000, reason?: string): RegisterEntry {
  const t = sh(at);
  return {
    id: `u${n++}`,
    kind: 'unpaid',
    createdAt: t,
    updatedAt: t,
    remindersSent: 1,
    amountFen,
    reason,
    ...(paid ? { paidAt: t + 3600_000 } : {}),
  } as RegisterEntry;
}
