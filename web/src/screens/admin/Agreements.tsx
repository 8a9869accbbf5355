import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { download } from '../../api/http.ts';
import { ErrorAlert } from '../../ui/errors.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Section } from '../../ui/Section.tsx';

export function Agreements() {
  const baa = useMutation({ mutationFn: () => download('/practice/baa.pdf', 'hearth-baa.pdf') });
  const guide = useMutation({
    mutationFn: () => download('/practice/compliance-guide', 'hearth-hipaa-compliance-guide.md'),
  });
  return (
    <>
      <PageHeader title="Agreements and guides" />
      <Stack gap="md">
        <Section
          title="Business Associate Agreement"
          description="The agreement signed when the practice was created, with the signer, time and address."
        >
          <ErrorAlert error={baa.error} />
          <Group>
            <Button variant="default" onClick={() => baa.mutate()} loading={baa.isPending}>
              Download the signed BAA (PDF)
            </Button>
          </Group>
        </Section>
        <Section
          title="HIPAA compliance guide"
          description="How to run Hearth in a HIPAA-compliant way: what Hearth does, and what stays your practice’s job."
        >
          <ErrorAlert error={guide.error} />
          <Group>
            <Button variant="default" onClick={() => guide.mutate()} loading={guide.isPending}>
              Download the guide (Markdown)
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Markdown opens in any text editor.
          </Text>
        </Section>
      </Stack>
    </>
  );
}
