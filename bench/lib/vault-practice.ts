// A small practice for the vault benchmarks: the administrator (signed in), one clinician and
// one client whose documents are uploaded, made in the backend's database before the server
// opens it (PGlite allows one process at a time).
import { randomUUID } from 'node:crypto';
import type { Backend } from './backends.ts';
import type { BenchSecrets } from './bench-keys.ts';
import { withBenchDatabase } from './database.ts';
import { seedStaff, type SeededUser } from './seed-staff.ts';

export interface VaultPractice {
  practiceId: string;
  admin: SeededUser;
  clientId: string;
}

export function seedVaultPractice(backend: Backend, secrets: BenchSecrets): Promise<VaultPractice> {
  return withBenchDatabase(backend, 2, async (db) => {
    const staff = await seedStaff(db, { clinicians: 1, secrets });
    const clientId = randomUUID();
    await db.withPractice(staff.practiceId, async (tx) => {
      await tx
        .insertInto('clients')
        .values({
          id: clientId,
          first_name: 'Dana',
          last_name: 'Vault',
          date_of_birth: '1980-05-17',
        })
        .execute();
      await tx
        .insertInto('client_clinicians')
        .values({ client_id: clientId, user_id: staff.clinicians[0]!.userId })
        .execute();
    });
    return { practiceId: staff.practiceId, admin: staff.admin, clientId };
  });
}
