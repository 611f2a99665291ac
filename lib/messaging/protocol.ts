import { z } from 'zod';
import { phraseSchema } from '../phrases/model';
import { phrasePinyinSchema } from '../phrases/search-core';
import { packsProtocol } from './packs-protocol';
import { registersProtocol } from './registers-protocol';
import { teamProtocol } from './team-protocol';

const ids = z.array(z.string().min(1)).max(100_000);
const fieldErrors = z.array(z.object({ field: z.string(), message: z.string() }));
/** A stored phrase with its cached pinyin (derived by the background). */
export const phraseRecordSchema = phraseSchema.extend({ py: phrasePinyinSchema.optional() });
const backupCounts = z.object({
  phrases: z.number(),
  trash: z.number(),
  packs: z.number(),
  registers: z.number(),
  followups: z.number(),
  kv: z.number(),
});
const saveReply = z.union([
  z.object({ ok: z.literal(true), phrase: phraseRecordSchema }),
  z.object({ ok: z.literal(false), errors: fieldErrors }),
]);

/**
 * Every message between content scripts, popup, options and the background, in one map.
 * Requests and responses are zod-validated on both ends: a content script runs on a page we
 * do not control, so nothing it sends is trusted as-is.
 */
export const protocol = {
  ping: {
    request: z.object({}),
    response: z.object({ version: z.string(), dbVersion: z.number().int() }),
  },
  'phrases:list': {
    /** With `limit`: one page in id order, from after `after` (store/phrase-pages.ts). */
    request: z.object({
      trash: z.boolean().optional(),
      after: z.string().optional(),
      limit: z.number().int().positive().max(100_000).optional(),
    }),
    response: z.object({
      phrases: z.array(phraseRecordSchema),
      revision: z.number(),
      /** The next page's `after`; absent on the last page (and without `limit`). */
      next: z.string().optional(),
    }),
  },
  'phrases:save': { request: z.object({ phrase: z.unknown() }), response: saveReply },
  'phrases:trash': { request: z.object({ ids }), response: z.object({ changed: z.number() }) },
  'phrases:restore': { request: z.object({ ids }), response: z.object({ changed: z.number() }) },
  'phrases:purge': { request: z.object({ ids }), response: z.object({ changed: z.number() }) },
  'phrases:used': {
    request: z.object({ id: z.string().min(1) }),
    response: z.object({ changed: z.number() }),
  },
  'phrases:import': {
    request: z.object({ phrases: z.array(z.unknown()).max(100_000) }),
    response: z.union([
      z.object({ ok: z.literal(true), added: z.number(), replaced: z.number() }),
      z.object({ ok: z.literal(false), errors: fieldErrors }),
    ]),
  },
  // Backup of everything (lib/store/backup.ts). The file is checked by zod where it is applied.
  'backup:export': {
    request: z.object({}),
    response: z.object({ backup: z.record(z.string(), z.unknown()), counts: backupCounts }),
  },
  'backup:restore': {
    /** dryRun: validate and compare with what is stored now, change nothing. */
    request: z.object({ backup: z.unknown(), dryRun: z.boolean().optional() }),
    response: z.union([
      z.object({
        ok: z.literal(true),
        applied: z.boolean(),
        incoming: backupCounts,
        current: backupCounts,
        migratedFrom: z.number().optional(),
      }),
      z.object({
        ok: z.literal(false),
        errors: z.array(z.object({ path: z.string(), message: z.string() })),
      }),
    ]),
  },
  ...packsProtocol,
  ...registersProtocol,
  ...teamProtocol,
} as const;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = z.input<Protocol[K]['request']>;
export type ResponseOf<K extends MessageType> = z.output<Protocol[K]['response']>;

export const envelopeSchema = z.object({ type: z.string(), data: z.unknown() });

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export const replySchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
