import { Alert, type AlertProps } from '@mantine/core';
import './scheduling.css';

/**
 * A warning that does not stop anything (outside working hours, sessions in new time off): the
 * theme's yellow text is too light on its tint (2.6:1), so the text is darkened to 7:1.
 */
export function GentleWarning(props: Omit<AlertProps, 'color' | 'variant'>) {
  return (
    <Alert
      {...props}
      color="yellow"
      variant="light"
      classNames={{
        root: 'gentle-warning',
        title: 'gentle-warning-title',
        message: 'gentle-warning-message',
      }}
    />
  );
}
