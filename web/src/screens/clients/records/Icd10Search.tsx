import { Combobox, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { Icd10Code } from '../../../clinical/types.ts';
import { useIcd10Search } from './records.ts';

const CODE = /^[A-Za-z][0-9A-Za-z]{2}(\.?[0-9A-Za-z]{1,4})?$/;

/**
 * ICD-10-CM search as one types, by code (F41.1, f411) or by words (generalized anx). Arrow
 * keys and Enter choose a code from the list; Enter on a typed code sends it as it is, so the
 * server says why it cannot be a diagnosis (a category, an unknown code).
 */
export function Icd10Search({
  onChoose,
  error,
}: {
  onChoose: (code: Icd10Code | { code: string }) => void;
  error?: string | undefined;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const results = useIcd10Search(debounced);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const items = debounced ? (results.data?.items ?? []) : [];
  // While the answer for what is typed now is on its way, the earlier results stay on screen
  // (no flicker) but cannot be chosen: Enter must never pick a code for an older search.
  const stale = search.trim() !== debounced || results.isPlaceholderData;
  const choose = (c: Icd10Code | { code: string }) => {
    onChoose(c);
    setSearch('');
    combobox.closeDropdown();
  };
  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(code) => {
        const found = items.find((c) => c.code === code);
        if (found) choose(found);
      }}
    >
      <Combobox.Target>
        <TextInput
          label="Search ICD-10-CM"
          description="A code (F41.1) or words from its title (generalized anxiety). Billable codes only."
          placeholder="Code or words"
          value={search}
          error={error}
          rightSection={results.isFetching ? <Loader size={14} aria-hidden="true" /> : null}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            combobox.openDropdown();
            combobox.resetSelectedOption();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && combobox.getSelectedOptionIndex() === -1) {
              e.preventDefault();
              if (CODE.test(search.trim())) choose({ code: search.trim().toUpperCase() });
            }
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!debounced}>
        <Combobox.Options aria-label="Matching codes" mah={320} className="scroll-y">
          {items.map((c) => (
            <Combobox.Option value={c.code} key={c.code} disabled={stale}>
              <span className="icd-option">
                <span className="icd-code">{c.code}</span>
                <span>{c.description}</span>
              </span>
            </Combobox.Option>
          ))}
          {debounced && !results.isPending && items.length === 0 && (
            <Combobox.Empty>
              <Text size="sm">
                No billable code matches “{debounced}”.
                {CODE.test(debounced) ? ' Press Enter to try this code anyway.' : ''}
              </Text>
            </Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
