import { Select, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useLocations } from './api.ts';
import type { Kind } from './types.ts';

export interface SessionValue {
  kind: Kind;
  locationId: string | null;
  /** The meeting link of a telehealth session ('' for none). */
  telehealthUrl: string;
}

/** What the server takes as a meeting link: https, no spaces, at most 500 characters. */
export function checkLink(v: SessionValue): string | undefined {
  const link = v.telehealthUrl.trim();
  if (v.kind !== 'telehealth' || link === '') return undefined;
  if (!/^https:\/\/\S+$/.test(link) || link.length > 500)
    return 'Enter the meeting link as it starts, with https://.';
  return undefined;
}

/** In person (at one of the practice's locations) or telehealth, with its meeting link. */
export function SessionFields({
  value,
  onChange,
  linkError,
}: {
  value: SessionValue;
  onChange: (v: SessionValue) => void;
  linkError?: string | undefined;
}) {
  const { kind, locationId } = value;
  const locations = useLocations();
  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={500} id="session-kind-label" mb={4}>
          Session
        </Text>
        <SegmentedControl
          aria-labelledby="session-kind-label"
          data={[
            { value: 'in_person', label: 'In person' },
            { value: 'telehealth', label: 'Telehealth' },
          ]}
          value={kind}
          onChange={(k) =>
            onChange({
              ...value,
              kind: k as Kind,
              locationId: k === 'telehealth' ? null : locationId,
            })
          }
        />
      </div>
      {kind === 'in_person' && (
        <Select
          label="Location"
          placeholder={locations.data?.length === 0 ? 'No locations yet' : 'None'}
          data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={locationId}
          onChange={(id) => onChange({ ...value, locationId: id })}
          clearable
          disabled={locations.data?.length === 0}
        />
      )}
      {kind === 'telehealth' && (
        <TextInput
          label="Meeting link"
          type="url"
          placeholder="https://"
          maxLength={500}
          value={value.telehealthUrl}
          onChange={(e) => onChange({ ...value, telehealthUrl: e.currentTarget.value })}
          error={linkError}
        />
      )}
    </Stack>
  );
}
