// The local S3-compatible server of the tests, in a process of its own started by startTestS3()
// with --openssl-legacy-provider: s3rver encrypts ListObjectsV2 continuation tokens with DES,
// which OpenSSL 3 offers only there. Being apart also keeps its memory out of the memory test.
// Usage: node --openssl-legacy-provider s3-server-main.ts <directory> <bucket>
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

// @20minutes/s3rver (the maintained fork of s3rver, for Node 24) ships no types.
const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverClass;

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  // s3rver rebuilds the canonical URI of bucket-level requests without the trailing '/' that
  // this SDK signs (`GET /bucket/?list-type=2`), so those signatures never match; object
  // requests match either way. The access key is still checked.
  allowMismatchedSignatures: true,
  configureBuckets: [{ name: bucket, configs: [] }],
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
// The parent closing our stdin (or dying) stops the server.
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
