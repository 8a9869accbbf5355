import type { Tx } from '../../platform/db/database.ts';

/** The signed BAA, recorded with the practice it binds. */
export async function insertBaaAcceptance(
  tx: Tx,
  values: {
    version: string;
    textSha256: string;
    signerName: string;
    signerUserId: string;
    ip: string;
  },
): Promise<void> {
  await tx
    .insertInto('baa_acceptances')
    .values({
      version: values.version,
      text_sha256: values.textSha256,
      signer_name: values.signerName,
      signer_user_id: values.signerUserId,
      ip: values.ip,
    })
    .execute();
}
