import type { Role } from '../platform/db/schema.ts';

export type { Role };
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'associate', 'biller', 'front_desk'];

/** Typed permission strings: verb:thing:scope. */
export const PERMISSIONS = [
  'read:audit:any',
  'read:alert:any',
  'manage:alert:any',
  'manage:user:any',
  'manage:practice:any',
  'read:client:own',
  'read:client:any',
  'write:client:own',
  'write:client:any',
  'read:note:own',
  'read:note:supervisee',
  'write:note:own',
  'sign:note:own',
  'cosign:note:supervisee',
  'unlock:note:any',
  'read:diagnosis:any',
  'write:diagnosis:own',
  'read:insurance:any',
  'write:insurance:any',
  'read:safety_plan:own',
  'write:safety_plan:own',
  'read:document:own',
  'write:document:own',
  'read:schedule:any',
  'write:schedule:any',
  'write:availability:own',
  'write:availability:any',
  'read:invoice:any',
  'write:invoice:any',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const CLINICIAN: Permission[] = [
  'read:client:own',
  'write:client:own',
  'read:note:own',
  'write:note:own',
  'sign:note:own',
  'read:diagnosis:any',
  'write:diagnosis:own',
  'read:safety_plan:own',
  'write:safety_plan:own',
  'read:document:own',
  'write:document:own',
  'read:schedule:any',
  'write:schedule:any',
  'write:availability:own',
];

/** The matrix. Front desk never reads clinical content; billers never read note text. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...PERMISSIONS],
  supervisor: [...CLINICIAN, 'read:note:supervisee', 'cosign:note:supervisee', 'unlock:note:any'],
  associate: CLINICIAN,
  biller: [
    'read:client:any',
    'read:diagnosis:any',
    'read:insurance:any',
    'write:insurance:any',
    'read:schedule:any',
    'read:invoice:any',
    'write:invoice:any',
  ],
  front_desk: [
    'read:client:any',
    'write:client:any',
    'read:insurance:any',
    'write:insurance:any',
    'read:schedule:any',
    'write:schedule:any',
    'write:availability:any',
  ],
};

export function permissionsOf(role: string): readonly Permission[] {
  // Own properties only: 'constructor' or '__proto__' must not resolve to Object's members.
  return Object.hasOwn(ROLE_PERMISSIONS, role) ? ROLE_PERMISSIONS[role as Role] : [];
}

/**
 * A pure predicate, for shaping an answer (which chart or client view a role gets, whether a
 * list spans the practice). Never refuse on it: a refusal goes through requirePermission
 * (permission.ts), which audits it — or, better, through the route's `config.permission`.
 */
export function hasPermission(role: string, permission: Permission): boolean {
  return permissionsOf(role).includes(permission);
}
