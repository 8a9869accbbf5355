import { Type } from 'typebox';
import type { Database } from '../platform/db/database.ts';
import { audit } from '../platform/audit/record.ts';
import { AppError } from '../platform/errors.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { auditContextOf, requirePermission } from '../auth/context.ts';
import { selectSettings, updateSettings } from './queries.ts';

const Settings = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    isDemo: Type.Boolean(),
    mfaRequired: Type.Boolean(),
    idleTimeoutMinutes: Type.Integer(),
    privacyOfficerEmail: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

const SettingsPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    mfaRequired: Type.Optional(Type.Boolean()),
    idleTimeoutMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 60 })),
    privacyOfficerEmail: Type.Optional(
      Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()]),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export function practiceRoutes(db: Database) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/practice',
      {
        schema: {
          tags: ['practice'],
          summary: "The practice's settings.",
          response: responses({ 200: Settings }),
        },
      },
      async (request) => {
        const actor = await requirePermission(db, request, 'manage:practice:any');
        return db.withPractice(actor.practiceId, async (tx) => {
          const settings = await selectSettings(tx, actor.practiceId);
          if (!settings) throw AppError.notFound();
          return settings;
        });
      },
    );

    app.patch(
      '/api/v1/practice',
      {
        schema: {
          tags: ['practice'],
          summary: 'Change practice settings: name, MFA policy, idle timeout, privacy officer.',
          body: SettingsPatch,
          response: responses({ 200: Settings }),
        },
      },
      async (request) => {
        const actor = await requirePermission(db, request, 'manage:practice:any');
        const body = request.body;
        return db.withPractice(actor.practiceId, async (tx) => {
          await updateSettings(tx, actor.practiceId, {
            name: body.name,
            mfa_required: body.mfaRequired,
            idle_timeout_minutes: body.idleTimeoutMinutes,
            privacy_officer_email:
              body.privacyOfficerEmail === undefined
                ? undefined
                : (body.privacyOfficerEmail?.toLowerCase() ?? null),
          });
          await audit(tx, auditContextOf(request), {
            action: 'practice.settings.changed',
            subjectType: 'practice',
            subjectId: actor.practiceId,
            detail: Object.fromEntries(Object.keys(body).map((k) => [k, true])),
          });
          const settings = await selectSettings(tx, actor.practiceId);
          if (!settings) throw AppError.notFound();
          return settings;
        });
      },
    );
  };
}
