import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../demo/seed.ts';
import { seedDemoRecords } from '../../demo/records.ts';
import { ensureWebBuild } from '../../web-serving/build.ts';
import { loadServerTls, startServer } from '../../server/start.ts';
import { RateLimits } from '../../platform/limits/rate-limits.ts';
import { openVaultServices } from '../services.ts';
import { startJobs } from './worker.ts';
import { AuditSealer } from '../../platform/audit-trail/sealer.ts';
import { OutboxDelivery } from '../../platform/mail/delivery.ts';
import { SmtpMailer } from '../../platform/mail/mailer.ts';
import { TwilioSmsSender } from '../../platform/sms/twilio.ts';
import { loadNumberKey, NumberDigester } from '../../platform/sms/phone.ts';
import { smsReplyHandler } from '../../reminders/index.ts';
import type { Config } from '../../server/config/load.ts';
import type { Command } from '../command.ts';
import { migrateWithReport, openRuntime } from '../runtime.ts';

function senders(config: Config) {
  return {
    mailer: config.smtpUrl
      ? new SmtpMailer({ url: config.smtpUrl, from: config.mailFrom, caFile: config.smtpCaFile })
      : undefined,
    sms:
      config.twilioAccountSid && config.twilioAuthToken && config.twilioFrom
        ? new TwilioSmsSender({
            accountSid: config.twilioAccountSid,
            authToken: config.twilioAuthToken,
            from: config.twilioFrom,
            ...(config.twilioApiUrl ? { apiUrl: config.twilioApiUrl } : {}),
          })
        : undefined,
  };
}

async function serve(options: {
  seedDemoIfEmbedded: boolean;
  buildWeb?: boolean;
}): Promise<number> {
  // `hearth start` from a checkout: the screens are rebuilt when their sources changed.
  if (options.buildWeb) await ensureWebBuild();
  const runtime = await openRuntime();
  // Certificate problems are reported before the (slower) migrations run.
  const tls =
    runtime.config.tlsMode === 'behind-proxy'
      ? undefined
      : await loadServerTls(runtime.config).catch(async (err: unknown) => {
          await runtime.db.close();
          throw err;
        });
  const { config, db, logger } = runtime;
  let demoNote = '';
  try {
    await migrateWithReport(runtime);
    let newDemo: string | undefined;
    if (options.seedDemoIfEmbedded && db.kind === 'pglite') {
      const demo = await seedDemo(db);
      if (demo.created) newDemo = demo.practiceId;
      demoNote = `\n  Demo sign-in: ${DEMO_USERS[0]?.email} / ${DEMO_PASSWORD}  (every role: ${DEMO_USERS.map((u) => u.email.split('@')[0]).join(', ')} @hearth-demo.test)\n  The demo practice skips MFA; never keep real client data in it.\n`;
    }
    const vault = await openVaultServices(runtime);
    // SMS delivery, the Twilio webhooks and reminders match numbers by their keyed digest.
    const numbers = new NumberDigester(
      loadNumberKey({ numberKey: config.numberKey, dataDir: config.dataDir }),
    );
    const limits = new RateLimits(config.redisUrl);
    const messaging = {
      twilioAuthToken: config.twilioAuthToken,
      numbers,
      replies: smsReplyHandler(db),
    };
    const server = await startServer(
      config,
      db,
      logger,
      { ...vault, limits, messaging, numbers },
      tls,
    );
    if (newDemo) {
      await seedDemoRecords(server.app, db, newDemo);
      console.error('hearth: created the demo practice, with sample clients, sessions and notes');
    }
    // On the embedded database the server is the only process: it runs the jobs itself.
    const jobs = await startJobs(runtime, vault);
    const sealer = new AuditSealer(db, logger);
    sealer.start();
    // Without a mail server or SMS provider, messages wait in the outbox where admins read them.
    const delivery = new OutboxDelivery(db, senders(config), logger, {
      numbers,
      statusCallbackUrl: `${config.publicUrl}/api/v1/webhooks/twilio/status`,
    });
    if (delivery.channels.length > 0) delivery.start();
    const certNote =
      server.tls?.source === 'self-signed'
        ? ' (self-signed certificate: your browser will ask you to accept it)'
        : '';
    console.error(`\n  Hearth is running at ${server.url}${certNote}\n${demoNote}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    console.error('hearth: shutting down');
    await server.close();
    await sealer.stop();
    await delivery.stop();
    await jobs.stop();
    await limits.close();
    vault.close();
    return 0;
  } finally {
    await db.close();
  }
}

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve',
  summary: 'Migrate the database if needed and serve Hearth over HTTPS.',
  help: `
Listens for HTTPS on HEARTH_PORT (default 8443) and redirects plain HTTP from
HEARTH_HTTP_PORT (default 8080). Without HEARTH_TLS_CERT_FILE and HEARTH_TLS_KEY_FILE it makes
a self-signed certificate for localhost in HEARTH_DATA_DIR. Stops cleanly on SIGINT/SIGTERM.
See the README's configuration table for every setting.`,
  run: () => serve({ seedDemoIfEmbedded: false }),
};

export const startCommand: Command = {
  name: 'start',
  usage: 'start',
  summary: 'What `npm start` runs: serve, seeding a demo practice on an empty embedded database.',
  help: `
Like "hearth serve", and when the embedded database (no DATABASE_URL) has no demo practice
yet, it creates one so there is something to sign in to.
It also builds the browser application (web/dist) when it is missing or older than
its sources.`,
  run: () => serve({ seedDemoIfEmbedded: true, buildWeb: true }),
};
