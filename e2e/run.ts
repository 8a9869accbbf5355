// `npm run test:e2e`: builds the web app, starts a real Hearth server on a fresh embedded
// database, and runs every journey (e2e/journeys/*.e2e.ts) one after another in Chromium.
// Screenshots land in .test-artifacts/e2e/<journey>/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHearth } from './server.ts';

const ROOT = join(import.meta.dirname, '..');
const chromium = process.env.HEARTH_E2E_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium is not at ${chromium}: install it with "apt-get install -y chromium".`);
  process.exit(1);
}

const build = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const only = process.argv.slice(2);
const journeys = readdirSync(join(import.meta.dirname, 'journeys'))
  .filter((f) => f.endsWith('.e2e.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => join('e2e', 'journeys', f));

const server = await startHearth();
console.log(`Hearth for the browser tests: ${server.url}`);
const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...journeys], {
    cwd: ROOT,
    env: { ...process.env, HEARTH_E2E_URL: server.url, HEARTH_E2E_MAIL_DIR: server.mailDir },
    stdio: 'inherit',
  });
  child.on('exit', (c) => resolve(c ?? 1));
}).finally(() => server.stop());
process.exit(code);
