import '../../../clinical/clinical.css';
import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { get } from '../../../api/http.ts';
import { NoteStatusBadge } from '../../../clinical/NoteStatusBadge.tsx';
import { useTemplateLabel } from '../../../clinical/notes.ts';
import type { NoteStatus, TemplateId } from '../../../clinical/types.ts';
import { useTimeZone } from '../../../session/time-zone.ts';
import { QueryError } from '../../../ui/errors.tsx';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState, Section } from '../../../ui/Section.tsx';

interface Appointment {
  id: string;
  start: string;
  serviceCode: string;
  kind: string;
  clinician: { id: string; name: string };
}

/** GET /clients/:id/chart: one answer per role — what that role may see, nothing more. */
type Chart =
  | { view: 'front_desk'; nextAppointments: Appointment[] }
  | { view: 'billing'; nextAppointments: Appointment[]; diagnoses: ChartDiagnosis[] }
  | {
      view: 'clinical';
      nextAppointments: Appointment[];
      diagnoses: ChartDiagnosis[];
      latestNotes: {
        id: string;
        template: TemplateId;
        status: NoteStatus;
        dateOfService: string;
        author: { name: string };
      }[];
      safetyPlan: { id: string; createdAt: string } | null;
    };

interface ChartDiagnosis {
  id: string;
  code: string;
  description: string | null;
  rank: number | null;
}

function Part({ title, to, children }: { title: string; to?: string; children: ReactNode }) {
  return (
    <div>
      <Text fw={600} size="sm" mb={4}>
        {to ? (
          <Anchor component={Link} to={to} inherit>
            {title}
          </Anchor>
        ) : (
          title
        )}
      </Text>
      {children}
    </div>
  );
}

/** "At a glance" on the client's Overview: the chart in one request, shaped by role. */
export function ChartSummary({ clientId }: { clientId: string }) {
  const timeZone = useTimeZone();
  const templateLabel = useTemplateLabel();
  const chart = useQuery({
    queryKey: ['client', clientId, 'chart'],
    queryFn: () => get<Chart>(`/clients/${clientId}/chart`),
  });
  const base = `/clients/${clientId}`;
  return (
    <Section title="At a glance">
      {chart.isPending ? (
        <Loading />
      ) : chart.isError ? (
        <QueryError error={chart.error} refetch={chart.refetch} />
      ) : (
        <div className="two-columns">
          {chart.data.view !== 'front_desk' && (
            <Part title="Diagnoses" to={`${base}/records`}>
              {chart.data.diagnoses.length === 0 ? (
                <EmptyState>No active diagnosis.</EmptyState>
              ) : (
                <ul className="summary-list">
                  {chart.data.diagnoses.map((d) => (
                    <li key={d.id}>
                      <Text size="sm">
                        <span className="icd-code">{d.code}</span> {d.description}
                        {d.rank === 1 ? ' (primary)' : ''}
                      </Text>
                    </li>
                  ))}
                </ul>
              )}
            </Part>
          )}
          <Part title="Next appointments" to={`${base}/appointments`}>
            {chart.data.nextAppointments.length === 0 ? (
              <EmptyState>None booked.</EmptyState>
            ) : (
              <ul className="summary-list">
                {chart.data.nextAppointments.slice(0, 3).map((a) => (
                  <li key={a.id}>
                    <Text size="sm">
                      {formatDateTime(a.start, timeZone)} · {a.clinician.name}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </Part>
          {chart.data.view === 'clinical' && (
            <>
              <Part title="Latest notes" to={`${base}/notes`}>
                {chart.data.latestNotes.length === 0 ? (
                  <EmptyState>No notes yet.</EmptyState>
                ) : (
                  <ul className="summary-list">
                    {chart.data.latestNotes.slice(0, 3).map((n) => (
                      <li key={n.id}>
                        <Text size="sm">
                          <Anchor component={Link} to={`/notes/${n.id}`} inherit>
                            {templateLabel(n.template)}
                          </Anchor>{' '}
                          · {formatDate(n.dateOfService)} · {n.author.name}{' '}
                          <NoteStatusBadge status={n.status} />
                        </Text>
                      </li>
                    ))}
                  </ul>
                )}
              </Part>
              <Part title="Safety plan" to={`${base}/safety-plans`}>
                <Text size="sm">
                  {chart.data.safetyPlan
                    ? `Current plan written ${formatDateTime(chart.data.safetyPlan.createdAt, timeZone)}.`
                    : 'No safety plan.'}
                </Text>
              </Part>
            </>
          )}
        </div>
      )}
    </Section>
  );
}
