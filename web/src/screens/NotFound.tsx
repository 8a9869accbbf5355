import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDocumentTitle } from '../ui/title.ts';

export function NotFound() {
  useDocumentTitle('Page not found');
  return (
    <Stack gap="sm" align="flex-start">
      <Title order={1}>Page not found</Title>
      <Text>
        There is nothing at this address. It may have moved, or the link may be incomplete.
      </Text>
      <Button component={Link} to="/today" variant="light">
        Go to Today
      </Button>
    </Stack>
  );
}
