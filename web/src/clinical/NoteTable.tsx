import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { NoteStatusBadge } from './NoteStatusBadge.tsx';
import { useTimeZone } from '../session/time-zone.ts';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { useTemplateLabel } from './notes.ts';
import { signerText, useStaffNames } from './staff.ts';
import type { NoteHeader } from './types.ts';

/** Note headers as a table: each row opens the note. No note text is ever listed. */
export function NoteTable({
  notes,
  label,
  clientCell,
  othersAre,
}: {
  notes: NoteHeader[];
  label: string;
  /** A column naming each note's client, when the screen lists several clients' notes. */
  clientCell?: (note: NoteHeader) => ReactNode;
  /** What to call an author whose name this reader may not look up. */
  othersAre?: string;
}) {
  const templateLabel = useTemplateLabel();
  const nameOf = useStaffNames(othersAre);
  const timeZone = useTimeZone();
  return (
    <div className="table-scroll">
      <Table verticalSpacing="sm" highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Note</Table.Th>
            {clientCell && <Table.Th>Client</Table.Th>}
            <Table.Th>Date of service</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Author</Table.Th>
            <Table.Th>Signed at</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {notes.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td>
                <Link className="row-link" to={`/notes/${n.id}`}>
                  {templateLabel(n.template)}
                </Link>
              </Table.Td>
              {clientCell && <Table.Td>{clientCell(n)}</Table.Td>}
              <Table.Td className="nowrap">{formatDate(n.dateOfService)}</Table.Td>
              <Table.Td>
                <NoteStatusBadge status={n.status} />
              </Table.Td>
              <Table.Td>
                {signerText(n.authorName ?? nameOf(n.authorId), n.signature?.credentials ?? null)}
              </Table.Td>
              <Table.Td>
                {n.signature ? (
                  formatDateTime(n.signature.signedAt, timeZone)
                ) : (
                  <Text span c="dimmed" size="sm">
                    Not yet
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
