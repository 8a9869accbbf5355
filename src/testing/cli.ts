import { join } from 'node:path';

/** The command line the tests run: `node src/main.ts …` from the repository's root. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const MAIN = join(REPO_ROOT, 'src', 'main.ts');

/**
 * The environment for a `hearth` child: the caller's, minus every HEARTH_ setting and any
 * DATABASE_URL (a test's command must not reach the shell's database), plus `settings`.
 */
export function cliEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('HEARTH_') && k !== 'DATABASE_URL'),
  );
  return { ...clean, ...settings };
}
