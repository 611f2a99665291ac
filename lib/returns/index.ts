/**
 * Return/exchange eligibility (退换货检查). Public entry points:
 * - `validateReturnInput(input, policy?)` never throws: `{ ok: true, value, policy }` or
 *   `{ ok: false, errors: [{ field, message }] }` with Chinese messages naming the field;
 * - `checkReturn(input, policy?)` returns the verdict, or throws `ReturnInputError` whose
 *   `errors` is that same list (`message` joins them, so even a bare catch can show it);
 * - `safeCheckReturn(input, policy?, flagLabels?)` never throws: `{ ok: true, result } | { ok: false,
 *   errors }`; `flagLabels` names the flags in the checklist after the team's legend.
 * All calendar math is Asia/Shanghai (+08:00) whatever the computer's zone.
 */
import { evaluateReturn, type ReturnCheckResult } from './check';
import type { FlagId } from './checklist';
import { ReturnInputError, validateReturnInput, type ReturnInput, type ReturnInputIssue } from './input';
import type { ShopPolicyInput } from './policy';

export function checkReturn(input: ReturnInput, policy?: ShopPolicyInput): ReturnCheckResult {
  const validated = validateReturnInput(input, policy);
  if (!validated.ok) throw new ReturnInputError(validated.errors);
  return evaluateReturn(validated.value, validated.policy);
}

export function safeCheckReturn(
  input: unknown,
  policy?: unknown,
  flagLabels?: Readonly<Record<FlagId, string>>,
): { ok: true; result: ReturnCheckResult } | { ok: false; errors: ReturnInputIssue[] } {
  const validated = validateReturnInput(input, policy);
  if (!validated.ok) return { ok: false, errors: validated.errors };
  return { ok: true, result: evaluateReturn(validated.value, validated.policy, flagLabels) };
}

export { validateReturnInput, ReturnInputError, returnInputSchema, FIELD_LABELS } from './input';
export type {
  ReturnInput,
  ReturnInputIssue,
  ReturnInputValidation,
  NormalizedReturnInput,
  InstantInput,
  FreeShipping,
  ShippingInsurance,
} from './input';
export { evaluateReturn, formatYuan } from './check';
export type {
  ReturnCheckResult,
  ReturnExplanation,
  RefundLine,
  ChecklistItem,
  ReturnWindowInfo,
  ShippingPayer,
} from './check';
export type { Eligibility, FlagId, AnyRuleId } from './checklist';
export { FLAG_LABELS } from './checklist';
export {
  shopPolicySchema,
  parseShopPolicy,
  DEFAULT_SHOP_POLICY,
  POLICY_RULES,
  type ShopPolicy,
  type ShopPolicyInput,
  type PolicyRuleId,
} from './policy';
export {
  RULES,
  RULE_IDS,
  SOURCES,
  CATEGORIES,
  CATEGORY_IDS,
  PLATFORM_RULES,
  RULES_AS_OF,
  type RuleId,
  type CategoryId,
  type ReturnKind,
  type ReturnReason,
  type DefectType,
} from './rules';
export { HOLIDAY_YEARS } from './holidays';
