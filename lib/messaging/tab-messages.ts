import { z } from 'zod';

/**
 * Messages from the popup to the content script of one frame of the active tab (the background
 * protocol in protocol.ts is for messages TO the background). The content script validates every
 * request: a message reaching a page's frame must not be able to do more than insert text.
 */
export const tabProtocol = {
  /** Does this frame remember a focused field, and since when? Also the page's context. */
  'popup-insert:probe': {
    request: z.object({ type: z.literal('popup-insert:probe') }),
    response: z.object({
      hasField: z.boolean(),
      /** Epoch ms of the last focus of an editable field in this frame (0: none). */
      focusedAt: z.number(),
      /** A short description of the field, e.g. "textarea#replyTextarea". */
      field: z.string().optional(),
      /** Values for template variables read from the page (buyer nick, order id, item). */
      context: z.record(z.string(), z.string()).default({}),
    }),
  },
  /** Inserts text at the caret of the remembered field (never sends the message). */
  'popup-insert:insert': {
    request: z.object({ type: z.literal('popup-insert:insert'), text: z.string().min(1).max(20_000) }),
    response: z.union([
      z.object({ ok: z.literal(true), how: z.enum(['command', 'setter']) }),
      z.object({ ok: z.literal(false), reason: z.enum(['no-field', 'gone', 'failed']) }),
    ]),
  },
} as const;

export type TabMessageType = keyof typeof tabProtocol;
export type TabRequest<K extends TabMessageType> = z.input<(typeof tabProtocol)[K]['request']>;
export type TabResponse<K extends TabMessageType> = z.output<(typeof tabProtocol)[K]['response']>;

export const tabRequestSchema = z.discriminatedUnion('type', [
  tabProtocol['popup-insert:probe'].request,
  tabProtocol['popup-insert:insert'].request,
]);
