import { NavLink } from 'react-router';

/**
 * Tabs that are pages: links (each its own address, back button and new-tab work), styled as
 * tabs, the current one marked aria-current. ARIA tabs would claim panels that are routes.
 */
export function RouteTabs({
  label,
  base,
  tabs,
}: {
  label: string;
  base: string;
  tabs: { path: string; label: string }[];
}) {
  return (
    <nav aria-label={label} className="route-tabs">
      <ul>
        {tabs.map((t) => (
          <li key={t.path}>
            <NavLink to={`${base}/${t.path}`}>{t.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
