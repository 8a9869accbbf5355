import type { Tx } from '../platform/db/database.ts';

export async function insertPractice(
  tx: Tx,
  values: { id: string; name: string; isDemo: boolean },
): Promise<void> {
  await tx
    .insertInto('practices')
    .values({ id: values.id, name: values.name, is_demo: values.isDemo })
    .execute();
}

export async function selectDemoPracticeIds(tx: Tx): Promise<string[]> {
  const rows = await tx.selectFrom('practices').select('id').where('is_demo', '=', true).execute();
  return rows.map((r) => r.id);
}
