import './reminders.css';
import { Stack } from '@mantine/core';
import { QueryError } from '../../../ui/errors.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { useReminderSettings } from './api.ts';
import { PoliciesForm } from './PoliciesForm.tsx';
import { RulesSection } from './RulesSection.tsx';
import { TemplatesForm } from './TemplatesForm.tsx';

/** Administration → Reminders: when they go, the practice's timing rules, and their words. */
export function Reminders() {
  const settings = useReminderSettings();
  return (
    <>
      <PageHeader
        title="Reminders"
        subtitle="Appointment reminders by email and text. They carry the date, time, clinician and place only."
      />
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <QueryError error={settings.error} refetch={settings.refetch} />
      ) : (
        <Stack gap="md">
          <RulesSection rules={settings.data.rules} />
          <PoliciesForm settings={settings.data.settings} />
          <TemplatesForm answer={settings.data} />
        </Stack>
      )}
    </>
  );
}
