// `npm run test:e2e`: builds the web app, then runs every journey (e2e/journeys/*.e2e.ts) one
// after another in Chromium, each against a real Hearth server of its own on a fresh embedded
// database — so journeys cannot disturb each other, and each has the per-address sign-up
// budget (10 an hour) to itself. Screenshots land in .test-artifacts/e2e/<journey>/.
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

let failed = 0;
for (const journey of journeys) {
  const server = await startHearth();
  console.log(`Hearth for ${journey}: ${server.url}`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', journey], {
      cwd: ROOT,
      env: {
        ...process.env,
        HEARTH_E2E_URL: server.url,
        HEARTH_E2E_MAIL_DIR: server.mailDir,
        HEARTH_E2E_SMS_DIR: server.smsDir,
        // A journey answers a text as Twilio would: signed with the account's token, from its number.
        HEARTH_E2E_TWILIO_TOKEN: server.twilio.HEARTH_TWILIO_AUTH_TOKEN,
        HEARTH_E2E_TWILIO_FROM: server.twilio.HEARTH_TWILIO_FROM,
      },
      stdio: 'inherit',
    });
    child.on('exit', (c) => resolve(c ?? 1));
  }).finally(() => server.stop());
  if (code !== 0) failed += 1;
}
if (failed > 0) console.error(`${failed} of ${journeys.length} journeys failed`);
process.exit(failed > 0 ? 1 : 0);
