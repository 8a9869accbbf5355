import type { S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { s3Client } from '../s3-store.ts';

export const TEST_BUCKET = 'hearth-test';

export interface SentRequest {
  command: string;
  ifNoneMatch: string | undefined;
  /** The signed `x-amz-content-sha256`: a hex digest when the signature covers the body. */
  payloadHash: string | undefined;
}

export interface TestS3 {
  endpoint: string;
  client: S3Client;
  /** Requests sent so far through `client`, as signed, bodies never kept. */
  sent: SentRequest[];
  close(): Promise<void>;
}

/**
 * A local S3-compatible server (s3rver) on a loopback port, storing in a temporary directory,
 * and a client configured exactly as production configures it (s3Client), with credentials
 * taken from the environment by the SDK's default chain.
 */
export async function startTestS3(): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'hearth-s3-'));
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      join(import.meta.dirname, 's3-server-main.ts'),
      directory,
      TEST_BUCKET,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const { port } = JSON.parse(line) as { port: number };
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  const endpoint = `http://127.0.0.1:${port}`;
  const client = s3Client({ s3Region: 'us-east-1', s3Endpoint: endpoint, s3ForcePathStyle: true });
  const sent: SentRequest[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      const input = args.input as { IfNoneMatch?: string };
      const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
      sent.push({
        command: context.commandName ?? '',
        ifNoneMatch: input.IfNoneMatch,
        payloadHash: headers['x-amz-content-sha256'],
      });
      return next(args);
    },
    // The deserialize step runs last before the request is sent: it sees it signed.
    { step: 'deserialize', name: 'recordRequests' },
  );
  return {
    endpoint,
    client,
    sent,
    async close() {
      client.destroy();
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
