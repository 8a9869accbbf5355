// The practice and its people: an administrator, a front desk, a biller and the clinicians
// (supervisors and the associates they supervise), each with a real password hash (one scrypt
// hash, reused) and a session made straight in the database, as src/testing/practice.ts does:
// the same sessions table and signed cookie that sign-in issues.
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../src/auth/passwords.ts';
import { newSessionToken, SESSION_ABSOLUTE_HOURS } from '../../src/auth/session-token.ts';
import type { Database, Tx } from '../../src/platform/db/database.ts';
import type { Role } from '../../src/platform/db/schema.ts';
import { createPractice } from '../../src/practices/service.ts';
import { sessionCookie, type BenchSecrets } from './bench-keys.ts';

export const STAFF_PASSWORD = 'violet staple horizon quartz';

export interface SeededUser {
  userId: string;
  role: Role;
  /** The Cookie header of a full (MFA-complete) session. */
  cookie: string;
}

export interface SeededStaff {
  practiceId: string;
  admin: SeededUser;
  frontDesk: SeededUser;
  biller: SeededUser;
  /** Supervisors first, then associates; every one carries a caseload. */
  clinicians: SeededUser[];
}

async function insertStaff(
  tx: Tx,
  people: { role: Role; name: string; credentials: string | null }[],
  tag: string,
  passwordHash: string,
) {
  const rows = await tx
    .insertInto('users')
    .values(
      people.map((p, i) => ({
        email: `${p.role.replace('_', '')}-${i}-${tag}@bench.example.test`,
        name: p.name,
        role: p.role,
        credentials: p.credentials,
        password_hash: passwordHash,
        password_changed_at: new Date(),
      })),
    )
    .returning(['id', 'role'])
    .execute();
  return rows;
}

/**
 * A practice with `clinicians` clinicians (a fifth of them supervisors), signed in. Settings
 * for the benchmark: the longest idle timeout (sessions wait between phases) and no
 * co-signature step (every clinician here is licensed to sign alone).
 */
export async function seedStaff(
  db: Database,
  options: { clinicians: number; secrets: BenchSecrets },
): Promise<SeededStaff> {
  const tag = randomUUID().slice(0, 8);
  const passwordHash = await hashPassword(STAFF_PASSWORD);
  const supervisors = Math.max(1, Math.round(options.clinicians / 5));
  const people = [
    { role: 'admin' as const, name: 'Avery Admin', credentials: null },
    { role: 'front_desk' as const, name: 'Frankie Desk', credentials: null },
    { role: 'biller' as const, name: 'Billie Biller', credentials: null },
    ...Array.from({ length: options.clinicians }, (_, i) => ({
      role: i < supervisors ? ('supervisor' as const) : ('associate' as const),
      name: `Clinician ${String(i + 1).padStart(2, '0')}`,
      credentials: i < supervisors ? 'LCSW' : 'LPC',
    })),
  ];
  return createPractice(db, { name: `Bench Practice ${tag}` }, async (tx, practice) => {
    await tx
      .updateTable('practices')
      .set({ idle_timeout_minutes: 60, cosign_associate_notes: false })
      .where('id', '=', practice.id)
      .execute();
    const rows = await insertStaff(tx, people, tag, passwordHash);
    const supervisorIds = rows.filter((r) => r.role === 'supervisor').map((r) => r.id);
    for (const [i, row] of rows.filter((r) => r.role === 'associate').entries()) {
      await tx
        .updateTable('users')
        .set({ supervisor_id: supervisorIds[i % supervisorIds.length]! })
        .where('id', '=', row.id)
        .execute();
    }
    const sessions = rows.map((row) => ({ row, ...newSessionToken() }));
    await tx
      .insertInto('sessions')
      .values(
        sessions.map(({ row, hash }) => ({
          user_id: row.id,
          token_hash: hash,
          mfa_pending: false,
          expires_at: new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3_600_000),
          ip: '127.0.0.1',
          user_agent: 'hearth-bench',
        })),
      )
      .execute();
    const users = sessions.map(({ row, token }) => ({
      userId: row.id,
      role: row.role,
      cookie: sessionCookie(options.secrets, practice.id, token),
    }));
    const only = (role: Role) => users.find((u) => u.role === role)!;
    return {
      practiceId: practice.id,
      admin: only('admin'),
      frontDesk: only('front_desk'),
      biller: only('biller'),
      clinicians: users.filter((u) => u.role === 'supervisor' || u.role === 'associate'),
    };
  });
}
