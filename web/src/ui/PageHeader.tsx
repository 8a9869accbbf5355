import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useDocumentTitle } from './title.ts';

/** The screen's heading (its one h1) and its main actions. */
export function PageHeader({
  title,
  documentTitle,
  subtitle,
  actions,
}: {
  title: string;
  /** The browser tab's title when `title` is PHI (a client's name): tab titles end up in the
   * browser's history, on a computer others may use. */
  documentTitle?: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  useDocumentTitle(documentTitle ?? title);
  return (
    <Group justify="space-between" align="flex-end" mb="lg" gap="sm">
      <div className="page-heading">
        {/* A very long name is cut with an ellipsis; the whole of it shows on hover. */}
        <Title order={1} size="h2" className="truncate" title={title}>
          {title}
        </Title>
        {subtitle && <Text c="dimmed">{subtitle}</Text>}
      </div>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
