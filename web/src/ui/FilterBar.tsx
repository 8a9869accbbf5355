import { Button, Group, TextInput } from '@mantine/core';

/** The From / To dates of a filtered list (audit log, delivery log): `YYYY-MM-DD` or ''. */
export function DateRangeFilter({
  from,
  to,
  onChange,
}: {
  from: string;
  to: string;
  onChange: (field: 'from' | 'to', value: string) => void;
}) {
  return (
    <>
      <TextInput
        label="From"
        type="date"
        value={from}
        onChange={(e) => onChange('from', e.currentTarget.value)}
      />
      <TextInput
        label="To"
        type="date"
        value={to}
        onChange={(e) => onChange('to', e.currentTarget.value)}
      />
    </>
  );
}

/** Puts a list's filters back to none; off while none is set. */
export function ClearFilters<F extends object>({
  filters,
  empty,
  onClear,
}: {
  filters: F;
  empty: F;
  onClear: () => void;
}) {
  return (
    <Group mb="md">
      <Button
        variant="subtle"
        size="xs"
        onClick={onClear}
        disabled={JSON.stringify(filters) === JSON.stringify(empty)}
      >
        Clear filters
      </Button>
    </Group>
  );
}
