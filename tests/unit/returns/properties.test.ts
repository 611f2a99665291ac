import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CATEGORY_IDS,
  checkReturn,
  type Eligibility,
  type ReturnInput,
  type ShopPolicyInput,
} from '../../../lib/returns';
import { DAY_MS, MAX_INSTANT_MS, MIN_INSTANT_MS } from '../../../lib/returns/time';
import { withTZ } from './helpers';

const PLATFORMS = ['taobao', 'tmall', 'jd', 'pdd', 'douyin', 'other'] as const;
const RANK: Record<Eligibility, number> = { no: 0, flexible: 1, yes: 2 };

// Leaves room for `now` up to 400 days later, still inside the accepted range (max is exclusive).
const instant = fc.integer({ min: MIN_INSTANT_MS, max: MAX_INSTANT_MS - 401 * DAY_MS });
const fen = fc.integer({ min: 0, max: 10_000_000 });

/** Any valid case except the instants; `now` is added by each property. */
const caseArb = fc.record(
  {
    platform: fc.constantFrom(...PLATFORMS),
    kind: fc.constantFrom('return', 'exchange'),
    reason: fc.constantFrom('no_reason', 'quality'),
    category: fc.constantFrom(...CATEGORY_IDS),
    buyerConfirmedNoReturn: fc.boolean(),
    intact: fc.boolean(),
    freeShipping: fc.constantFrom('none', 'unconditional', 'threshold'),
    thresholdStillMet: fc.boolean(),
    paidFen: fen,
    outboundShippingFen: fen,
    giftFenNotReturned: fen,
    shippingInsurance: fc.constantFrom('none', 'buyer', 'seller'),
    defectType: fc.constantFrom('appearance', 'function'),
    allergy: fc.boolean(),
  },
  { requiredKeys: ['platform', 'kind', 'reason'] },
);

const policyArb: fc.Arbitrary<ShopPolicyInput> = fc.record(
  {
    exchangeShippingSplit: fc.boolean(),
    returnShippingFree: fc.boolean(),
    allergyReturnDays: fc.integer({ min: 1, max: 365 }),
    graceDays: fc.integer({ min: 0, max: 30 }),
    noReasonDays: fc.integer({ min: 7, max: 365 }),
  },
  { requiredKeys: [] },
);

type Case = Omit<ReturnInput, 'signedAt' | 'now'>;

describe('properties', () => {
  it('T1 deadline is 00:00 +08:00 and deadline − signedAt ∈ (7d, 8d]', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...PLATFORMS), (signedAt, platform) => {
        const r = checkReturn({ platform, kind: 'return', reason: 'no_reason', signedAt, now: signedAt });
        expect(r.deadline).toMatch(/T00:00:00\+08:00$/);
        const span = r.deadlineMs - signedAt;
        expect(span).toBeGreaterThan(7 * DAY_MS);
        expect(span).toBeLessThanOrEqual(8 * DAY_MS);
        expect(Date.parse(r.deadline)).toBe(r.deadlineMs);
      }),
      { numRuns: 500 },
    );
  });

  it('every day-based window ends at 00:00 +08:00; the ISO deadline always parses back to deadlineMs', () => {
    fc.assert(
      fc.property(caseArb, instant, policyArb, (c, signedAt, policy) => {
        const r = checkReturn({ ...(c as Case), signedAt, now: signedAt }, policy);
        expect(Date.parse(r.deadline)).toBe(r.deadlineMs);
        expect(r.deadline).toMatch(/\+08:00$/);
        if (r.window.unit === 'day') expect(r.deadline).toMatch(/T00:00:00\+08:00$/);
        else expect(r.deadlineMs - signedAt).toBe(r.window.length * 3_600_000);
      }),
      { numRuns: 500 },
    );
  });

  it('the verdict never improves as time passes', () => {
    fc.assert(
      fc.property(
        caseArb,
        policyArb,
        instant,
        fc.integer({ min: 0, max: 400 * DAY_MS }),
        fc.integer({ min: 0, max: 400 * DAY_MS }),
        (c, policy, signedAt, d1, d2) => {
          const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const a = checkReturn({ ...(c as Case), signedAt, now: signedAt + early }, policy);
          const b = checkReturn({ ...(c as Case), signedAt, now: signedAt + late }, policy);
          expect(RANK[b.eligible]).toBeLessThanOrEqual(RANK[a.eligible]);
          expect(b.deadline).toBe(a.deadline);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refund is never negative, never above paid, and equals the sum of its breakdown', () => {
    fc.assert(
      fc.property(
        caseArb,
        policyArb,
        instant,
        fc.integer({ min: 0, max: 30 * DAY_MS }),
        (c, policy, signedAt, d) => {
          const r = checkReturn({ ...(c as Case), signedAt, now: signedAt + d }, policy);
          if (r.refundFen === undefined) return;
          expect(r.refundFen).toBeGreaterThanOrEqual(0);
          expect(r.refundFen).toBeLessThanOrEqual(c.paidFen ?? 0);
          expect(Number.isInteger(r.refundFen)).toBe(true);
          expect(r.refundBreakdown.reduce((s, l) => s + l.fen, 0)).toBe(r.refundFen);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("the result does not depend on the computer's time zone", () => {
    const zones = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
    fc.assert(
      fc.property(
        caseArb,
        policyArb,
        instant,
        fc.integer({ min: 0, max: 30 * DAY_MS }),
        (c, policy, signedAt, d) => {
          const input = { ...(c as Case), signedAt, now: signedAt + d };
          const results = zones.map((tz) => withTZ(tz, () => JSON.stringify(checkReturn(input, policy))));
          for (const r of results) expect(r).toBe(results[0]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('offset-less back-office text means Beijing time on any machine', () => {
    fc.assert(
      fc.property(fc.constantFrom('UTC', 'America/Los_Angeles', 'Asia/Shanghai'), (tz) => {
        const r = withTZ(tz, () =>
          checkReturn({
            platform: 'pdd',
            kind: 'return',
            reason: 'no_reason',
            signedAt: '2026-03-01 23:30:00',
            now: '2026-03-02 00:10:00',
          }),
        );
        expect(r.deadline).toBe('2026-03-09T00:00:00+08:00');
      }),
    );
  });
});
