import { commandHelp, parseCommandArgs, UsageError, type Command } from './cli/command.ts';
import { auditVerifyCommand } from './cli/commands/audit-verify.ts';
import { importIcd10Command } from './cli/commands/import-icd10.ts';
import { migrateCommand } from './cli/commands/migrate.ts';
import { seedDemoCommand } from './cli/commands/seed-demo.ts';
import { serveCommand, startCommand } from './cli/commands/serve.ts';
import { rekeyCommand } from './cli/commands/rekey.ts';
import { moveKeysCommand } from './cli/commands/move-keys.ts';
import { scrubCommand } from './cli/commands/scrub.ts';
import { workerCommand } from './cli/commands/worker.ts';
import { ConfigError } from './server/config/load.ts';
import { MigrationError } from './platform/db/migrate.ts';
import { StartupError } from './platform/db/open.ts';

const COMMANDS: Command[] = [
  startCommand,
  serveCommand,
  workerCommand,
  migrateCommand,
  seedDemoCommand,
  auditVerifyCommand,
  importIcd10Command,
  scrubCommand,
  rekeyCommand,
  moveKeysCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: hearth <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "hearth <command> --help" for a command's options.\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`hearth: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const parsed = parseCommandArgs(command, rest);
    if (parsed === 'help') {
      process.stdout.write(commandHelp(command));
      return 0;
    }
    return await command.run(parsed.values, parsed.positionals);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`hearth ${command.name}: ${err.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`hearth: configuration error: ${err.message}\n`);
      return 1;
    }
    if (err instanceof StartupError || err instanceof MigrationError) {
      process.stderr.write(`hearth: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
