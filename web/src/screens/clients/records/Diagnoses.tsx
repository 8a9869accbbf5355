import { ActionIcon, Alert, Badge, Code, Group, Menu, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Diagnosis } from '../../../clinical/types.ts';
import { useSession } from '../../../session/session.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorAlert, QueryError } from '../../../ui/errors.tsx';
import { formatDate } from '../../../ui/format.ts';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState, Section } from '../../../ui/Section.tsx';
import { AddDiagnosis } from './AddDiagnosis.tsx';
import { useDiagnoses, useDiagnosisChange, type DiagnosisChange } from './records.ts';
import { ResolveDialog } from './ResolveDialog.tsx';

/** A client's diagnoses by rank (1 = primary, as on a claim), then resolved ones. */
export function Diagnoses({ clientId }: { clientId: string }) {
  const { can } = useSession();
  const writable = can('write:diagnosis:own');
  const diagnoses = useDiagnoses(clientId);
  const change = useDiagnosisChange(clientId);
  const [resolving, setResolving] = useState<Diagnosis | null>(null);
  const [removing, setRemoving] = useState<Diagnosis | null>(null);
  const [moved, setMoved] = useState('');

  const move = (d: Diagnosis, by: -1 | 1) => {
    const rank = (d.rank ?? 1) + by;
    change.mutate(
      { kind: 'rank', id: d.id, rank },
      {
        onSuccess: () => {
          setMoved(`${d.code} is now ${rank === 1 ? 'the primary diagnosis' : `number ${rank}`}.`);
          // Keep the keyboard where it was: on the moved diagnosis, on a button still usable.
          requestAnimationFrame(() => {
            const own = document.querySelector<HTMLButtonElement>(
              `[data-move="${d.id}:${by}"]:not([disabled])`,
            );
            (
              own ?? document.querySelector<HTMLButtonElement>(`[data-move="${d.id}:${-by}"]`)
            )?.focus();
          });
        },
      },
    );
  };
  const run = (c: DiagnosisChange, done: () => void) => change.mutate(c, { onSuccess: done });

  if (diagnoses.isPending) return <Loading />;
  if (diagnoses.isError) return <QueryError error={diagnoses.error} refetch={diagnoses.refetch} />;
  const { items, codeSet } = diagnoses.data;
  const active = items.filter((d) => d.status === 'active');
  const resolved = items.filter((d) => d.status === 'resolved');
  return (
    <Section
      title="Diagnoses"
      description={`ICD-10-CM, FY${codeSet.fiscalYear} code set. The primary diagnosis comes first, as on a claim.`}
    >
      {!codeSet.current && (
        <Alert
          color="blue"
          variant="light"
          title={`The FY${codeSet.neededFiscalYear} code set is not loaded yet`}
        >
          New diagnoses use FY{codeSet.fiscalYear} codes until then.{' '}
          {/* How to load it is the server operator's business: others only learn who can. */}
          {can('manage:practice:any') ? (
            <>
              Load it on the server with <Code>hearth import-icd10</Code> and the FY
              {codeSet.neededFiscalYear} order file from CDC or CMS.
            </>
          ) : (
            'Your practice administrator can load it.'
          )}
        </Alert>
      )}
      {active.length === 0 ? (
        <EmptyState>No active diagnosis.</EmptyState>
      ) : (
        <ol className="history-list" aria-label="Active diagnoses">
          {active.map((d, i) => (
            <li key={d.id}>
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Badge
                  variant={i === 0 ? 'filled' : 'light'}
                  color={i === 0 ? 'teal' : 'gray'}
                  size="sm"
                  mt={2}
                >
                  {i === 0 ? 'Primary' : `#${d.rank}`}
                </Badge>
                <div>
                  <Text size="sm">
                    <span className="icd-code">{d.code}</span> {d.description}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {d.onsetDate ? `Onset ${formatDate(d.onsetDate)} · ` : ''}FY{d.fiscalYear} code
                  </Text>
                </div>
              </Group>
              {writable && (
                <Group gap={4} wrap="nowrap">
                  {active.length > 1 && (
                    <>
                      <ActionIcon
                        variant="default"
                        aria-label={`Move ${d.code} up`}
                        data-move={`${d.id}:-1`}
                        disabled={i === 0 || change.isPending}
                        onClick={() => move(d, -1)}
                      >
                        <span aria-hidden="true">↑</span>
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        aria-label={`Move ${d.code} down`}
                        data-move={`${d.id}:1`}
                        disabled={i === active.length - 1 || change.isPending}
                        onClick={() => move(d, 1)}
                      >
                        <span aria-hidden="true">↓</span>
                      </ActionIcon>
                    </>
                  )}
                  <DiagnosisMenu
                    d={d}
                    onResolve={() => {
                      change.reset();
                      setResolving(d);
                    }}
                    onRemove={() => {
                      change.reset();
                      setRemoving(d);
                    }}
                  />
                </Group>
              )}
            </li>
          ))}
        </ol>
      )}
      <Text
        role="status"
        size="sm"
        c="dimmed"
        className={moved ? undefined : 'visually-hidden-label'}
      >
        {moved}
      </Text>
      {!resolving && !removing && <ErrorAlert error={change.error} />}
      {writable && <AddDiagnosis clientId={clientId} />}
      {resolved.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm" mt="sm">
            Resolved
          </Text>
          <ul className="history-list" aria-label="Resolved diagnoses">
            {resolved.map((d) => (
              <li key={d.id}>
                <div>
                  <Text size="sm">
                    <span className="icd-code">{d.code}</span> {d.description}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Resolved {d.resolvedOn ? formatDate(d.resolvedOn) : ''}
                  </Text>
                </div>
                {writable && (
                  <DiagnosisMenu
                    d={d}
                    onReopen={() => change.mutate({ kind: 'reopen', id: d.id })}
                    onRemove={() => {
                      change.reset();
                      setRemoving(d);
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        </Stack>
      )}
      <ResolveDialog
        diagnosis={resolving}
        pending={change.isPending}
        error={change.error}
        onResolve={(d, resolvedOn) =>
          run({ kind: 'resolve', id: d.id, resolvedOn }, () => setResolving(null))
        }
        onClose={() => setResolving(null)}
      />
      <ConfirmDialog
        opened={removing !== null}
        title={`Remove ${removing?.code ?? ''}?`}
        confirmLabel="Remove, entered in error"
        danger
        pending={change.isPending}
        error={change.error}
        onConfirm={() =>
          removing && run({ kind: 'remove', id: removing.id }, () => setRemoving(null))
        }
        onClose={() => setRemoving(null)}
      >
        Only for a diagnosis entered in error: it disappears from the chart and from claims, and the
        ranks close up. Hearth keeps a record that it had been entered. A diagnosis that no longer
        applies should be resolved instead.
      </ConfirmDialog>
    </Section>
  );
}

function DiagnosisMenu({
  d,
  onResolve,
  onReopen,
  onRemove,
}: {
  d: Diagnosis;
  onResolve?: () => void;
  onReopen?: () => void;
  onRemove: () => void;
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`More for ${d.code}`}>
          <span aria-hidden="true">⋯</span>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {onResolve && <Menu.Item onClick={onResolve}>Resolve…</Menu.Item>}
        {onReopen && <Menu.Item onClick={onReopen}>Reopen</Menu.Item>}
        <Menu.Divider />
        <Menu.Item color="red" onClick={onRemove}>
          Remove (entered in error)…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
