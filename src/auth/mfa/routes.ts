import { Type } from 'typebox';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { actorOf, auditContextOf } from '../context.ts';
import { setSessionCookie } from '../routes.ts';
import { LIMITS } from '../../platform/limits/rate-limits.ts';
import { confirmTotpEnrollment, startTotpEnrollment, verifySecondFactor } from './service.ts';
import { confirmSmsEnrollment, sendSignInSms, startSmsEnrollment } from './sms.ts';
import { spendSecondFactorTry } from './guess-budget.ts';

const Code = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 32, pattern: '^[A-Za-z0-9 -]+$' }) },
  { additionalProperties: false },
);

export function mfaRoutes({ db, fields, limits }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.post(
      '/api/v1/mfa/totp',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['mfa'],
          summary:
            'Start setting up an authenticator app: a secret, its otpauth URI and a QR code.',
          response: responses({
            200: Type.Object(
              { secret: Type.String(), uri: Type.String(), qrCode: Type.String() },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request) => startTotpEnrollment(db, fields, actorOf(request), auditContextOf(request)),
    );

    app.post(
      '/api/v1/mfa/totp/confirm',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['mfa'],
          summary: 'Confirm the authenticator with a code; answers ten recovery codes, shown once.',
          body: Code,
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
        const context = auditContextOf(request);
        const result = await spendSecondFactorTry(db, limits, actor, context, () =>
          confirmTotpEnrollment(db, fields, actor, request.body.code, context),
        );
        setSessionCookie(reply, actor.practiceId, result.token);
        return { recoveryCodes: result.recoveryCodes };
      },
    );

    app.post(
      '/api/v1/mfa/sms',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['mfa'],
          summary:
            'Start receiving codes by SMS: texts a code to the number (international form, +…).',
          body: Type.Object(
            { phone: Type.String({ maxLength: 20 }) },
            { additionalProperties: false },
          ),
          response: responses({
            202: Type.Object({ sent: Type.Literal(true) }, { additionalProperties: false }),
          }),
        },
      },
      async (request, reply) => {
        await startSmsEnrollment(
          db,
          fields,
          limits,
          actorOf(request),
          request.body.phone,
          auditContextOf(request),
        );
        return reply.code(202).send({ sent: true as const });
      },
    );

    app.post(
      '/api/v1/mfa/sms/confirm',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['mfa'],
          summary:
            'Confirm the phone with the code it received; answers recovery codes if none exist yet.',
          body: Code,
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
        const context = auditContextOf(request);
        const result = await spendSecondFactorTry(db, limits, actor, context, () =>
          confirmSmsEnrollment(db, fields, actor, request.body.code, context),
        );
        setSessionCookie(reply, actor.practiceId, result.token);
        return { recoveryCodes: result.recoveryCodes };
      },
    );

    app.post(
      '/api/v1/session/mfa/sms',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'While signing in: text a code to my phone.',
          response: responses({
            202: Type.Object({ sent: Type.Literal(true) }, { additionalProperties: false }),
          }),
        },
      },
      async (request, reply) => {
        await sendSignInSms(db, fields, limits, actorOf(request));
        return reply.code(202).send({ sent: true as const });
      },
    );

    app.post(
      '/api/v1/session/mfa',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary:
            'Finish signing in with a code from the authenticator app, a texted code, or a recovery code.',
          body: Code,
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
          verifySecondFactor(db, fields, actor, request.body.code, context),
        );
        // Only failures count against the address: an office signs in through one all day.
        await limits.refund(LIMITS.mfaPerIp, request.ip);
        setSessionCookie(reply, actor.practiceId, token);
        return { ok: true as const };
      },
    );
  };
}
