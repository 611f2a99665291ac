import type { RemarkTemplate } from './schema';
import { DEFAULT_REMARK_TEMPLATES, findRemarkTemplate } from './templates';
import { SEMANTIC_FLAG_NAMES_ZH, type SemanticFlag } from './vocabulary';

/**
 * Flag suggestions. Only a suggestion: the agent sets the flag on the platform's own dialog.
 */

/**
 * The part of a return check we need, structurally: the check's input (`kind`, `reason`) and its
 * result (`eligible`). Pass `{ ...input, ...checkReturn(input) }` from lib/returns.
 */
export interface ReturnCheckLike {
  kind: 'return' | 'exchange';
  reason: 'no_reason' | 'quality';
  eligible: 'yes' | 'no' | 'flexible';
}

export interface FlagSuggestion {
  /** Null: no change suggested (keep the order's current flag). */
  flag: SemanticFlag | null;
  /** For a case still to be decided: the flag to set once it is approved. */
  ifApproved?: SemanticFlag;
  /** Why, in Chinese, for the tooltip. */
  reason: string;
}

/**
 * An order shows one flag, so when two apply the one that changes what the warehouse does with
 * the parcel wins: a return or exchange outranks a problem, which outranks a shipping note,
 * which outranks the agent's own follow-up. A weaker suggestion never replaces a stronger flag.
 */
export const FLAG_PRIORITY: readonly SemanticFlag[] = [
  'return',
  'exchange',
  'problem',
  'ship-attention',
  'follow-up',
  'normal',
];

/** The stronger of two flags by FLAG_PRIORITY; undefined when both are absent. */
export function strongerFlag(
  a: SemanticFlag | null | undefined,
  b: SemanticFlag | null | undefined,
): SemanticFlag | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return FLAG_PRIORITY.indexOf(a) <= FLAG_PRIORITY.indexOf(b) ? a : b;
}

/** The flag a template suggests, looked up in the given list (the defaults otherwise). */
export function suggestFlagForTemplate(
  templateId: string,
  templates: readonly RemarkTemplate[] = DEFAULT_REMARK_TEMPLATES,
): SemanticFlag | undefined {
  return findRemarkTemplate(templateId, templates)?.suggestedFlag;
}

/**
 * From a return/exchange check: allowed → 退货/换货; flexible (e.g. past 7 days, the seeds' 灵活处理)
 * → 待跟进 until someone decides, with the flag to use if approved; refused → nothing for a
 * no-reason request, 问题件 for a quality complaint (it still has to be dealt with).
 */
export function suggestFlagForReturnCheck(
  check: ReturnCheckLike,
  names: Readonly<Record<SemanticFlag, string>> = SEMANTIC_FLAG_NAMES_ZH,
): FlagSuggestion {
  const approvedFlag: SemanticFlag = check.kind === 'return' ? 'return' : 'exchange';
  const what = check.kind === 'return' ? '退货' : '换货';
  switch (check.eligible) {
    case 'yes':
      return {
        flag: approvedFlag,
        reason: `可以${what}：备注后标「${names[approvedFlag]}」`,
      };
    case 'flexible':
      return {
        flag: 'follow-up',
        ifApproved: approvedFlag,
        reason: `需灵活处理：先标「${names['follow-up']}」，同意${what}后改标「${names[approvedFlag]}」`,
      };
    case 'no':
      return check.reason === 'quality'
        ? { flag: 'problem', reason: `不符合${what}条件，但买家反映质量问题：标「${names.problem}」跟进处理` }
        : { flag: null, reason: `不符合${what}条件：不用改旗帜` };
  }
}

/**
 * Combines what we know into one suggestion: template flags, a return check and the order's
 * current flag. The strongest wins; if that is the current flag, no change is suggested.
 */
export function suggestFlag(input: {
  templateIds?: readonly string[];
  returnCheck?: ReturnCheckLike;
  current?: SemanticFlag | null;
  templates?: readonly RemarkTemplate[];
  /** The flags' names in the legend in force (a team pack may rename them). */
  names?: Readonly<Record<SemanticFlag, string>>;
}): FlagSuggestion {
  const names = input.names ?? SEMANTIC_FLAG_NAMES_ZH;
  const candidates: { flag: SemanticFlag; why: string }[] = [];
  for (const id of input.templateIds ?? []) {
    const template = findRemarkTemplate(id, input.templates ?? DEFAULT_REMARK_TEMPLATES);
    if (template?.suggestedFlag)
      candidates.push({ flag: template.suggestedFlag, why: `模板「${template.title}」` });
  }
  let ifApproved: SemanticFlag | undefined;
  let returnReason: string | undefined;
  if (input.returnCheck) {
    const fromCheck = suggestFlagForReturnCheck(input.returnCheck, names);
    ifApproved = fromCheck.ifApproved;
    returnReason = fromCheck.reason;
    if (fromCheck.flag) candidates.push({ flag: fromCheck.flag, why: fromCheck.reason });
  }

  let best: { flag: SemanticFlag; why: string } | undefined;
  for (const candidate of candidates) {
    if (!best || strongerFlag(best.flag, candidate.flag) !== best.flag) best = candidate;
  }
  const current = input.current ?? undefined;
  const withApproval = ifApproved ? { ifApproved } : {};

  if (!best) return { flag: null, reason: returnReason ?? '没有需要改的旗帜', ...withApproval };
  if (current === best.flag) {
    return { flag: null, reason: `当前已是「${names[current]}」`, ...withApproval };
  }
  if (current && strongerFlag(current, best.flag) === current) {
    return {
      flag: null,
      reason: `保留当前的「${names[current]}」，它比建议的「${names[best.flag]}」更要紧`,
      ...withApproval,
    };
  }
  return { flag: best.flag, reason: best.why, ...withApproval };
}
