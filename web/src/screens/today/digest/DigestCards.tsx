import './digest.css';
import { Text } from '@mantine/core';
import type { MouseEvent } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../../session/session.tsx';
import { QueryError } from '../../../ui/errors.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { useDigest } from './digest.ts';

interface Card {
  count: number;
  label: string;
  to: string;
  hint?: string | undefined;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * The top of Today: what waits for me, as counts, each a link to the list that holds it
 * (the co-sign queue, or Today's own lists further down). Roles that write or co-sign no
 * notes see nothing here.
 */
export function DigestCards() {
  const { can } = useSession();
  const digest = useDigest();
  const cosigns = can('cosign:note:supervisee');
  const writes = can('write:note:own');
  if (!cosigns && !can('read:note:own')) return null;
  if (digest.isPending) return <Loading />;
  if (digest.isError) return <QueryError error={digest.error} refetch={digest.refetch} />;
  const d = digest.data;
  const cards: Card[] = [
    {
      count: d.drafts,
      label: plural(d.drafts, 'draft to finish', 'drafts to finish'),
      to: '#my-drafts',
    },
    ...(writes
      ? [
          {
            count: d.sessionsWithoutNote,
            label: plural(
              d.sessionsWithoutNote,
              'session without a note',
              'sessions without a note',
            ),
            to: '#sessions-without-note',
            hint: `older than ${d.noteDays} ${plural(d.noteDays, 'day', 'days')}`,
          },
        ]
      : []),
    ...(cosigns
      ? [
          {
            count: d.notesToCosign,
            label: plural(d.notesToCosign, 'note to co-sign', 'notes to co-sign'),
            to: '/cosign',
          },
        ]
      : []),
  ];
  return (
    <nav aria-label="What waits for me">
      <ul className="digest-cards">
        {cards.map((c) => (
          <li key={c.label}>
            <Link
              to={c.to}
              className="digest-card"
              data-zero={c.count === 0}
              onClick={c.to.startsWith('#') ? (e) => jumpTo(e, c.to) : undefined}
            >
              <span className="digest-count">{c.count}</span>
              <Text span size="sm" fw={500}>
                {c.label}
              </Text>
              {c.hint && (
                <Text span size="xs" c="dimmed">
                  {c.hint}
                </Text>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A link to a list further down Today: scroll to it and move the focus there. */
function jumpTo(e: MouseEvent, hash: string) {
  const target = document.getElementById(hash.slice(1));
  if (!target) return;
  e.preventDefault();
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}
