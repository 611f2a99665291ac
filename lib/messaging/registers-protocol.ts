import { z } from 'zod';
import { followupSchema, registerEntrySchema } from '../registers/schema';

/**
 * The `registers:*` and `followups:*` messages (spread into protocol.ts). Others call
 * `registers:add` (the order helper prefilling a return) and `followups:add`. Drafts are
 * `unknown` here and validated by the repository, which answers with Chinese field errors.
 */
const fieldErrors = z.array(z.object({ field: z.string(), message: z.string() }));
const ids = z.array(z.string().min(1).max(80)).max(50_000);
const epoch = z.number().int().min(0);

export const registersProtocol = {
  'registers:add': {
    /** `{ kind: 'inquiry'|'unpaid'|'return'|'exchange', …fields }`; id and times are filled in. */
    request: z.object({ entry: z.record(z.string(), z.unknown()) }),
    response: z.union([
      z.object({ ok: z.literal(true), entry: registerEntrySchema }),
      z.object({ ok: z.literal(false), errors: fieldErrors }),
    ]),
  },
  'registers:update': {
    request: z.object({ id: z.string().min(1), patch: z.record(z.string(), z.unknown()) }),
    response: z.union([
      z.object({ ok: z.literal(true), entry: registerEntrySchema }),
      z.object({ ok: z.literal(false), errors: fieldErrors }),
    ]),
  },
  'registers:list': {
    request: z.object({ since: epoch.optional() }),
    response: z.object({ entries: z.array(registerEntrySchema) }),
  },
  'registers:delete': { request: z.object({ ids }), response: z.object({ changed: z.number() }) },
  'registers:import': {
    request: z.object({ entries: z.array(z.unknown()).max(200_000) }),
    response: z.union([
      z.object({ ok: z.literal(true), added: z.number(), updated: z.number(), unchanged: z.number() }),
      z.object({ ok: z.literal(false), errors: fieldErrors }),
    ]),
  },
  'registers:clear': {
    /** The options page asks the agent first; the literal keeps a stray message from wiping data. */
    request: z.object({ confirm: z.literal(true) }),
    response: z.object({ cleared: z.literal(true) }),
  },
  'registers:purge': {
    request: z.object({}),
    response: z.object({ registers: z.number(), followups: z.number(), cutoff: z.number() }),
  },
  'followups:add': {
    /** `{ title, dueAt, body?, entryId?, orderId?, buyerNick? }`. */
    request: z.object({ followup: z.record(z.string(), z.unknown()) }),
    response: z.union([
      z.object({ ok: z.literal(true), followup: followupSchema }),
      z.object({ ok: z.literal(false), errors: fieldErrors }),
    ]),
  },
  'followups:list': {
    request: z.object({ until: epoch.optional() }),
    response: z.object({ followups: z.array(followupSchema) }),
  },
  'followups:update': {
    request: z.union([
      z.object({ id: z.string().min(1), done: z.literal(true) }),
      z.object({ id: z.string().min(1), snoozeUntil: epoch }),
    ]),
    response: z.object({ followup: followupSchema.optional() }),
  },
  'followups:check': {
    /** Raises the notifications of what is due now (the alarm does the same). */
    request: z.object({}),
    response: z.object({ notified: z.number() }),
  },
} as const;
