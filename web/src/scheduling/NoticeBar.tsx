import { CloseButton, Group, Text } from '@mantine/core';
import { GentleWarning } from './GentleWarning.tsx';
import './scheduling.css';
import type { Notice } from './notice.ts';

/** The outcome of the last booking or change, where the person is looking; dismissable. */
export function NoticeBar({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  return (
    <div role="status" aria-live="polite">
      {notice &&
        (notice.warning ? (
          <GentleWarning
            title={notice.message}
            mb="sm"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={onDismiss}
          >
            {notice.warning}
          </GentleWarning>
        ) : (
          <Group gap="xs" mb="sm" className="notice-line">
            <Text c="teal.9" fw={500} size="sm">
              {notice.message}
            </Text>
            <CloseButton size="sm" aria-label="Dismiss" onClick={onDismiss} />
          </Group>
        ))}
    </div>
  );
}
