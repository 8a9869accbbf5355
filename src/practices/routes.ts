import { Type } from 'typebox';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { audit } from '../platform/audit-trail/record.ts';
import { AppError } from '../platform/errors.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { auditContextOf, actorOf, Label } from '../auth/index.ts';
import { selectSettings, updateIpAllowlist, updateSettings } from './queries.ts';
import { addressInList, clientAddress, parseCidr } from '../platform/http/client-address.ts';
import { isTimeZone } from './service.ts';

/** Valid CIDRs only, and never a list that would lock out the admin saving it. */
function checkAllowlist(entries: string[], ip: string): string[] {
  const bad = entries.filter((e) => !parseCidr(e));
  if (bad.length > 0) {
    throw AppError.badRequest(
      `Not an IP address or range: ${bad.slice(0, 3).join(', ')}. Use forms like 203.0.113.0/24 or 2001:db8::/32.`,
      'invalid_ip_allowlist',
    );
  }
  const cidrs = entries.map((e) => e.trim());
  if (cidrs.length > 0 && !addressInList(ip, cidrs)) {
    throw AppError.badRequest(
      `This list does not include your own address (${clientAddress(ip)}), so saving it would lock you out. Add it first.`,
      'allowlist_excludes_you',
    );
  }
  return cidrs;
}

const Settings = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    isDemo: Type.Boolean(),
    mfaRequired: Type.Boolean(),
    idleTimeoutMinutes: Type.Integer(),
    privacyOfficerEmail: Type.Union([Type.String(), Type.Null()]),
    ipAllowlist: Type.Array(Type.String(), { description: 'Empty: any address may sign in.' }),
    currentAddress: Type.String({ description: 'The address this request came from.' }),
    timeZone: Type.String({ description: 'IANA time zone the schedule is kept in.' }),
    cosignAssociateNotes: Type.Boolean({
      description: "Associates' notes need a supervisor's co-signature.",
    }),
    documentSizeLimitBytes: Type.Integer({ description: 'Largest document one upload may store.' }),
  },
  { additionalProperties: false },
);

const SettingsPatch = Type.Object(
  {
    name: Type.Optional(Label),
    mfaRequired: Type.Optional(Type.Boolean()),
    idleTimeoutMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 60 })),
    privacyOfficerEmail: Type.Optional(
      Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()]),
    ),
    ipAllowlist: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 100 })),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    cosignAssociateNotes: Type.Optional(Type.Boolean()),
    documentSizeLimitBytes: Type.Optional(
      Type.Integer({ minimum: 1_048_576, maximum: 10_737_418_240 }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export function practiceRoutes({ db }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/practice',
      {
        config: { permission: 'manage:practice:any' },
        schema: {
          tags: ['practice'],
          summary: "The practice's settings.",
          response: responses({ 200: Settings }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return db.withPractice(actor.practiceId, async (tx) => {
          const settings = await selectSettings(tx, actor.practiceId);
          if (!settings) throw AppError.notFound();
          return { ...settings, currentAddress: clientAddress(request.ip) };
        });
      },
    );

    app.patch(
      '/api/v1/practice',
      {
        config: { permission: 'manage:practice:any' },
        schema: {
          tags: ['practice'],
          summary:
            'Change practice settings: name, MFA policy, idle timeout, privacy officer, time zone, co-signature policy, document size limit.',
          body: SettingsPatch,
          response: responses({ 200: Settings }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const body = request.body;
        const allowlist = body.ipAllowlist && checkAllowlist(body.ipAllowlist, request.ip);
        if (body.timeZone !== undefined && !isTimeZone(body.timeZone)) {
          throw AppError.badRequest(
            `"${body.timeZone}" is not a time zone Hearth knows; use a name like America/Chicago or Europe/Berlin.`,
            'invalid_time_zone',
          );
        }
        return db.withPractice(actor.practiceId, async (tx) => {
          if (allowlist) await updateIpAllowlist(tx, actor.practiceId, allowlist);
          await updateSettings(tx, actor.practiceId, {
            name: body.name,
            mfa_required: body.mfaRequired,
            idle_timeout_minutes: body.idleTimeoutMinutes,
            privacy_officer_email:
              body.privacyOfficerEmail === undefined
                ? undefined
                : (body.privacyOfficerEmail?.toLowerCase() ?? null),
            time_zone: body.timeZone,
            cosign_associate_notes: body.cosignAssociateNotes,
            document_size_limit: body.documentSizeLimitBytes,
          });
          await audit(tx, auditContextOf(request), {
            action: 'practice.settings.changed',
            subjectType: 'practice',
            subjectId: actor.practiceId,
            detail: Object.fromEntries(Object.keys(body).map((k) => [k, true])),
          });
          if (allowlist) {
            await audit(tx, auditContextOf(request), {
              action: 'practice.ip_allowlist.changed',
              subjectType: 'practice',
              subjectId: actor.practiceId,
              detail: { entries: allowlist.length },
            });
          }
          const settings = await selectSettings(tx, actor.practiceId);
          if (!settings) throw AppError.notFound();
          return { ...settings, currentAddress: clientAddress(request.ip) };
        });
      },
    );
  };
}
