import { z } from 'zod';

/**
 * The schemas other folders own that a pack can carry. Imported in one place so the pack format
 * always validates a legend, template, policy or wording rule exactly as the rest of the product
 * does (a pack the options page would reject must not import).
 */
export {
  flagLegendSchema,
  remarkTemplateSchema,
  type FlagLegend,
  type RemarkTemplate,
} from '../remarks/schema';
export { shopPolicySchema, type ShopPolicy } from '../returns/policy';

/**
 * LOCAL STAND-IN: lib/phrases/wording.ts (which owns `wordingRuleSchema`) did not exist when the
 * pack format was written. When it lands, replace this block with
 *   export { wordingRuleSchema } from '../phrases/wording';
 * and regenerate docs/pack.schema.json (npx tsx scripts/gen-pack-schema.ts).
 *
 * Minimal on purpose: words to avoid as plain text, never a regular expression, because a
 * pattern from someone else's pack could hang the agent's page (catastrophic backtracking).
 */
export const wordingRuleSchema = z.object({
  id: z.string().trim().min(1).max(100),
  /** Words or phrases that sound unprofessional or promise too much, e.g. 绝对、保证、不知道. */
  avoid: z.array(z.string().trim().min(1).max(30)).min(1).max(20),
  /** What to say instead, shown as the hint. */
  suggest: z.string().trim().max(200).optional(),
  /** Why, for the lead's and agent's understanding. */
  reason: z.string().trim().max(200).optional(),
});
