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

// TEMPORARY until lib/phrases/wording.ts lands (another engineer's file).
import { z } from 'zod';
export const wordingRuleSchema = z.object({
  id: z.string().min(1).max(100),
  pattern: z.string().min(1).max(200),
  suggestion: z.string().max(200).optional(),
});
