// The plan of every statement the hot paths run, as PostgreSQL executed it: auto_explain is
// switched on for the bench database (every new session loads it, logs each statement's
// EXPLAIN (ANALYZE, BUFFERS) — nested ones too, so the statements inside hearth_chart() show —
// at NOTICE level, which is sent to the client), then the real application, built in this
// process, answers one request of each kind while the notices of its connections are kept.
// Afterwards the database's settings are reset, so the server's sessions never load it.
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import type { Backend } from './backends.ts';
import type { BenchSecrets } from './bench-keys.ts';
import { openInProcessApp } from './statement-count.ts';

export interface PlannedRequest {
  label: string;
  method: 'GET' | 'POST';
  url: string;
  cookie: string;
  body?: Record<string, unknown>;
}

const notices: string[] = [];
let capturing = false;
const listening = new WeakSet<object>();

// Every pg client this process opens reports its notices here while capturing.
const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  if (!listening.has(this)) {
    listening.add(this);
    this.on('notice', (n: { message?: string }) => {
      if (capturing && n.message) notices.push(n.message);
    });
  }
  return clientQuery.apply(this, args);
};

const AUTO_EXPLAIN: Record<string, string> = {
  session_preload_libraries: 'auto_explain',
  'auto_explain.log_min_duration': '0',
  'auto_explain.log_analyze': 'on',
  'auto_explain.log_buffers': 'on',
  'auto_explain.log_nested_statements': 'on',
  'auto_explain.log_level': 'notice',
};

async function onDatabase(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

/**
 * Answers `requests` (each once unrecorded first, so caches are warm) and writes their plans
 * as Markdown to `path`. `then` requests follow the one before, given its JSON answer.
 */
export async function capturePlans(
  backend: Backend,
  secrets: BenchSecrets,
  requests: readonly (PlannedRequest | ((previous: unknown) => PlannedRequest))[],
  header: string,
  path: string,
): Promise<void> {
  const url = backend.settings.DATABASE_URL;
  if (url === undefined) throw new Error('plans are captured on PostgreSQL only');
  const name = new URL(url).pathname.slice(1);
  await onDatabase(
    url,
    Object.entries(AUTO_EXPLAIN).map(([k, v]) => `alter database ${name} set ${k} = '${v}'`),
  );
  const sections: string[] = [];
  try {
    const { app, close } = await openInProcessApp(backend, secrets);
    try {
      for (const pass of ['warm', 'capture'] as const) {
        let previous: unknown;
        for (const entry of requests) {
          const r = typeof entry === 'function' ? entry(previous) : entry;
          notices.length = 0;
          capturing = pass === 'capture';
          const answer = await app
            .inject({
              method: r.method,
              url: r.url,
              headers: { cookie: r.cookie, 'sec-fetch-site': 'same-origin' },
              ...(r.body ? { payload: r.body } : {}),
            })
            .finally(() => (capturing = false));
          if (answer.statusCode >= 300) {
            throw new Error(`${r.label}: ${answer.statusCode} ${answer.body.slice(0, 200)}`);
          }
          previous = answer.json();
          if (pass === 'capture') sections.push(section(r, notices));
        }
      }
    } finally {
      await close();
    }
  } finally {
    await onDatabase(url, [`alter database ${name} reset all`]);
  }
  await writeFile(path, `${header}\n${sections.join('\n')}`);
}

function section(r: PlannedRequest, plans: readonly string[]): string {
  const path = r.url.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    ':id',
  );
  // Trailing spaces (auto_explain keeps the statement's own) trimmed, as Prettier would.
  const blocks = plans.map(
    (p, i) =>
      `Statement ${i + 1} of ${plans.length}:\n\n\`\`\`\n${p.replace(/[ \t]+$/gm, '')}\n\`\`\`\n`,
  );
  return `## ${r.label}: \`${r.method} ${path}\`\n\n${plans.length} statements.\n\n${blocks.join('\n')}`;
}
