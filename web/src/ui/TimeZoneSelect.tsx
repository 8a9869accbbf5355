import { Select } from '@mantine/core';
import { useMemo } from 'react';

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** IANA time zones known to this browser, searchable ("New_York", "Berlin"). */
export function TimeZoneSelect({
  value,
  onChange,
  label = 'Time zone',
  description,
  error,
}: {
  value: string;
  onChange: (zone: string) => void;
  label?: string;
  description?: string;
  error?: string | undefined;
}) {
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(value) || !value ? all : [value, ...all];
  }, [value]);
  return (
    <Select
      label={label}
      description={description}
      data={zones}
      value={value}
      onChange={(z) => z && onChange(z)}
      searchable
      allowDeselect={false}
      maxDropdownHeight={260}
      nothingFoundMessage="No such time zone"
      error={error}
    />
  );
}
