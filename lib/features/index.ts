import statusChip from './status-chip';
import type { Feature } from './types';

/** Every injected feature, in one explicit list. A feature's id is its file name. */
export const FEATURES: readonly Feature[] = [statusChip];
