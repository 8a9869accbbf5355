import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  summary: string;
  /** The full --help text after the usage line. */
  help: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  /** How many bare arguments (file names) it takes; none unless said. */
  positionals?: { min: number; max: number };
  /** Returns the process exit code. */
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: command.positionals !== undefined,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.values.help) return 'help';
  const { min, max } = command.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    throw new UsageError(
      max === 0 ? 'this command takes no arguments' : `expected at most ${max} argument(s)`,
    );
  }
  return {
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
  };
}

export function commandHelp(command: Command): string {
  return `Usage: hearth ${command.usage}\n\n${command.summary}\n\n${command.help.trim()}\n`;
}
