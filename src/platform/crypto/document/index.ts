// The document encryption format's public surface (docs/document-format.md). The other files
// in this folder are its parts; feature code imports from here.
export { createDecryptStream, type DecryptStream } from './decrypt.ts';
export {
  createEncryptStream,
  type EncryptOptions,
  type EncryptStream,
  type EncryptSummary,
} from './encrypt.ts';
export { DocumentIntegrityError, type IntegrityReason } from './errors.ts';
export {
  DEFAULT_SEGMENT_SIZE,
  HEADER_BYTES,
  MAX_SEGMENT_SIZE,
  MIN_SEGMENT_SIZE,
} from './format.ts';
export {
  verifyStoredDocument,
  type StoredDocumentCheck,
  type StoredDocumentVerdict,
} from './hmac.ts';
export { newDocumentKeys, zeroDocumentKeys, type DocumentKeyMaterial } from './keys.ts';
