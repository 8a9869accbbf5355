import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  hasPermission,
  PERMISSIONS,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLES,
  type Permission,
  type Role,
} from './roles.ts';

const ALL: readonly Permission[] = PERMISSIONS;

/** What each role must have and must never have: the matrix in words. */
const MATRIX: Record<Role, { has: Permission[]; never: Permission[] }> = {
  admin: { has: [...ALL], never: [] },
  supervisor: {
    has: ['read:note:own', 'read:note:supervisee', 'cosign:note:supervisee', 'unlock:note:any'],
    never: ['read:audit:any', 'manage:user:any', 'manage:practice:any', 'read:invoice:any'],
  },
  associate: {
    has: ['read:client:own', 'read:note:own', 'write:note:own', 'sign:note:own'],
    never: [
      'read:audit:any',
      'read:client:any',
      'read:note:supervisee',
      'cosign:note:supervisee',
      'unlock:note:any',
      'manage:user:any',
    ],
  },
  biller: {
    has: ['read:invoice:any', 'write:invoice:any', 'read:client:any'],
    never: ['write:note:own', 'sign:note:own', 'read:audit:any', 'manage:user:any'],
  },
  front_desk: {
    has: ['read:schedule:any', 'write:schedule:any', 'read:client:any'],
    never: ['read:diagnosis:any', 'read:invoice:any', 'write:note:own', 'read:audit:any'],
  },
};

describe('roles and permissions', () => {
  test('the matrix covers exactly the five roles', () => {
    assert.deepEqual(Object.keys(ROLE_PERMISSIONS).sort(), [...ROLES].sort());
    assert.deepEqual([...ROLES].sort(), [
      'admin',
      'associate',
      'biller',
      'front_desk',
      'supervisor',
    ]);
  });

  test('every permission of every role is a known permission, listed once', () => {
    for (const role of ROLES) {
      const granted = permissionsOf(role);
      for (const permission of granted) {
        assert.ok(ALL.includes(permission), `${role}: unknown permission ${permission}`);
      }
      assert.equal(new Set(granted).size, granted.length, `${role} lists a permission twice`);
    }
  });

  test('admin has every permission', () => {
    assert.deepEqual([...permissionsOf('admin')].sort(), [...ALL].sort());
  });

  for (const role of ROLES) {
    test(`${role}: has and lacks what the matrix says`, () => {
      for (const permission of MATRIX[role].has) {
        assert.equal(hasPermission(role, permission), true, `${role} should have ${permission}`);
      }
      for (const permission of MATRIX[role].never) {
        assert.equal(hasPermission(role, permission), false, `${role} must not have ${permission}`);
      }
    });
  }

  test('front desk and billers never read notes', () => {
    for (const role of ['front_desk', 'biller'] as const) {
      const notes = permissionsOf(role).filter((p) => p.startsWith('read:note:'));
      assert.deepEqual(notes, [], role);
    }
  });

  test('an associate cannot read the audit trail', () => {
    assert.equal(hasPermission('associate', 'read:audit:any'), false);
  });

  test('an unknown role has no permissions at all', () => {
    for (const role of ['', 'owner', 'ADMIN', 'Admin ', 'front-desk']) {
      assert.deepEqual([...permissionsOf(role)], [], role);
      assert.equal(hasPermission(role, 'read:audit:any'), false, role);
    }
  });

  // permissionsOf looks the role up in a plain object, so a role named like an
  // Object.prototype member finds that member instead of nothing.
  test('a role named like an Object.prototype member has no permissions either', () => {
    for (const role of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.doesNotThrow(() => permissionsOf(role), role);
      assert.deepEqual([...permissionsOf(role)], [], role);
      assert.equal(hasPermission(role, 'read:audit:any'), false, role);
    }
  });
});
