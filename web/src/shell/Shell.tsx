import { Text } from '@mantine/core';
import { Link, NavLink, Outlet } from 'react-router';
import { useSession } from '../session/session.tsx';
import { NAV } from './nav.ts';
import { OfflineBanner } from './OfflineBanner.tsx';
import { UserMenu } from './UserMenu.tsx';

/** Header (practice, user menu), the role's navigation, and the screen. */
export function Shell() {
  const { me, canAny } = useSession();
  const entries = NAV.filter((e) => !e.anyOf || canAny(e.anyOf));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="shell-header">
        <Link to="/today" className="brand">
          <img src="/favicon.svg" alt="" />
          <Text fw={700} size="lg" c="teal.9">
            Hearth
          </Text>
          <Text c="dimmed" truncate="end" size="sm">
            {me.practice.name}
            {me.practice.isDemo ? ' (demo)' : ''}
          </Text>
        </Link>
        <UserMenu />
      </header>
      <nav className="shell-nav" aria-label="Main">
        <ul className="nav-list">
          {entries.map((e) => (
            <li key={e.to}>
              <NavLink className="nav-link" to={e.to}>
                {e.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="shell-main" tabIndex={-1}>
        <OfflineBanner />
        <Outlet />
      </main>
    </div>
  );
}
