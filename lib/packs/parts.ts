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

export { wordingRuleSchema, type WordingRule } from '../phrases/wording';
