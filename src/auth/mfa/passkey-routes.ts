import { Type } from 'typebox';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { LIMITS } from '../../platform/limits/rate-limits.ts';
import { actorOf, auditContextOf } from '../context.ts';
import { setSessionCookie } from '../routes.ts';
import {
  passkeyRegistrationOptions,
  passkeySignInOptions,
  registerPasskey,
  verifyPasskeySignIn,
  type RelyingParty,
} from './passkeys.ts';
import { spendSecondFactorTry } from './guess-budget.ts';

// The browser's credential, as @simplewebauthn/browser serialises it; verified by the library.
const Credential = Type.Object(
  {
    id: Type.String({ maxLength: 1024 }),
    rawId: Type.String({ maxLength: 1024 }),
    type: Type.Literal('public-key'),
    response: Type.Record(Type.String(), Type.Unknown()),
    clientExtensionResults: Type.Record(Type.String(), Type.Unknown()),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
const Options = Type.Record(Type.String(), Type.Unknown());

/** Passkeys are bound to the public address, never to whatever Host a request names. */
function relyingParty(publicUrl: string): RelyingParty {
  return { id: new URL(publicUrl).hostname, origin: publicUrl };
}

export function passkeyRoutes({ db, limits, publicUrl }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.post(
      '/api/v1/mfa/passkeys/options',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['mfa'],
          summary: 'Start adding a passkey: options for navigator.credentials.create().',
          response: responses({ 200: Options }),
        },
      },
      async (request) =>
        passkeyRegistrationOptions(
          db,
          actorOf(request),
          relyingParty(publicUrl),
          auditContextOf(request),
        ),
    );

    app.post(
      '/api/v1/mfa/passkeys',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['mfa'],
          summary:
            'Register the passkey the browser created; answers recovery codes if none exist yet.',
          body: Type.Object(
            {
              credential: Credential,
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
            },
            { additionalProperties: false },
          ),
          response: responses({
            200: Type.Object(
              { recoveryCodes: Type.Array(Type.String()) },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const result = await registerPasskey(
          db,
          actor,
          relyingParty(publicUrl),
          request.body.credential as unknown as RegistrationResponseJSON,
          request.body.name ?? 'Passkey',
          auditContextOf(request),
        );
        setSessionCookie(reply, actor.practiceId, result.token);
        return { recoveryCodes: result.recoveryCodes };
      },
    );

    app.post(
      '/api/v1/session/mfa/passkey/options',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'While signing in: options for navigator.credentials.get().',
          response: responses({ 200: Options }),
        },
      },
      async (request) => passkeySignInOptions(db, actorOf(request), relyingParty(publicUrl)),
    );

    app.post(
      '/api/v1/session/mfa/passkey',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'Finish signing in with a passkey.',
          body: Type.Object({ credential: Credential }, { additionalProperties: false }),
          response: responses({
            200: Type.Object({ ok: Type.Literal(true) }, { additionalProperties: false }),
          }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const context = auditContextOf(request);
        await limits.hit(LIMITS.mfaPerIp, request.ip);
        const token = await spendSecondFactorTry(db, limits, actor, context, () =>
          verifyPasskeySignIn(
            db,
            actor,
            relyingParty(publicUrl),
            request.body.credential as unknown as AuthenticationResponseJSON,
            context,
          ),
        );
        // Only failures count against the address: an office signs in through one all day.
        await limits.refund(LIMITS.mfaPerIp, request.ip);
        setSessionCookie(reply, actor.practiceId, token);
        return { ok: true as const };
      },
    );
  };
}
