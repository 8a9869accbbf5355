import { Alert, Button, Text } from '@mantine/core';
import type { NoteTemplate } from '../../clinical/types.ts';
import type { Draft } from './autosave.ts';
import { NoteContent } from './NoteContent.tsx';

/** What was typed but could not be saved (a conflict, a note signed elsewhere): kept to copy. */
export function UnsavedText({
  template,
  draft,
  onDismiss,
}: {
  template: NoteTemplate;
  draft: Draft;
  onDismiss: () => void;
}) {
  return (
    <Alert color="blue" variant="light" title="Your unsaved text" mb="md">
      <Text size="sm" mb="sm">
        The note below is the saved one. This is what you had typed, so you can copy what you need.
      </Text>
      <NoteContent template={template} fields={draft.fields} />
      <Button size="xs" variant="default" mt="sm" onClick={onDismiss}>
        I have what I need — dismiss
      </Button>
    </Alert>
  );
}
