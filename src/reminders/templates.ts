import { AppError } from '../platform/errors.ts';

/**
 * The only values a reminder can carry (DESIGN.md invariant 4): when, with whom, where, and the
 * reply link. There is no placeholder for anything about the client, so no template — Hearth's
 * or the practice's — can put a name, a diagnosis, a service or a note into a message.
 */
export const PLACEHOLDERS = ['date', 'time', 'clinician', 'practice', 'place', 'link'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

export interface Templates {
  emailSubject: string;
  emailBody: string;
  smsBody: string;
}

/** Hearth's wording: neutral for every kind of practice, so it never names a kind of care. */
export const DEFAULT_TEMPLATES: Templates = {
  emailSubject: 'Appointment reminder: {date} at {time}',
  emailBody: [
    'Hello,',
    '',
    'This is a reminder of your appointment with {clinician} at {practice} on {date} at {time}.',
    'Where: {place}',
    '',
    'To confirm or cancel it, open this link: {link}',
    '',
    'If you need to change it, please contact {practice}.',
  ].join('\n'),
  smsBody:
    '{practice}: reminder of your appointment with {clinician} on {date} at {time} ({place}).',
};

/** What an SMS that asks for an answer ends with (the inbound webhook reads C and X). */
export const SMS_REPLY_PROMPT = 'Reply C to confirm, X to cancel.';

/** Where a stored template may go (migration 0026's checks on reminder_settings). */
export const TEMPLATE_LIMITS: Record<keyof Templates, number> = {
  emailSubject: 200,
  emailBody: 2000,
  smsBody: 480,
};

const TOKEN = /\{([^{}]*)\}/g;

export function unknownPlaceholders(text: string): string[] {
  const found = [...text.matchAll(TOKEN)].map((m) => m[1] ?? '');
  return [...new Set(found.filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name)))];
}

/** Refuses, naming the field and the placeholder, a template that uses anything but ours. */
export function checkTemplates(templates: Partial<Record<keyof Templates, string | null>>): void {
  for (const field of Object.keys(TEMPLATE_LIMITS) as (keyof Templates)[]) {
    const text = templates[field];
    if (!text) continue;
    const unknown = unknownPlaceholders(text);
    if (unknown.length > 0) {
      throw AppError.badRequest(
        `${field}: unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; a reminder can use only ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}.`,
        'unknown_placeholder',
      );
    }
  }
}

/**
 * Fills the placeholders. Without a link (a reminder that asks for no answer, or an SMS, which is
 * answered by replying), a line about the link alone (no other placeholder) is left out rather
 * than left dangling; elsewhere {link} becomes nothing.
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  const lines = values.link
    ? template.split('\n')
    : template
        .split('\n')
        .filter((line) => !line.includes('{link}') || others(line))
        .map((line) => line.replace(/\s*\{link\}/g, ''));
  return lines
    .join('\n')
    .replace(TOKEN, (whole, name: string) =>
      (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole,
    )
    .trim();
}

const others = (line: string) => [...line.matchAll(TOKEN)].some((m) => m[1] !== 'link');

export interface RenderedEmail {
  subject: string;
  body: string;
}

export function renderEmail(
  templates: Pick<Templates, 'emailSubject' | 'emailBody'>,
  values: TemplateValues,
): RenderedEmail {
  // A subject is one line: a value can never start a header.
  const subject = renderTemplate(templates.emailSubject, { ...values, link: '' }).replace(
    /\s*[\r\n]+\s*/g,
    ' ',
  );
  return { subject, body: renderTemplate(templates.emailBody, values) };
}

export function renderSms(smsBody: string, values: TemplateValues, asksReply: boolean): string {
  const text = renderTemplate(smsBody, { ...values, link: '' });
  return asksReply ? `${text} ${SMS_REPLY_PROMPT}` : text;
}

// GSM 03.38: the basic set counts one, the extension table (escape + char) two; anything else
// makes the whole message UCS-2.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** How many SMS segments a text takes (what the carrier bills). */
export function smsSegments(text: string): number {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  // UCS-2 counts UTF-16 code units.
  return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
}

/** {date} and {time} of an instant on the client's clock ("Tuesday, January 19", "9:00 AM EST"). */
export function formatWhen(start: Date, zone: string): { date: string; time: string } {
  const date = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(start);
  const time = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  })
    .format(start)
    // ICU puts a narrow no-break space before AM/PM: outside GSM-7, it would make a text UCS-2.
    .replace(/[\u202f\u00a0]/g, ' ');
  return { date, time };
}

export const VIDEO_SESSION = 'video session';

/** The preview's values: made up, so a preview never shows anyone's data. */
export const SAMPLE_VALUES: TemplateValues = {
  date: 'Tuesday, March 9',
  time: '9:00 AM EST',
  clinician: 'Alex Rivera',
  practice: 'Riverside Practice',
  place: 'Main office',
  link: 'https://hearth.example.org/r/sample-link',
};
