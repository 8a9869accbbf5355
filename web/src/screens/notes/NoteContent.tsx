import { Text } from '@mantine/core';
import type { NoteFields, NoteTemplate } from '../../clinical/types.ts';
import { formatDate } from '../../ui/format.ts';
import { choiceLabel, problemsOf, textOf } from './choices.ts';

const Empty = () => (
  <Text span c="dimmed" size="sm">
    Not filled in
  </Text>
);

/** A note's content, read-only: a signed note, or an earlier version from its history. */
export function NoteContent({ template, fields }: { template: NoteTemplate; fields: NoteFields }) {
  return (
    <div className="note-content">
      {template.fields.map((f) => {
        if (f.kind === 'problems') {
          const problems = problemsOf(fields, f.name);
          return (
            <div key={f.name}>
              <h3>{f.label}</h3>
              {problems.length === 0 ? (
                <Empty />
              ) : (
                <ol>
                  {problems.map((p, i) => (
                    <li key={i}>
                      <Text fw={600} size="sm">
                        {p.description || 'Untitled problem'}
                      </Text>
                      {(['goals', 'objectives', 'interventions'] as const).map((k) => (
                        <div key={k}>
                          <Text size="sm" c="dimmed" mt={4}>
                            {k.charAt(0).toUpperCase() + k.slice(1)}
                          </Text>
                          {p[k].length ? (
                            <ul>
                              {p[k].map((item, j) => (
                                <li key={j}>{item}</li>
                              ))}
                            </ul>
                          ) : (
                            <Empty />
                          )}
                        </div>
                      ))}
                    </li>
                  ))}
                </ol>
              )}
            </div>
          );
        }
        const value = textOf(fields, f.name);
        const shown =
          f.kind === 'date' && value
            ? formatDate(value)
            : f.kind === 'choice'
              ? choiceLabel(value)
              : value;
        return (
          <div key={f.name}>
            <h3>{f.label}</h3>
            {value ? <p>{shown}</p> : <Empty />}
          </div>
        );
      })}
    </div>
  );
}
