import { PgBoss, type ConstructorOptions } from 'pg-boss';
import type { Database } from '../db/database.ts';
import { postgresTarget } from '../db/postgres-ssl.ts';
import type { Logger } from '../logging.ts';
import { safeError } from '../logging.ts';
import { embeddedQueueDatabase } from './embedded-queue-db.ts';

/** One kind of background work. Its data holds ids and counts only, never PHI. */
export interface JobDefinition {
  /** Queue name, e.g. `vault-scrub`. */
  name: string;
  /** A five-field cron expression (UTC) on which it runs by itself; none: only when sent. */
  schedule?: string | undefined;
  /** How long one run may take before pg-boss gives up on it and retries. */
  expireInSeconds?: number;
  retryLimit?: number;
  run(data: Record<string, unknown>): Promise<void>;
}

export interface JobsOptions {
  databaseUrl: string | undefined;
  databaseCaFile: string | undefined;
  logger: Logger;
  /** Polling interval of workers, in seconds (tests use a short one). */
  pollingIntervalSeconds?: number;
}

const SCHEMA = 'hearth_jobs_queue';

/**
 * Background work on pg-boss (DESIGN.md): a queue in the database itself, so every Hearth
 * process can enqueue, schedules fire once across all of them, and a crashed run is retried.
 * Each queue runs one job at a time (policy `singleton`): a re-key or scrub never runs twice at
 * once, whichever processes are up.
 */
export class Jobs {
  #boss: PgBoss;
  #definitions = new Map<string, JobDefinition>();
  #logger: Logger;
  #polling: number;
  #started = false;

  constructor(db: Database, options: JobsOptions) {
    this.#logger = options.logger;
    this.#polling = options.pollingIntervalSeconds ?? 2;
    const embedded = db.embeddedPool();
    const connection: ConstructorOptions = embedded
      ? { db: embeddedQueueDatabase(embedded), backend: 'pglite' }
      : (() => {
          const target = postgresTarget(options.databaseUrl ?? '', options.databaseCaFile);
          return { connectionString: target.connectionString, ssl: target.ssl, max: 3 };
        })();
    this.#boss = new PgBoss({ ...connection, schema: SCHEMA, application_name: 'hearth-jobs' });
    // pg-boss reports its own trouble as events; an unhandled 'error' event would crash the process.
    this.#boss.on('error', (err) => this.#logger.error({ err: safeError(err) }, 'job queue error'));
  }

  define(definition: JobDefinition): void {
    if (this.#started) throw new Error('define jobs before starting the queue');
    this.#definitions.set(definition.name, definition);
  }

  /** Creates the queue tables and queues; `work: true` also runs the jobs in this process. */
  async start(options: { work: boolean }): Promise<void> {
    await this.#boss.start();
    this.#started = true;
    for (const d of this.#definitions.values()) {
      await this.#boss.createQueue(d.name, {
        policy: 'singleton',
        expireInSeconds: d.expireInSeconds ?? 3600,
        retryLimit: d.retryLimit ?? 3,
        retryBackoff: true,
      });
      if (d.schedule) await this.#boss.schedule(d.name, d.schedule, {}, { tz: 'UTC' });
      else await this.#boss.unschedule(d.name);
      if (options.work) {
        await this.#boss.work(
          d.name,
          { pollingIntervalSeconds: this.#polling, batchSize: 1 },
          async (jobs) => {
            for (const job of jobs) {
              const started = performance.now();
              this.#logger.info({ job: d.name, jobId: job.id }, 'job started');
              try {
                await d.run((job.data ?? {}) as Record<string, unknown>);
              } catch (err) {
                this.#logger.error(
                  { job: d.name, jobId: job.id, err: safeError(err) },
                  'job failed',
                );
                throw err;
              }
              const ms = Math.round(performance.now() - started);
              this.#logger.info({ job: d.name, jobId: job.id, ms }, 'job finished');
            }
          },
        );
      }
    }
  }

  /** Enqueues one run now; answers its id, or null when one is already queued (singleton). */
  async send(name: string, data: Record<string, unknown> = {}): Promise<string | null> {
    if (!this.#definitions.has(name)) throw new Error(`no job named ${name}`);
    return this.#boss.send(name, data);
  }

  async schedules(): Promise<{ name: string; cron: string }[]> {
    const rows = await this.#boss.getSchedules();
    return rows.map((s) => ({ name: s.name, cron: s.cron }));
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, timeout: 30_000, close: true });
  }
}
