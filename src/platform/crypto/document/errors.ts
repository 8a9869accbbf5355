/**
 * Why a stored document was refused. Stable codes: the documents feature logs and audits them,
 * operators search for them. Each is documented in docs/document-format.md.
 */
export type IntegrityReason =
  | 'bad_header'
  | 'unsupported_version'
  | 'wrong_document'
  | 'wrong_key'
  | 'segment_auth_failed'
  | 'truncated'
  | 'trailing_data'
  | 'hmac_mismatch';

// Fixed texts: a message never carries key material, plaintext or stored bytes.
const MESSAGES: Record<IntegrityReason, string> = {
  bad_header: 'the stored document does not start with a valid document header',
  unsupported_version:
    'the stored document uses a format version or algorithm this build does not know',
  wrong_document: 'the stored document belongs to another document',
  wrong_key: 'the stored document was encrypted under another key record',
  segment_auth_failed: 'a segment of the stored document failed authentication',
  truncated: 'the stored document ends before its final segment',
  trailing_data: 'the stored document has bytes after its final segment',
  hmac_mismatch: 'the stored document does not match its recorded HMAC',
};

/** A stored document failed a check: nothing unverified was released. */
export class DocumentIntegrityError extends Error {
  override name = 'DocumentIntegrityError';
  readonly reason: IntegrityReason;
  /** The segment index where it was found, when one is known (an index, never data). */
  readonly segment: number | undefined;

  constructor(reason: IntegrityReason, segment?: number) {
    super(segment === undefined ? MESSAGES[reason] : `${MESSAGES[reason]} (segment ${segment})`);
    this.reason = reason;
    this.segment = segment;
  }
}
