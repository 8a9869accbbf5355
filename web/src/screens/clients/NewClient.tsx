import { useNavigate } from 'react-router';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { bodyOf, EMPTY_CLIENT } from './client-form.ts';
import { ClientForm } from './ClientForm.tsx';
import { useSaveClient } from './clients.ts';

export function NewClient() {
  const navigate = useNavigate();
  const save = useSaveClient();
  return (
    <>
      <PageHeader
        title="New client"
        subtitle="Only first name, last name and date of birth are required."
      />
      <ClientForm
        initial={EMPTY_CLIENT}
        submitLabel="Add client"
        pending={save.isPending}
        error={save.error}
        withStatus={false}
        onSubmit={(values, { withClinicians }) =>
          save.mutate(bodyOf(values, { withStatus: false, withClinicians }), {
            onSuccess: (client) => void navigate(`/clients/${client.id}`),
          })
        }
        onCancel={() => void navigate('/clients')}
      />
    </>
  );
}
