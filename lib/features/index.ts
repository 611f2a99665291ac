import phrasePicker from './phrase-picker';
import popupInsert from './popup-insert';
import responseTimer from './response-timer';
import orderRemarks from './order-remarks';
import returnCheck from './return-check';
import statusChip from './status-chip';
import registerCapture from './register-capture';
import wordingHints from './wording-hints';
import type { Feature } from './types';

/** Every injected feature, in one explicit list. A feature's id is its file name. */
export const FEATURES: readonly Feature[] = [
  statusChip,
  popupInsert,
  orderRemarks,
  returnCheck,
  phrasePicker,
  wordingHints,
  responseTimer,
  registerCapture,
];
