import type { Command } from '../command.ts';
import { migrateWithReport, openRuntime } from '../runtime.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'Bring the database schema up to date, then exit.',
  help: `
Applies every pending migration, each in its own transaction. Safe to run while other
Hearth processes start: an advisory lock lets exactly one of them migrate.
Uses DATABASE_URL, or the embedded database in HEARTH_DATA_DIR when it is unset.`,
  async run() {
    const runtime = await openRuntime();
    try {
      await migrateWithReport(runtime);
      console.error('hearth: the database schema is current');
      return 0;
    } finally {
      await runtime.db.close();
    }
  },
};
