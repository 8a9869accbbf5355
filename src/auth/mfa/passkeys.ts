import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { completeEnrollment } from './enrollment.ts';
import { withEnrolmentAllowed } from './enrolment-rule.ts';
import { rotateSession } from './session-rotation.ts';

/** Loaded with the first passkey ceremony, not at start-up (5 MB of heap; ADR 0021). */
const webauthn = () => import('@simplewebauthn/server');

/** Where the browser runs Hearth: the relying party id is its host name, the origin its URL. */
export interface RelyingParty {
  id: string;
  origin: string;
}

const CHALLENGE_MINUTES = 5;

async function storeChallenge(tx: Tx, sessionId: string, challenge: string): Promise<void> {
  await sql`update sessions set webauthn_challenge = ${challenge},
      webauthn_challenge_expires = now() + make_interval(mins => ${CHALLENGE_MINUTES})
     where id = ${sessionId}`.execute(tx);
}

/** Takes the session's challenge (single use): null if none or expired. */
async function takeChallenge(tx: Tx, sessionId: string): Promise<string | null> {
  const { rows } = await sql<{ challenge: string | null }>`
    update sessions s set webauthn_challenge = null, webauthn_challenge_expires = null
      from (select id, webauthn_challenge, webauthn_challenge_expires from sessions where id = ${sessionId} for update) old
     where s.id = old.id
     returning case when old.webauthn_challenge_expires > now() then old.webauthn_challenge end as challenge`.execute(
    tx,
  );
  return rows[0]?.challenge ?? null;
}

async function credentialsOf(tx: Tx, userId: string) {
  return tx
    .selectFrom('webauthn_credentials')
    .select(['id', 'credential_id', 'public_key', 'counter', 'transports'])
    .where('user_id', '=', userId)
    .execute();
}

export async function passkeyRegistrationOptions(
  db: Database,
  actor: Actor,
  rp: RelyingParty,
  context: AuditContext,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return withEnrolmentAllowed(db, actor, context, 'passkey_options', async (tx) => {
    const user = await tx
      .selectFrom('users')
      .select(['email', 'name'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    const existing = await credentialsOf(tx, actor.userId);
    const { generateRegistrationOptions } = await webauthn();
    const options = await generateRegistrationOptions({
      rpName: 'Hearth',
      rpID: rp.id,
      userName: user.email,
      userDisplayName: user.name,
      userID: new TextEncoder().encode(actor.userId),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({
        id: c.credential_id,
        transports: c.transports as AuthenticatorTransportFuture[],
      })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    });
    await storeChallenge(tx, actor.sessionId, options.challenge);
    return options;
  });
}

export async function registerPasskey(
  db: Database,
  actor: Actor,
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  name: string,
  context: AuditContext,
): Promise<{ recoveryCodes: string[]; token: string }> {
  const outcome = await withEnrolmentAllowed(db, actor, context, 'passkey_register', async (tx) => {
    const challenge = await takeChallenge(tx, actor.sessionId);
    if (!challenge) return 'expired' as const;
    const { verifyRegistrationResponse } = await webauthn();
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    }).catch(() => ({ verified: false as const, registrationInfo: undefined }));
    if (!verification.verified || !verification.registrationInfo) return 'invalid' as const;
    const { credential } = verification.registrationInfo;
    await tx
      .insertInto('webauthn_credentials')
      .values({
        user_id: actor.userId,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name,
      })
      .execute();
    return completeEnrollment(tx, actor, context, 'passkey');
  });
  if (outcome === 'expired')
    throw AppError.badRequest('The passkey request expired. Start again.', 'challenge_expired');
  if (outcome === 'invalid') {
    await db.withPractice(actor.practiceId, (tx) =>
      audit(tx, context, {
        action: 'auth.mfa.failed',
        outcome: 'denied',
        detail: { method: 'passkey_enrol' },
      }),
    );
    throw AppError.badRequest('The passkey could not be verified. Try again.', 'invalid_passkey');
  }
  return outcome;
}

export async function passkeySignInOptions(
  db: Database,
  actor: Actor,
  rp: RelyingParty,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  if (!actor.mfaPending)
    throw AppError.conflict('This session needs no second factor.', 'mfa_not_pending');
  return db.withPractice(actor.practiceId, async (tx) => {
    const credentials = await credentialsOf(tx, actor.userId);
    if (credentials.length === 0)
      throw AppError.conflict('No passkey is set up on this account.', 'mfa_not_enrolled');
    const { generateAuthenticationOptions } = await webauthn();
    const options = await generateAuthenticationOptions({
      rpID: rp.id,
      allowCredentials: credentials.map((c) => ({
        id: c.credential_id,
        transports: c.transports as AuthenticatorTransportFuture[],
      })),
      userVerification: 'required',
    });
    await storeChallenge(tx, actor.sessionId, options.challenge);
    return options;
  });
}

/** Completes a half-session with a passkey assertion. */
export async function verifyPasskeySignIn(
  db: Database,
  actor: Actor,
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  context: AuditContext,
): Promise<string> {
  if (!actor.mfaPending)
    throw AppError.conflict('This session needs no second factor.', 'mfa_not_pending');
  const outcome = await db.withPractice(actor.practiceId, async (tx) => {
    const challenge = await takeChallenge(tx, actor.sessionId);
    const stored = (await credentialsOf(tx, actor.userId)).find(
      (c) => c.credential_id === response.id,
    );
    if (!challenge || !stored) return null;
    const { verifyAuthenticationResponse } = await webauthn();
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: stored.credential_id,
        publicKey: new Uint8Array(stored.public_key),
        counter: Number(stored.counter),
        transports: stored.transports as AuthenticatorTransportFuture[],
      },
    }).catch(() => ({ verified: false as const, authenticationInfo: undefined }));
    if (!verification.verified || !verification.authenticationInfo) return null;
    await tx
      .updateTable('webauthn_credentials')
      .set({ counter: verification.authenticationInfo.newCounter, last_used_at: new Date() })
      .where('id', '=', stored.id)
      .execute();
    await audit(tx, context, { action: 'auth.mfa.succeeded', detail: { method: 'passkey' } });
    return rotateSession(tx, actor, context);
  });
  if (!outcome) {
    await db.withPractice(actor.practiceId, (tx) =>
      audit(tx, context, {
        action: 'auth.mfa.failed',
        outcome: 'denied',
        detail: { method: 'passkey' },
      }),
    );
    throw new AppError('invalid_passkey', {
      status: 401,
      message: 'The passkey could not be verified. Try again.',
    });
  }
  return outcome;
}
