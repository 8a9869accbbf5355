import { Group, Text, Title } from '@mantine/core';
import { createContext, useContext, type ReactNode } from 'react';
import { useDocumentTitle } from './title.ts';

const Nested = createContext(false);

/** Screens shown as tabs under a page's own h1 (Administration): their headings are h2. */
export function SubPage({ children }: { children: ReactNode }) {
  return <Nested.Provider value={true}>{children}</Nested.Provider>;
}

/** The screen's heading (its one h1, or an h2 inside a SubPage) and its main actions. */
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
  const nested = useContext(Nested);
  return (
    <Group justify="space-between" align="flex-end" mb="lg" gap="sm">
      <div className="page-heading">
        {/* A very long name is cut with an ellipsis; the whole of it shows on hover. */}
        <Title
          order={nested ? 2 : 1}
          size={nested ? 'h3' : 'h2'}
          className="truncate"
          title={title}
        >
          {title}
        </Title>
        {subtitle && <Text c="dimmed">{subtitle}</Text>}
      </div>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
