import { renderTextPdf, type Block } from '../../platform/pdf/text-pdf.ts';
import { templateOf, type CONTACT_TYPES } from '../drafts/templates.ts';
import type { Signature } from '../schemas.ts';
import type { OpenedNote } from '../service.ts';
import type { Static } from 'typebox';

type Sig = Static<typeof Signature>;

const CHOICES: Record<(typeof CONTACT_TYPES)[number], string> = {
  phone: 'Phone call',
  video: 'Video call',
  in_person: 'In person',
  email: 'Email',
  text_message: 'Text message',
  collateral: 'Collateral contact',
  other: 'Other',
};

const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));

const day = (date: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** "Electronically signed by Alex Morgan, LMSW on Dec 7, 2026, 2:05 PM EST" and its hash. */
function signatureBlocks(label: string, sig: Sig, timeZone: string): Block[] {
  const who = sig.credentials ? `${sig.name ?? 'Unknown'}, ${sig.credentials}` : (sig.name ?? '');
  return [
    { kind: 'text', text: `${label} by ${who} on ${when(sig.signedAt, timeZone)}` },
    { kind: 'small', text: `Content fingerprint (SHA-256): ${sig.sha256}` },
  ];
}

function fieldText(kind: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (kind === 'choice') return CHOICES[value as keyof typeof CHOICES] ?? String(value);
  if (kind === 'date') return day(String(value));
  if (kind === 'list') return (value as string[]).map((v) => `• ${v}`).join('\n');
  return String(value);
}

type Problem = {
  description: string;
  goals: string[];
  objectives: string[];
  interventions: string[];
};

function problemBlocks(problems: Problem[]): Block[] {
  return problems.flatMap((p, i) => [
    { kind: 'label', text: `Problem ${i + 1}: ${p.description}` } as Block,
    ...(['goals', 'objectives', 'interventions'] as const).map((k): Block => ({
      kind: 'text',
      text: `${k[0]!.toUpperCase()}${k.slice(1)}:\n${p[k].map((v) => `• ${v}`).join('\n') || '—'}`,
    })),
  ]);
}

/**
 * A signed note as a PDF for the record: who and when, every field of its template in order,
 * and the signature block — signer, co-signer, addenda — with the content fingerprints that
 * the note's history can be checked against.
 */
export async function renderNotePdf(
  opened: OpenedNote & { client: { dateOfBirth: string }; timeZone: string },
): Promise<Uint8Array> {
  const { note, names, client, timeZone } = opened;
  const template = templateOf(note.template);
  const blocks: Block[] = [
    { kind: 'title', text: template.label },
    {
      kind: 'text',
      text: `Client: ${names.client_name} (date of birth ${day(client.dateOfBirth)})\nDate of service: ${day(note.dateOfService)}\nClinician: ${names.author_name}`,
    },
  ];
  for (const spec of template.fields) {
    const value = note.fields[spec.name];
    if (spec.kind === 'problems') {
      blocks.push(
        { kind: 'heading', text: spec.label },
        ...problemBlocks((value as Problem[]) ?? []),
      );
    } else {
      blocks.push(
        { kind: 'label', text: spec.label },
        { kind: 'text', text: fieldText(spec.kind, value) },
      );
    }
  }
  blocks.push({ kind: 'heading', text: 'Signature' });
  if (note.signature)
    blocks.push(...signatureBlocks('Electronically signed', note.signature, timeZone));
  if (note.cosignature) {
    blocks.push(...signatureBlocks('Co-signed', note.cosignature, timeZone));
  } else if (note.cosignRequired) {
    blocks.push({ kind: 'text', text: 'Co-signature: waiting for the author’s supervisor.' });
  }
  for (const [i, a] of note.addenda.entries()) {
    blocks.push(
      { kind: 'heading', text: `Addendum ${i + 1}` },
      { kind: 'text', text: a.text },
      ...signatureBlocks('Signed', a.signature, timeZone),
    );
  }
  return renderTextPdf({
    title: `${template.label} — ${names.client_name} — ${note.dateOfService}`,
    footer: `${names.client_name} · ${template.label} · ${note.dateOfService} · confidential health information`,
    blocks,
  });
}
