import { Stack, Text } from '@mantine/core';
import { ROLE_LABELS } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Section } from '../../ui/Section.tsx';
import { ChangePassword } from './ChangePassword.tsx';
import { MfaDevices } from './MfaDevices.tsx';
import { Sessions } from './Sessions.tsx';
import { DigestEmail } from './DigestEmail.tsx';
import { MySchedule } from './schedule/MySchedule.tsx';

export function Account() {
  const { me, canAny } = useSession();
  return (
    <>
      <PageHeader title="My account" />
      <Stack gap="md">
        <Section title="Profile">
          <dl className="field-list">
            <div className="field-row">
              <dt>Name</dt>
              <dd>{me.user.name}</dd>
            </div>
            <div className="field-row">
              <dt>Email</dt>
              <dd>{me.user.email}</dd>
            </div>
            <div className="field-row">
              <dt>Role</dt>
              <dd>{ROLE_LABELS[me.user.role]}</dd>
            </div>
          </dl>
          <Text size="xs" c="dimmed">
            Your administrator changes your name, email and role.
          </Text>
        </Section>
        <MySchedule />
        {canAny(['read:note:own', 'cosign:note:supervisee']) && <DigestEmail />}
        <ChangePassword />
        <MfaDevices />
        <Sessions />
      </Stack>
    </>
  );
}
