import { Stack, Text } from '@mantine/core';
import type { Note, Signature } from '../../clinical/types.ts';
import { signerText, useStaffNames } from '../../clinical/staff.ts';
import { useTimeZone } from '../../session/time-zone.ts';
import { formatDateTime } from '../../ui/format.ts';

/** The first and last characters of a SHA-256: enough to compare by eye, full on hover. */
export function ShortHash({ sha256 }: { sha256: string }) {
  return (
    <span className="hash" title={sha256}>
      {sha256.slice(0, 8)}…{sha256.slice(-8)}
      <span className="visually-hidden-label"> (SHA-256 {sha256})</span>
    </span>
  );
}

function SignatureLine({ label, signature }: { label: string; signature: Signature }) {
  const nameOf = useStaffNames();
  const timeZone = useTimeZone();
  return (
    <div className="signature-block">
      <Text size="sm" fw={600}>
        {label}: {signerText(signature.name ?? nameOf(signature.signedBy), signature.credentials)}
      </Text>
      <Text size="sm">{formatDateTime(signature.signedAt, timeZone)}</Text>
      <Text size="xs" c="dimmed">
        Content hash <ShortHash sha256={signature.sha256} />
      </Text>
    </div>
  );
}

/** Who signed the note, when, over what content; and the co-signature's state. */
export function Signatures({ note }: { note: Note }) {
  if (!note.signature) return null;
  return (
    <Stack gap="sm">
      <SignatureLine label="Signed" signature={note.signature} />
      {note.cosignature ? (
        <SignatureLine label="Co-signed" signature={note.cosignature} />
      ) : (
        note.cosignRequired && (
          <div className="signature-block pending">
            <Text size="sm" fw={600}>
              Co-signature: waiting
            </Text>
            <Text size="sm">The author’s supervisor co-signs this note next.</Text>
          </div>
        )
      )}
    </Stack>
  );
}
