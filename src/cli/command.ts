import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  summary: string;
  /** The full --help text after the usage line. */
  help: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  /** Returns the process exit code. */
  run(values: Record<string, string | boolean | undefined>): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseCommandArgs(
  command: Command,
  argv: string[],
): Record<string, string | boolean | undefined> | 'help' {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) return 'help';
    return values as Record<string, string | boolean | undefined>;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function commandHelp(command: Command): string {
  return `Usage: hearth ${command.usage}\n\n${command.summary}\n\n${command.help.trim()}\n`;
}
