import { Alert } from '@mantine/core';
import { Navigate, useLocation, useParams } from 'react-router';

interface TabNoticeState {
  tabNotice?: string;
}

/**
 * The catch-all route of a page with tabs (RouteTabs): an address naming a tab that does not
 * exist, or one the role may not see (a bookmark, a colleague's link), goes to the page's first
 * tab once, and says why. The target is absolute: inside a splat route a relative one resolves
 * against the unmatched address, which matches the catch-all again and grows without end.
 */
export function TabFallback({
  to,
  landing,
  hidden,
  page,
}: {
  /** The absolute address of the tab to land on, and its label. */
  to: string;
  landing: string;
  /** Label by path of the tabs that exist but this role may not see. */
  hidden: ReadonlyMap<string, string>;
  /** What the tabs belong to, as in "in a client's record". */
  page: string;
}) {
  const rest = (useParams()['*'] ?? '').replace(/\/+$/, '');
  const label = hidden.get(rest);
  const tabNotice = !rest
    ? undefined
    : label
      ? `“${label}” is not available to your role, so here is ${landing} instead.`
      : `“${rest}” does not exist ${page}, so here is ${landing} instead.`;
  return <Navigate to={to} replace state={{ tabNotice } satisfies TabNoticeState} />;
}

/** Why the page opened on this tab rather than the one the address named, if it did. */
export function TabNotice() {
  const notice = (useLocation().state as TabNoticeState | null)?.tabNotice;
  if (!notice) return null;
  return (
    <Alert color="yellow" variant="light" mb="md" role="status">
      {notice}
    </Alert>
  );
}
