/**
 * Order remarks (备注) and flags (旗帜): compose the seeds' one-line remark, append it to the
 * existing remark without touching it, map semantic flags to each platform's codes, fill
 * remark templates and suggest a flag. Pure logic, no DOM.
 */
export {
  AGENT_NAME_MAX,
  RemarkInputError,
  composeRemark,
  formatRemarkDate,
  joinRemarkContents,
  normalizeRemarkText,
  parseRemarkDate,
  shanghaiDateParts,
  validateRemarkInput,
} from './compose';
export type {
  RemarkDateInput,
  RemarkInput,
  RemarkInputErrors,
  RemarkInputField,
  RemarkInputValidation,
} from './compose';

export { REMARK_FIELD_SPECS, countRemarkLength, mergeRemark } from './merge';
export type { MergeRemarkOptions, MergeRemarkResult, RemarkFieldSpec, RemarkLengthUnit } from './merge';

export {
  COLOUR_FALLBACKS,
  DEFAULT_FLAG_LEGEND,
  PLATFORM_FLAG_TABLES,
  UnknownPlatformError,
  checklistFlagLabel,
  flagCodeFor,
  flagLabel,
  legendNames,
  parseFlagLegend,
  resolveFlagMapping,
  semanticFlagFor,
} from './flags';
export type { PlatformFlagMapping, PlatformFlagTable, ResolvedFlag } from './flags';

export { FLAG_COLOURS, FLAG_COLOUR_LABELS, SEMANTIC_FLAGS, SEMANTIC_FLAG_NAMES_ZH } from './vocabulary';
export type { FlagColour, SemanticFlag } from './vocabulary';

export {
  FLAG_LABEL_MAX,
  flagLegendSchema,
  remarkTemplateFieldSchema,
  remarkTemplateListSchema,
  remarkTemplateSchema,
} from './schema';
export type {
  FlagLegend,
  FlagLegendEntry,
  RemarkTemplate,
  RemarkTemplateField,
  RemarkTemplateFieldKind,
} from './schema';

export { DEFAULT_REMARK_TEMPLATES, fillRemarkTemplate, findRemarkTemplate } from './templates';
export type { DefaultRemarkTemplateId, FillRemarkTemplateResult, RemarkTemplateValue } from './templates';

export { parseTemplatePattern } from './template-pattern';

export {
  FLAG_PRIORITY,
  strongerFlag,
  suggestFlag,
  suggestFlagForReturnCheck,
  suggestFlagForTemplate,
} from './suggest';
export type { FlagSuggestion, ReturnCheckLike } from './suggest';
