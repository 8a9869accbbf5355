import type { Database } from '../db/database.ts';
import type { FieldCipher } from '../crypto/field.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import type { DocumentVault } from '../document-vault/document-vault.ts';
import type { NumberDigester } from '../sms/phone.ts';

/** What the app hands every feature's routes: each takes the parts it needs. */
export interface FeatureDeps {
  db: Database;
  /** Field encryption for free-text PHI. */
  fields: FieldCipher;
  limits: RateLimits;
  /** Encrypted documents: per-document keys from the key provider, bytes in the blob store. */
  vault: DocumentVault;
  /** The public address (Config.publicUrl): every link the server hands out starts with it. */
  publicUrl: string;
  /** Keyed digests of phone numbers (HEARTH_NUMBER_KEY); absent in apps built without SMS parts. */
  numbers: NumberDigester | undefined;
}
