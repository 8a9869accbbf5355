import '../../../clinical/clinical.css';
import { ActionIcon, Button, Group, Menu, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { download } from '../../../api/http.ts';
import type { ClientDocument } from '../../../clinical/types.ts';
import { useSession } from '../../../session/session.tsx';
import { useTimeZone } from '../../../session/time-zone.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorAlert, QueryError } from '../../../ui/errors.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState, Section } from '../../../ui/Section.tsx';
import type { ClientTabProps } from '../tabs.ts';
import { fileSize, TYPE_LABELS, useDeleteDocument, useDocuments } from './documents.ts';
import { PreviewDialog } from './PreviewDialog.tsx';
import { UploadZone } from './UploadZone.tsx';

/** A client's documents: upload with progress, preview PDFs and images, download, delete. */
export function DocumentsTab({ client }: ClientTabProps) {
  const { can } = useSession();
  const timeZone = useTimeZone();
  const documents = useDocuments(client.id);
  const remove = useDeleteDocument(client.id);
  const [open, setOpen] = useState<ClientDocument | null>(null);
  const [deleting, setDeleting] = useState<ClientDocument | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const writable = can('write:document:own');
  const save = (d: ClientDocument) => {
    setDownloadError(null);
    download(`/documents/${d.id}/content?download=true`, d.name).catch(setDownloadError);
  };
  return (
    <Section title="Documents" description="Intake forms, letters, scans — newest first.">
      {writable && <UploadZone clientId={client.id} />}
      <ErrorAlert error={downloadError} />
      {documents.isPending ? (
        <Loading />
      ) : documents.isError ? (
        <QueryError error={documents.error} refetch={documents.refetch} />
      ) : documents.data.items.length === 0 ? (
        <EmptyState>No documents yet.</EmptyState>
      ) : (
        <div className="table-scroll">
          <Table verticalSpacing="sm" aria-label="Documents">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>Uploaded</Table.Th>
                <Table.Th>
                  <span className="visually-hidden-label">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Text size="sm" fw={600} className="mono-wrap">
                      {d.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{TYPE_LABELS[d.contentType]}</Table.Td>
                  <Table.Td className="nowrap">{fileSize(d.size)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(d.uploadedAt, timeZone)}</Text>
                    <Text size="xs" c="dimmed">
                      by {d.uploadedBy.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {d.preview ? (
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => setOpen(d)}
                          aria-label={`Preview ${d.name}`}
                        >
                          Preview
                        </Button>
                      ) : null}
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => save(d)}
                        aria-label={`Download ${d.name}`}
                      >
                        Download
                      </Button>
                      {writable && (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`More for ${d.name}`}
                            >
                              <span aria-hidden="true">⋯</span>
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item
                              color="red"
                              onClick={() => {
                                remove.reset();
                                setDeleting(d);
                              }}
                            >
                              Delete…
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <PreviewDialog doc={open} onClose={() => setOpen(null)} onDownload={save} />
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? ''}?`}
        confirmLabel="Delete for good"
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
        }
        onClose={() => setDeleting(null)}
      >
        Its encryption keys are destroyed at once: it cannot be recovered. The audit trail keeps
        that it existed and who deleted it.
      </ConfirmDialog>
    </Section>
  );
}
