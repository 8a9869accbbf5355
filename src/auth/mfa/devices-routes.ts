import { Type } from 'typebox';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { actorOf, auditContextOf } from '../context.ts';
import { listMfaDevices, removeMfaDevice } from './devices.ts';

const Device = Type.Object(
  {
    id: Type.String({ description: '`totp`, `sms`, or a passkey id.' }),
    kind: Type.Union([Type.Literal('totp'), Type.Literal('sms'), Type.Literal('passkey')]),
    name: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);

export function mfaDeviceRoutes({ db, limits }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/mfa/devices',
      {
        config: { permission: 'signed-in' },
        schema: {
          tags: ['mfa'],
          summary: 'My second factors (authenticator app, SMS, passkeys) and recovery codes left.',
          response: responses({
            200: Type.Object(
              {
                items: Type.Array(Device),
                nextCursor: Type.Null(),
                recoveryCodesLeft: Type.Integer(),
              },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request) => ({ ...(await listMfaDevices(db, actorOf(request))), nextCursor: null }),
    );

    app.delete(
      '/api/v1/mfa/devices/:id',
      {
        config: { permission: 'signed-in' },
        schema: {
          tags: ['mfa'],
          summary:
            'Remove one of my second factors, with my current password (never the last one where MFA is required).',
          params: Type.Object(
            { id: Type.String({ minLength: 1, maxLength: 64 }) },
            { additionalProperties: false },
          ),
          body: Type.Object(
            { password: Type.String({ minLength: 1, maxLength: 512 }) },
            { additionalProperties: false },
          ),
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        await removeMfaDevice(
          db,
          limits,
          actorOf(request),
          { deviceId: request.params.id, password: request.body.password },
          auditContextOf(request),
        );
        return reply.code(204).send(null);
      },
    );
  };
}
