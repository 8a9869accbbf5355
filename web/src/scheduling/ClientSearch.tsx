import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, query } from '../api/http.ts';
import type { ClientSummary, Page } from '../api/types.ts';
import { clientName } from '../ui/format.ts';

export interface ChosenClient {
  id: string;
  name: string;
}

/** Find a client by typing part of a name (GET /clients?search=), for a booking. */
export function ClientSearch({
  value,
  onChange,
  error,
  autoFocus,
}: {
  value: ChosenClient | null;
  onChange: (client: ChosenClient | null) => void;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  const [search, setSearch] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const typing = debounced.length > 0 && debounced !== value?.name;
  const found = useQuery({
    queryKey: ['clients', 'booking-search', debounced],
    queryFn: () =>
      get<Page<ClientSummary>>(
        `/clients${query({ search: debounced, status: 'active', limit: 10 })}`,
      ),
    enabled: typing,
  });
  const options = (found.data?.items ?? []).map((c) => ({ value: c.id, label: clientName(c) }));
  const data =
    value && !options.some((o) => o.value === value.id)
      ? [{ value: value.id, label: value.name }, ...options]
      : options;
  return (
    <Select
      label="Client"
      placeholder="Type a name"
      required
      searchable
      data={data}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => onChange(id ? { id, name: option.label } : null)}
      nothingFoundMessage={
        !debounced
          ? 'Type a name'
          : found.isFetching
            ? 'Searching…'
            : 'No active client by that name'
      }
      filter={({ options: o }) => o}
      error={error}
      data-autofocus={autoFocus || undefined}
    />
  );
}
