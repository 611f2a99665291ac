/**
 * The injected features' ids (each its file name), in the order the settings list them. Plain
 * data, so the options page can show a switch per feature without bundling the features
 * themselves; tests/unit/features/registry.test.ts keeps it equal to FEATURES.
 */
export const FEATURE_IDS = [
  'status-chip',
  'popup-insert',
  'order-remarks',
  'return-check',
  'phrase-picker',
  'wording-hints',
  'response-timer',
  'register-capture',
] as const;

export type FeatureId = (typeof FEATURE_IDS)[number];
