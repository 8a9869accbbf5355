import { seedDemo } from '../../demo/seed.ts';
import type { Command } from '../command.ts';
import { migrateWithReport, openRuntime } from '../runtime.ts';

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  usage: 'seed-demo',
  summary: 'Create the demo practice, if there is none yet.',
  help: `
Migrates the database if needed, then creates "Hearth Demo Practice" for trying Hearth out,
with one user of each role (admin, supervisor, associate, biller, front_desk @hearth-demo.test)
sharing a published password.
Running it again changes nothing. Never run it on a database that holds real practices'
data: demo accounts have published passwords.`,
  async run() {
    const runtime = await openRuntime();
    try {
      await migrateWithReport(runtime);
      const result = await seedDemo(runtime.db);
      console.error(
        result.created
          ? `hearth: created the demo practice (${result.practiceId})`
          : `hearth: the demo practice exists already (${result.practiceId})`,
      );
      return 0;
    } finally {
      await runtime.db.close();
    }
  },
};
