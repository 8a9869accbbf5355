import { Select, SegmentedControl, Stack, Text } from '@mantine/core';
import { useLocations } from './api.ts';
import type { Kind } from './types.ts';

/** In person (at one of the practice's locations) or telehealth. */
export function SessionFields({
  kind,
  locationId,
  onChange,
}: {
  kind: Kind;
  locationId: string | null;
  onChange: (v: { kind: Kind; locationId: string | null }) => void;
}) {
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
            onChange({ kind: k as Kind, locationId: k === 'telehealth' ? null : locationId })
          }
        />
      </div>
      {kind === 'in_person' && (
        <Select
          label="Location"
          placeholder={locations.data?.length === 0 ? 'No locations yet' : 'None'}
          data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={locationId}
          onChange={(id) => onChange({ kind, locationId: id })}
          clearable
          disabled={locations.data?.length === 0}
        />
      )}
    </Stack>
  );
}
