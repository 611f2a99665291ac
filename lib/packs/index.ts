/**
 * Public API of the pack format: parsing and validation, signing, diff and update decisions.
 * Other folders import from here. The spreadsheet round trip lives in './sheet' and is imported
 * from there directly, so code that only reads packs (background) does not bundle the CSV/XLSX
 * libraries.
 */
export { parsePack, type PackError, type ParsePackResult } from './parse';
export {
  PACK_FORMAT,
  PACK_LIMITS,
  FORBIDDEN_KEYS,
  PACK_ID_PATTERN,
  SIGNATURE_ALG,
  packSchema,
  packObjectSchema,
  packPhraseSchema,
  packSignatureSchema,
  changelogEntrySchema,
  findDuplicatePhraseKeys,
  type Pack,
  type PackInput,
  type PackPhrase,
  type PackSignature,
  type ChangelogEntry,
} from './schema';
export {
  canonicalJson,
  exportKeyJwk,
  fingerprint,
  formatFingerprint,
  generateTeamKey,
  importPrivateKeyJwk,
  importPublicKeyJwk,
  importTeamKey,
  publicJwkOf,
  sameFingerprint,
  signPack,
  verifyPack,
  type SigningKey,
  type VerifyResult,
} from './sign';
export {
  diffPacks,
  phraseChangedFields,
  type PackDiff,
  type PhraseChange,
  type PhraseDiffField,
  type SectionStatus,
} from './diff';
export {
  decideUpdate,
  decideUpdateWith,
  type UpdateDecision,
  type UpdateInput,
  type UpdateRefusal,
} from './update';
