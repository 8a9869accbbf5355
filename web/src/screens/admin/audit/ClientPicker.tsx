import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, query } from '../../../api/http.ts';
import type { ClientSummary, Page } from '../../../api/types.ts';
import { clientName } from '../../../ui/format.ts';

/** Pick a client by typing their name (for filters). */
export function ClientPicker({
  value,
  onChange,
  label = 'Client',
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  label?: string;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const found = useQuery({
    queryKey: ['clients', 'picker', debounced],
    queryFn: () => get<Page<ClientSummary>>(`/clients${query({ search: debounced, limit: 10 })}`),
    enabled: debounced.length > 0,
  });
  const options = (found.data?.items ?? []).map((c) => ({ value: c.id, label: clientName(c) }));
  const data =
    chosen && !options.some((o) => o.value === chosen.value) ? [chosen, ...options] : options;
  return (
    <Select
      label={label}
      placeholder="Any client"
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        setChosen(id ? { value: id, label: option.label } : null);
        onChange(id);
      }}
      nothingFoundMessage={debounced ? 'No client by that name' : 'Type a name'}
      filter={({ options: o }) => o}
    />
  );
}
