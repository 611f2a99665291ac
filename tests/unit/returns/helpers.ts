import {
  checkReturn,
  type ReturnCheckResult,
  type ReturnInput,
  type ShopPolicyInput,
} from '../../../lib/returns';

/** A Taobao no-reason return signed 2026-03-01 15:20 Beijing time, checked a day later. */
export const BASE: ReturnInput = {
  platform: 'taobao',
  kind: 'return',
  reason: 'no_reason',
  signedAt: '2026-03-01T15:20:00+08:00',
  now: '2026-03-02T10:00:00+08:00',
};

export function check(overrides: Partial<ReturnInput> = {}, policy?: ShopPolicyInput): ReturnCheckResult {
  return checkReturn({ ...BASE, ...overrides }, policy);
}

/** Every rule id the result mentions, deciding or informational. */
export function mentioned(r: ReturnCheckResult): Set<string> {
  return new Set<string>([...r.rules, ...r.explanations.map((e) => e.ruleId)]);
}

/** Beijing wall-clock text → ISO with +08:00. */
export const bj = (text: string): string => `${text}+08:00`;

/** Runs fn with process.env.TZ set (Node re-reads it on assignment), restoring it after. */
export function withTZ<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
