import type { AccessReportRow } from '../../api/types.ts';
import { actionLabel } from '../admin/audit/actions.ts';

/** Events further apart than this are separate visits, even by the same person. */
const GAP_MS = 10 * 60_000;

export interface Visit {
  /** The newest event's id. */
  id: string;
  /** When the visit began and when its last event was. */
  from: string;
  to: string;
  actor: AccessReportRow['actor'];
  ip: string | null;
  outcome: string;
  breakGlass: boolean;
  /** "Chart opened" when the record was read, else what was done first. */
  label: string;
  /** The other things done in the visit, in words, once each. */
  also: string[];
  events: number;
}

const sameVisit = (a: AccessReportRow, b: AccessReportRow) =>
  (a.actor.userId ?? a.actor.type) === (b.actor.userId ?? b.actor.type) &&
  a.ip === b.ip &&
  a.outcome === b.outcome &&
  Math.abs(Date.parse(a.occurredAt) - Date.parse(b.occurredAt)) <= GAP_MS;

/**
 * The access report's events (newest first) as visits. Opening a chart reads the record, the
 * chart summary and each section the role may see, and every one of those reads is audited on
 * its own (as it must be); a reader of the report wants one line per visit, with what it
 * touched. Nothing is dropped: every event is counted in its visit, and the audit log keeps them
 * all.
 */
export function visitsOf(rows: readonly AccessReportRow[]): Visit[] {
  const groups: AccessReportRow[][] = [];
  for (const row of rows) {
    const current = groups.at(-1);
    const previous = current?.at(-1);
    if (current && previous && sameVisit(previous, row)) current.push(row);
    else groups.push([row]);
  }
  return groups.map((group) => {
    const newest = group[0]!;
    const oldest = group.at(-1)!;
    const opened = group.some((e) => e.action === 'client.read');
    const inOrder = [...group].reverse().map((e) => e.action);
    const label = opened ? 'Chart opened' : actionLabel(inOrder[0]!);
    const also = [
      ...new Set(
        inOrder
          .filter((a) => a !== 'client.read')
          .map(actionLabel)
          .filter((l) => l !== label),
      ),
    ];
    return {
      id: newest.id,
      from: oldest.occurredAt,
      to: newest.occurredAt,
      actor: newest.actor,
      ip: newest.ip,
      outcome: newest.outcome,
      breakGlass: group.some((e) => e.breakGlass),
      label,
      also,
      events: group.length,
    };
  });
}
