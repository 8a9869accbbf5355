import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the build is made from: a change to any of these makes web/dist stale. */
const SOURCES = [
  'web/src',
  'web/public',
  'web/build',
  'web/index.html',
  'web/theme.ts',
  'web/vite.config.ts',
  'package-lock.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export type WebBuildState = 'fresh' | 'missing' | 'stale';

/** Whether web/dist exists and is newer than every source file (a few dozen stat calls). */
export function webBuildState(root = ROOT): WebBuildState {
  const built = join(root, 'web', 'dist', 'index.html');
  if (!existsSync(built)) return 'missing';
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(root, s)) > builtAt) ? 'stale' : 'fresh';
}

/**
 * For `hearth start`: builds the browser application when it is missing or older than its
 * sources, so a checkout serves the current screens. Never fatal: without Vite (an install
 * without devDependencies) or on a failed build the API still starts, and the page says how
 * to build. Production deployments build once (`npm run build:web`) and use `hearth serve`.
 */
export async function ensureWebBuild(root = ROOT): Promise<void> {
  const state = webBuildState(root);
  if (state === 'fresh') return;
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    console.error(
      'hearth: the web application is not built and Vite is not installed; run `npm run build:web` where the devDependencies are.',
    );
    return;
  }
  console.error(
    `hearth: building the web application (${state === 'missing' ? 'first start' : 'its sources changed'}), a few seconds…`,
  );
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.once('error', () => resolve(null));
    child.once('exit', (c) => resolve(c));
  });
  if (code !== 0)
    console.error('hearth: the web application did not build; the API is served without it.');
}
