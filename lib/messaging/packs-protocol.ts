import { z } from 'zod';
import type { PackError } from '../packs/parse';
import type { PackPhraseView, PackPreview, PackSummary, ShortcutClash } from '../packs/installed';
import { PACK_LIMITS } from '../packs/schema';

/**
 * The `packs:*` messages (spread into protocol.ts). Requests are checked field by field — the
 * options page sends pack text and keys. Responses come from our own background and carry
 * large structures (a 10k-phrase diff), so they are typed but only shallowly checked.
 */

const packId = z.string().min(1).max(PACK_LIMITS.idMax);
/** Only the public half of a key is ever accepted: a pasted private key loses its `d` here. */
export const publicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1).max(64),
  y: z.string().min(1).max(64),
});

const typed = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);
const errors = typed<PackError[]>();

const applyReply = z.union([
  z.object({
    ok: z.literal(true),
    kind: z.enum(['install', 'upgrade', 'unchanged', 'downgrade']),
    message: z.string(),
    warnings: z.array(z.string()),
    summary: typed<PackSummary>(),
  }),
  z.object({ ok: z.literal(false), reason: z.string(), errors }),
]);

export const packsProtocol = {
  'packs:list': {
    request: z.object({}),
    response: z.object({ packs: z.array(typed<PackSummary>()) }),
  },
  'packs:get': {
    request: z.object({ id: packId }),
    response: z
      .object({ summary: typed<PackSummary>(), phrases: z.array(typed<PackPhraseView>()) })
      .nullable(),
  },
  /** Reads a pack (file text or URL) and says what applying it would do; nothing is written. */
  'packs:preview': {
    request: z.object({
      source: z.discriminatedUnion('kind', [
        // UTF-16 length is at most the UTF-8 size; parsePack checks the byte limit itself.
        z.object({ kind: z.literal('text'), text: z.string().max(PACK_LIMITS.fileBytes + 16) }),
        z.object({
          kind: z.literal('url'),
          url: z
            .string()
            .min(1)
            .max(PACK_LIMITS.urlMax + 16),
        }),
      ]),
      trust: z.object({ publicJwk: publicJwkSchema }).optional(),
      autoApply: z.boolean().optional(),
      allowDowngrade: z.boolean().optional(),
    }),
    response: z.union([
      z.object({ ok: z.literal(true), preview: typed<PackPreview>() }),
      z.object({ ok: z.literal(false), errors }),
    ]),
  },
  /** Applies what a preview (or a pending update's review) showed. */
  'packs:apply': { request: z.object({ token: z.string().min(1).max(100) }), response: applyReply },
  /** Turns a fetched update that waits for review into a preview. */
  'packs:review': {
    request: z.object({ id: packId }),
    response: z.union([
      z.object({ ok: z.literal(true), preview: typed<PackPreview>() }),
      z.object({ ok: z.literal(false), errors }),
    ]),
  },
  'packs:dismiss': { request: z.object({ id: packId }), response: z.object({ ok: z.boolean() }) },
  'packs:check': {
    request: z.object({ id: packId.optional(), force: z.boolean().optional() }),
    response: z.object({
      results: z.array(z.object({ id: z.string(), status: z.string(), message: z.string() })),
    }),
  },
  'packs:rollback': { request: z.object({ id: packId }), response: applyReply },
  'packs:uninstall': {
    request: z.object({ id: packId }),
    response: z.object({ ok: z.boolean(), removed: z.number() }),
  },
  'packs:trust': {
    request: z.object({ id: packId, publicJwk: publicJwkSchema.nullable() }),
    response: z.union([
      z.object({ ok: z.literal(true), summary: typed<PackSummary>() }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  'packs:subscription': {
    request: z.object({ id: packId, autoApply: z.boolean().optional(), unsubscribe: z.boolean().optional() }),
    response: z.object({ ok: z.boolean() }),
  },
  /** "Copy to my phrases": a pack phrase becomes an editable personal phrase. */
  'packs:fork': {
    request: z.object({ id: z.string().min(1).max(100), takeShortcut: z.boolean().optional() }),
    response: z.union([
      z.object({ ok: z.literal(true), phrase: z.object({ id: z.string(), title: z.string() }).loose() }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  'packs:clashes': {
    request: z.object({}),
    response: z.object({ clashes: z.array(typed<ShortcutClash>()) }),
  },
  'packs:resolve-clash': {
    request: z.object({ shortcut: z.string().min(1).max(64), ownerId: z.string().min(1).max(100) }),
    response: z.union([
      z.object({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
} as const;
