import {
  DEFAULT_FLAG_LEGEND,
  DEFAULT_REMARK_TEMPLATES,
  composeRemark,
  fillRemarkTemplate,
  findRemarkTemplate,
  mergeRemark,
  resolveFlagMapping,
  semanticFlagFor,
  legendNames,
  suggestFlag,
  validateRemarkInput,
  type FlagLegend,
  type FlagSuggestion,
  type MergeRemarkResult,
  type RemarkTemplate,
  type ResolvedFlag,
  type ReturnCheckLike,
  type SemanticFlag,
} from '../remarks';
import type { Platform } from '../sites/platforms';

/**
 * The remark composer's state, as a pure function of what the agent typed: the remark line,
 * the merged text the site's field will hold, the length against the platform's limit, and the
 * flag to select (the agent's choice or the suggestion). No DOM: the Preact component renders it.
 */

export type ComposerContent =
  | { kind: 'free'; text: string }
  | { kind: 'template'; templateId: string; values: Readonly<Record<string, string>> };

/** `auto` follows the suggestion; `keep` leaves the order's flag alone. */
export type FlagChoice = 'auto' | 'keep' | SemanticFlag;

export interface ComposerInput {
  platform: Platform;
  /** The order's remark as it stands (kept character for character). */
  existing: string;
  agent: string;
  /** Epoch ms; the remark's date is its Shanghai calendar day. */
  now: number;
  content: ComposerContent;
  flagChoice: FlagChoice;
  /** The platform's flag code currently on the order, if the page shows it. */
  currentFlagCode?: number | undefined;
  /** A return check the agent ran for this order, for the flag suggestion. */
  returnCheck?: ReturnCheckLike | undefined;
  templates?: readonly RemarkTemplate[];
  legend?: FlagLegend;
}

export interface ComposerPreview {
  /** The promise part, once it is valid. */
  content?: string;
  /** The whole remark line `客服 内容 日期`, once everything is valid. */
  addition?: string;
  /** Chinese messages keyed by `agent`, `content`, `date` or a template field name. */
  errors: Record<string, string>;
  /** existing + separator + addition (existing alone while the addition is not ready). */
  merged: MergeRemarkResult;
  suggestion: FlagSuggestion;
  /** The flag that will be selected; null leaves the order's flag as it is. */
  flag: SemanticFlag | null;
  /** The order's flag now, in the legend's words. */
  currentFlag?: SemanticFlag;
  resolved?: ResolvedFlag;
  /** The code to pass to the adapter's selectFlag; undefined: do not touch the flag. */
  flagCode?: number;
  /** A note for the agent when the platform cannot show the flag as the legend says. */
  flagNote?: string;
  /** Everything is valid and something will be appended. */
  ready: boolean;
}

function templateIdOf(content: ComposerContent): string[] {
  return content.kind === 'template' ? [content.templateId] : [];
}

export function buildComposerPreview(input: ComposerInput): ComposerPreview {
  const templates = input.templates ?? DEFAULT_REMARK_TEMPLATES;
  const legend = input.legend ?? DEFAULT_FLAG_LEGEND;
  const errors: Record<string, string> = {};

  let content: string | undefined;
  if (input.content.kind === 'free') {
    content = input.content.text;
  } else {
    const template = findRemarkTemplate(input.content.templateId, templates);
    if (!template) errors._template = `找不到模板「${input.content.templateId}」`;
    else {
      const filled = fillRemarkTemplate(template, input.content.values);
      if (filled.ok) content = filled.content;
      else Object.assign(errors, filled.errors);
    }
  }

  const checked = validateRemarkInput({ agent: input.agent, content: content ?? '', date: input.now });
  let addition: string | undefined;
  if (checked.ok) {
    addition = composeRemark({ agent: input.agent, content: content ?? '', date: input.now });
  } else {
    for (const [field, message] of Object.entries(checked.errors)) {
      // A template's own field errors say more than "请填写内容".
      if (field === 'content' && input.content.kind === 'template' && Object.keys(errors).length) continue;
      errors[field] = message;
    }
  }

  const merged = mergeRemark(input.existing, addition ?? '', { platform: input.platform });
  const currentFlag =
    input.currentFlagCode === undefined
      ? undefined
      : semanticFlagFor(input.platform, input.currentFlagCode, legend);
  const suggestion = suggestFlag({
    templateIds: templateIdOf(input.content),
    returnCheck: input.returnCheck,
    current: currentFlag ?? null,
    templates,
    names: legendNames(legend),
  });

  const flag =
    input.flagChoice === 'auto' ? suggestion.flag : input.flagChoice === 'keep' ? null : input.flagChoice;

  const preview: ComposerPreview = {
    errors,
    merged,
    suggestion,
    flag,
    ready: addition !== undefined && Object.keys(errors).length === 0,
  };
  if (content !== undefined && checked.ok) preview.content = checked.value.content;
  if (addition !== undefined) preview.addition = addition;
  if (currentFlag) preview.currentFlag = currentFlag;
  if (flag) {
    const mapping = resolveFlagMapping(input.platform, legend);
    const resolved = mapping.byFlag[flag];
    preview.resolved = resolved;
    if (resolved.code !== null) preview.flagCode = resolved.code;
    // Pinduoduo has no gray tag: "normal" there means clearing the tag (the adapter's code 0).
    else if (mapping.unflagged === flag) preview.flagCode = 0;
    if (resolved.note) preview.flagNote = resolved.note;
  }
  return preview;
}

/** `60 字` / `1000 字节`: the unit the platform counts in, for the length line. */
export function lengthUnitLabel(unit: MergeRemarkResult['unit']): string {
  return unit === 'utf8-bytes' ? '字节' : '字';
}
