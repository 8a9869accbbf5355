import { Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** **bold** spans within a line of text, as React elements (never as HTML). */
function inline(text: string): ReactNode[] {
  return text
    .split(/(\*\*[^*]+\*\*)/g)
    .map((part, i) =>
      part.startsWith('**') && part.endsWith('**') ? (
        <strong key={i}>{part.slice(2, -2)}</strong>
      ) : (
        part
      ),
    );
}

/**
 * The little Markdown Hearth's own documents use (the BAA): headings, paragraphs whose lines
 * are wrapped in the source, and bold. Anything else is shown as text.
 */
export function SimpleMarkdown({ source }: { source: string }) {
  const blocks = source
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <>
      {blocks.map((block, i) => {
        const heading = /^(#{1,3})\s+(.*)$/s.exec(block);
        if (heading) {
          return (
            <Title
              key={i}
              order={3}
              size={heading[1]!.length === 1 ? 'h5' : 'h6'}
              mt={i === 0 ? 0 : 'sm'}
              mb={4}
            >
              {inline(heading[2]!.replace(/\s*\n\s*/g, ' '))}
            </Title>
          );
        }
        return (
          <Text key={i} size="sm" mb="xs">
            {inline(block.replace(/\s*\n\s*/g, ' '))}
          </Text>
        );
      })}
    </>
  );
}
