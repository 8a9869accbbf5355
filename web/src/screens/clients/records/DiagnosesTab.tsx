import '../../../clinical/clinical.css';
import { Stack } from '@mantine/core';
import { useSession } from '../../../session/session.tsx';
import type { ClientTabProps } from '../tabs.ts';
import { Diagnoses } from './Diagnoses.tsx';
import { Insurance } from './Insurance.tsx';

/**
 * Diagnoses and insurance, each for the roles that may see it: clinicians see diagnoses, the
 * front desk insurance, the biller and administrators both.
 */
export function DiagnosesTab({ client }: ClientTabProps) {
  const { can } = useSession();
  return (
    <Stack gap="md">
      {can('read:diagnosis:any') && <Diagnoses clientId={client.id} />}
      {can('read:insurance:any') && <Insurance clientId={client.id} />}
    </Stack>
  );
}
