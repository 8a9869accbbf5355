import { Type, type Static } from 'typebox';
import { PLACEHOLDERS, TEMPLATE_LIMITS } from './templates.ts';

const Uuid = Type.String({ format: 'uuid' });
const Clock = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'Local wall-clock time, HH:MM (24 h), in the client’s time zone.',
});
const Template = (max: number) =>
  Type.Union([Type.String({ minLength: 1, maxLength: max, pattern: '\\S' }), Type.Null()], {
    description: `The practice’s own wording (null: Hearth’s). Placeholders: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}.`,
  });
const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms')]);
const Kind = Type.Union([Type.Literal('in_person'), Type.Literal('telehealth')]);

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const Settings = Type.Object(
  {
    quietStart: Clock,
    quietEnd: Clock,
    lateCancelHours: Type.Integer({ minimum: 0, maximum: 336 }),
    emailSubject: Template(TEMPLATE_LIMITS.emailSubject),
    emailBody: Template(TEMPLATE_LIMITS.emailBody),
    smsBody: Template(TEMPLATE_LIMITS.smsBody),
    failureAlertPercent: Type.Integer({ minimum: 1, maximum: 100 }),
    digestNoteDays: Type.Integer({ minimum: 1, maximum: 60 }),
  },
  { additionalProperties: false },
);
export type Settings = Static<typeof Settings>;

export const SettingsPatch = Type.Partial(Settings, {
  additionalProperties: false,
  minProperties: 1,
});
export type SettingsPatch = Static<typeof SettingsPatch>;

export const Rule = Type.Object(
  {
    id: Type.String(),
    offsetMinutes: Type.Integer(),
    channels: Type.Array(Channel),
    kinds: Type.Array(Kind),
    askConfirmation: Type.Boolean(),
    enabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type Rule = Static<typeof Rule>;

const ruleFields = {
  offsetMinutes: Type.Integer({
    minimum: 15,
    maximum: 43200,
    description: 'Minutes before the start: 15 minutes to 30 days.',
  }),
  channels: Type.Array(Channel, { minItems: 1, maxItems: 2, uniqueItems: true }),
  kinds: Type.Array(Kind, { minItems: 1, maxItems: 2, uniqueItems: true }),
  askConfirmation: Type.Boolean(),
  enabled: Type.Boolean(),
};

export const NewRule = Type.Object(
  {
    offsetMinutes: ruleFields.offsetMinutes,
    channels: ruleFields.channels,
    kinds: Type.Optional(ruleFields.kinds),
    askConfirmation: Type.Optional(ruleFields.askConfirmation),
    enabled: Type.Optional(ruleFields.enabled),
  },
  { additionalProperties: false },
);
export type NewRule = Static<typeof NewRule>;

export const RulePatch = Type.Partial(Type.Object(ruleFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type RulePatch = Static<typeof RulePatch>;

const Texts = Type.Object(
  { emailSubject: Type.String(), emailBody: Type.String(), smsBody: Type.String() },
  { additionalProperties: false },
);

export const SettingsAnswer = Type.Object(
  {
    settings: Settings,
    rules: Type.Array(Rule),
    defaults: Texts,
    placeholders: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type SettingsAnswer = Static<typeof SettingsAnswer>;

export const PreviewBody = Type.Object(
  {
    emailSubject: Type.Optional(
      Type.String({ minLength: 1, maxLength: TEMPLATE_LIMITS.emailSubject }),
    ),
    emailBody: Type.Optional(Type.String({ minLength: 1, maxLength: TEMPLATE_LIMITS.emailBody })),
    smsBody: Type.Optional(Type.String({ minLength: 1, maxLength: TEMPLATE_LIMITS.smsBody })),
  },
  { additionalProperties: false },
);
export type PreviewBody = Static<typeof PreviewBody>;

export const PreviewAnswer = Type.Object(
  {
    email: Type.Object(
      { subject: Type.String(), body: Type.String() },
      { additionalProperties: false },
    ),
    sms: Type.Object(
      { body: Type.String(), segments: Type.Integer() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const Preferences = Type.Object(
  {
    emailReminders: Type.Boolean(),
    smsReminders: Type.Boolean(),
    smsConsent: Type.Union([
      Type.Object(
        { at: Type.String({ format: 'date-time' }), byName: Type.String() },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    timeZone: Type.Union([Type.String(), Type.Null()]),
    hasEmail: Type.Boolean(),
    phone: Type.Union([Type.Literal('ok'), Type.Literal('missing'), Type.Literal('invalid')]),
    optedOut: Type.Boolean({
      description: 'The number answered STOP: it gets no texts until START.',
    }),
  },
  { additionalProperties: false },
);
export type Preferences = Static<typeof Preferences>;

export const PreferencesBody = Type.Object(
  {
    emailReminders: Type.Boolean(),
    smsReminders: Type.Boolean(),
    smsConsent: Type.Boolean({
      description:
        'True records consent to texts now, by the caller (kept if already given); false clears it.',
    }),
    timeZone: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type PreferencesBody = Static<typeof PreferencesBody>;

export const AppointmentReminders = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          channel: Channel,
          dueAt: Type.String({ format: 'date-time' }),
          status: Type.Union([
            Type.Literal('pending'),
            Type.Literal('queued'),
            Type.Literal('withdrawn'),
            Type.Literal('skipped'),
          ]),
          statusDetail: Type.Union([Type.String(), Type.Null()]),
          delivery: Type.Union([
            Type.Object(
              {
                status: Type.String(),
                at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
                reason: Type.Union([Type.String(), Type.Null()]),
              },
              { additionalProperties: false },
            ),
            Type.Null(),
          ]),
          reply: Type.Union([
            Type.Literal('confirmed'),
            Type.Literal('cancelled'),
            Type.Literal('late_cancelled'),
            Type.Null(),
          ]),
          repliedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type AppointmentReminders = Static<typeof AppointmentReminders>;
