import { Type } from 'typebox';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { AppError } from '../platform/errors.ts';
import { audit } from '../platform/audit-trail/record.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { auditContextOf, actorOf } from '../auth/index.ts';
import { acknowledgeAlert, selectAlerts, selectOutbox, type AlertRow } from './queries.ts';

const Alert = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    severity: Type.String(),
    message: Type.String(),
    detail: Type.Record(Type.String(), Type.Unknown()),
    createdAt: Type.String({ format: 'date-time' }),
    acknowledgedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
const Message = Type.Object(
  {
    id: Type.String(),
    channel: Type.String(),
    recipient: Type.Union([Type.String(), Type.Null()]),
    subject: Type.String(),
    body: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
const Limit = Type.Integer({ minimum: 1, maximum: 500, default: 100 });

const toAlert = (a: AlertRow) => ({
  id: a.id,
  kind: a.kind,
  severity: a.severity,
  message: a.message,
  detail: a.detail,
  createdAt: a.created_at.toISOString(),
  acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
  acknowledgedBy: a.acknowledged_by,
});

export function alertRoutes({ db }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/alerts',
      {
        config: { permission: 'read:alert:any' },
        schema: {
          tags: ['alerts'],
          summary: 'Security alerts for the privacy officer, newest first.',
          querystring: Type.Object(
            { open: Type.Optional(Type.Boolean()), limit: Type.Optional(Limit) },
            { additionalProperties: false },
          ),
          response: responses({
            200: Type.Object({ items: Type.Array(Alert), nextCursor: Type.Null() }),
          }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const rows = await db.withPractice(actor.practiceId, async (tx) => {
          const found = await selectAlerts(tx, {
            unacknowledgedOnly: request.query.open ?? false,
            limit: request.query.limit ?? 100,
          });
          await audit(tx, auditContextOf(request), { action: 'alert.read', subjectType: 'alerts' });
          return found;
        });
        return { items: rows.map(toAlert), nextCursor: null };
      },
    );

    app.post(
      '/api/v1/alerts/:id/acknowledge',
      {
        config: { permission: 'manage:alert:any' },
        schema: {
          tags: ['alerts'],
          summary: 'Mark an alert as reviewed.',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: responses({ 200: Alert }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const row = await db.withPractice(actor.practiceId, async (tx) => {
          const updated = await acknowledgeAlert(tx, request.params.id, actor.userId);
          if (updated) {
            await audit(tx, auditContextOf(request), {
              action: 'alert.acknowledged',
              subjectType: 'alert',
              subjectId: updated.id,
            });
          }
          return updated;
        });
        if (!row) throw AppError.notFound('There is no open alert with this id.');
        return toAlert(row);
      },
    );

    app.get(
      '/api/v1/notifications',
      {
        config: { permission: 'manage:practice:any' },
        schema: {
          tags: ['alerts'],
          summary: 'The outbox: emails and SMS Hearth has queued for this practice, newest first.',
          querystring: Type.Object(
            { limit: Type.Optional(Limit) },
            { additionalProperties: false },
          ),
          response: responses({
            200: Type.Object({ items: Type.Array(Message), nextCursor: Type.Null() }),
          }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const rows = await db.withPractice(actor.practiceId, (tx) =>
          selectOutbox(tx, request.query.limit ?? 100),
        );
        return {
          items: rows.map((m) => ({
            id: m.id,
            channel: m.channel,
            recipient: m.recipient,
            subject: m.subject,
            // A message to a person may hold their reset link or sign-in code: only its recipient
            // reads it. Messages to the practice's administrators (no recipient) show in full.
            body: m.recipient === null ? m.body : null,
            createdAt: m.created_at.toISOString(),
            sentAt: m.sent_at?.toISOString() ?? null,
          })),
          nextCursor: null,
        };
      },
    );
  };
}
