import { Type } from 'typebox';
import { AppError } from '../platform/errors.ts';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { auditContextOf, actorOf } from '../auth/index.ts';
import {
  AppointmentReminders,
  IdParams,
  NewRule,
  Preferences,
  PreferencesBody,
  PreviewAnswer,
  PreviewBody,
  Rule,
  RulePatch,
  SettingsAnswer,
  SettingsPatch,
} from './schemas.ts';
import {
  changeReminderRule,
  createReminderRule,
  deleteReminderRule,
  previewReminder,
  readReminderSettings,
  updateReminderSettings,
} from './settings.ts';
import { readContactPreferences, writeContactPreferences } from './preferences.ts';
import { listAppointmentReminders } from './appointment-reminders.ts';

const tags = ['reminders'];
const ADMIN = { permission: 'manage:practice:any' } as const;

export function reminderRoutes({ db, numbers }: FeatureDeps) {
  const digester = () => {
    if (!numbers) throw AppError.unavailable('Phone numbers cannot be checked on this server.');
    return numbers;
  };
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/reminder-settings',
      {
        config: ADMIN,
        schema: {
          tags,
          summary: 'Reminder settings and rules, with Hearth’s default wording.',
          response: responses({ 200: SettingsAnswer }),
        },
      },
      async (request) => readReminderSettings(db, actorOf(request)),
    );

    app.put(
      '/api/v1/reminder-settings',
      {
        config: ADMIN,
        schema: {
          tags,
          summary:
            'Change reminder settings (fields given); quiet hours re-plan pending reminders.',
          body: SettingsPatch,
          response: responses({ 200: SettingsAnswer }),
        },
      },
      async (request) =>
        updateReminderSettings(db, actorOf(request), request.body, auditContextOf(request)),
    );

    app.post(
      '/api/v1/reminder-settings/preview',
      {
        config: ADMIN,
        schema: {
          tags,
          summary: 'Render reminder templates with sample values.',
          body: PreviewBody,
          response: responses({ 200: PreviewAnswer }),
        },
      },
      async (request) => previewReminder(request.body),
    );

    app.post(
      '/api/v1/reminder-rules',
      {
        config: ADMIN,
        schema: {
          tags,
          summary: 'Add a reminder rule: future appointments get its reminders at once.',
          body: NewRule,
          response: responses({ 201: Rule }),
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await createReminderRule(db, actorOf(request), request.body, auditContextOf(request)),
          ),
    );

    app.patch(
      '/api/v1/reminder-rules/:id',
      {
        config: ADMIN,
        schema: {
          tags,
          summary: 'Change a reminder rule.',
          params: IdParams,
          body: RulePatch,
          response: responses({ 200: Rule }),
        },
      },
      async (request) =>
        changeReminderRule(
          db,
          actorOf(request),
          request.params.id,
          request.body,
          auditContextOf(request),
        ),
    );

    app.delete(
      '/api/v1/reminder-rules/:id',
      {
        config: ADMIN,
        schema: {
          tags,
          summary: 'Remove a reminder rule: its pending reminders are withdrawn.',
          params: IdParams,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        await deleteReminderRule(db, actorOf(request), request.params.id, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/clients/:id/contact-preferences',
      {
        config: { permission: ['read:client:any', 'read:client:own'] },
        schema: {
          tags,
          summary: 'A client’s reminder channels, consent to texts and time zone.',
          params: IdParams,
          response: responses({ 200: Preferences }),
        },
      },
      async (request) =>
        readContactPreferences(
          db,
          digester(),
          actorOf(request),
          request.params.id,
          auditContextOf(request),
        ),
    );

    app.put(
      '/api/v1/clients/:id/contact-preferences',
      {
        config: { permission: ['write:client:any', 'write:client:own'] },
        schema: {
          tags,
          summary: 'Set a client’s reminder channels, consent to texts and time zone.',
          params: IdParams,
          body: PreferencesBody,
          response: responses({ 200: Preferences }),
        },
      },
      async (request) =>
        writeContactPreferences(
          db,
          digester(),
          actorOf(request),
          request.params.id,
          request.body,
          auditContextOf(request),
        ),
    );

    app.get(
      '/api/v1/appointments/:id/reminders',
      {
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary: 'An appointment’s reminders and what became of each.',
          params: IdParams,
          response: responses({ 200: AppointmentReminders }),
        },
      },
      async (request) =>
        listAppointmentReminders(db, actorOf(request), request.params.id, auditContextOf(request)),
    );
  };
}
