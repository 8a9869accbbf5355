import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert, fieldErrorOf } from '../ui/errors.tsx';

/** The appointment's remark (sealed in the database; clinicians and admins only). */
export function RemarkField({
  remark,
  editable,
  pending,
  error,
  onSave,
}: {
  remark: string | null;
  editable: boolean;
  pending: boolean;
  error: unknown;
  onSave: (remark: string | null) => void;
}) {
  const [text, setText] = useState(remark ?? '');
  const changed = text.trim() !== (remark ?? '');
  const field = fieldErrorOf(error, ['remark']);
  return (
    <Stack gap="xs">
      <Textarea
        label="Remark"
        description="Private to clinicians and administrators; encrypted."
        autosize
        minRows={2}
        maxLength={500}
        value={text}
        readOnly={!editable}
        onChange={(e) => setText(e.currentTarget.value)}
        error={field?.message}
      />
      {editable && changed && (
        <>
          {!field && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setText(remark ?? '')}>
              Undo
            </Button>
            <Button size="xs" loading={pending} onClick={() => onSave(text.trim() || null)}>
              Save remark
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
