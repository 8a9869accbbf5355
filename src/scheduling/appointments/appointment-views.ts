import type { Tx } from '../../platform/db/database.ts';
import type { FieldCipher } from '../../platform/crypto/field.ts';
import { hasPermission } from '../../auth/index.ts';
import type { AppointmentRow } from './appointment-queries.ts';
import { isoString, localOf, toInstant } from '../time.ts';

/**
 * Minimum necessary, per role. Everyone who reads the schedule gets the client's name, the
 * times, the status and the service code. The remark — the one free text on an appointment,
 * sealed in the database — goes only to clinicians and admins (the roles that read clients in
 * their own care); the front desk and billers never receive it, not even as an empty key.
 */
export function seesRemark(role: string): boolean {
  return hasPermission(role, 'read:client:own');
}

/** What every role sees. Built field by field, so a new column never leaks by accident. */
export function deskView(row: AppointmentRow) {
  const start = toInstant(row.start_at);
  const end = toInstant(row.end_at);
  return {
    id: row.id,
    clientId: row.client_id,
    client: {
      id: row.client_id,
      firstName: row.first_name,
      lastName: row.last_name,
      preferredName: row.preferred_name,
    },
    clinicianId: row.clinician_id,
    start: isoString(start),
    end: isoString(end),
    timeZone: row.time_zone,
    localStart: localOf(start, row.time_zone),
    localEnd: localOf(end, row.time_zone),
    kind: row.kind,
    location: row.location_id ? { id: row.location_id, name: row.location_name ?? '' } : null,
    telehealthUrl: row.telehealth_url,
    serviceCode: row.service_code,
    status: row.status,
    statusReason: row.status_reason,
    seriesId: row.series_id,
    seriesRule: row.series_rule,
    detached: row.detached,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedBy: row.updated_by,
    updatedVia: row.updated_via,
    updatedAt: row.updated_at.toISOString(),
  };
}

export type DeskView = ReturnType<typeof deskView>;
export type ClinicalView = DeskView & { remark: string | null };
export type AppointmentView = DeskView | ClinicalView;

export async function viewFor(
  tx: Tx,
  fields: FieldCipher,
  role: string,
  row: AppointmentRow,
): Promise<AppointmentView> {
  const desk = deskView(row);
  if (!seesRemark(role)) return desk;
  const remark = row.remark
    ? await fields.open(tx, { table: 'appointments', column: 'remark', rowId: row.id }, row.remark)
    : null;
  return { ...desk, remark };
}
