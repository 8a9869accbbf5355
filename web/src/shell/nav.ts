/**
 * The left navigation. An entry appears when the role holds any of its permissions (from
 * /me); adding a screen to the navigation is one line here. Clinical screens (Calendar…) join
 * when they exist — no placeholders.
 */
export interface NavEntry {
  to: string;
  label: string;
  anyOf?: readonly string[];
}

export const ADMIN_PERMISSIONS = [
  'manage:user:any',
  'manage:practice:any',
  'read:audit:any',
] as const;

export const NAV: readonly NavEntry[] = [
  { to: '/today', label: 'Today' },
  { to: '/calendar', label: 'Calendar', anyOf: ['read:schedule:any'] },
  { to: '/clients', label: 'Clients', anyOf: ['read:client:own', 'read:client:any'] },
  { to: '/cosign', label: 'Co-sign queue', anyOf: ['cosign:note:supervisee'] },
  { to: '/admin', label: 'Administration', anyOf: ADMIN_PERMISSIONS },
];
