import { z } from 'zod';

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
