// What this machine's node:crypto can do at best, measured in the same run as the streams:
// one AES-256-GCM message and one HMAC-SHA256 over a large buffer, and GCM then HMAC of its
// output. Each is the best over repetitions and update sizes (smaller updates stay in the
// CPU's cache between the two passes; larger ones cost fewer calls).
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { mbps, MiB } from './throughput.ts';

export interface CryptoLimits {
  /** MB/s. */
  gcm: number;
  /** The same message given to one update() call, which allocates all its output at once. */
  gcmSingleUpdate: number;
  hmac: number;
  combined: number;
  bytes: number;
}

const REPS = 3;
const UPDATE_SIZES = [64 * 1024, 256 * 1024, MiB];

function seconds(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

export function measureCryptoLimits(bytes = 256 * MiB): CryptoLimits {
  const data = randomBytes(bytes);
  const key = randomBytes(32);
  const gcm = (pieces: Buffer[]) => () => {
    const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12));
    for (const piece of pieces) cipher.update(piece);
    cipher.final();
  };
  const hmac = (pieces: Buffer[]) => () => {
    const mac = createHmac('sha256', key);
    for (const piece of pieces) mac.update(piece);
    mac.digest();
  };
  const combined = (pieces: Buffer[]) => () => {
    const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12));
    const mac = createHmac('sha256', key);
    for (const piece of pieces) mac.update(cipher.update(piece));
    cipher.final();
    mac.digest();
  };
  const best = { gcm: 0, hmac: 0, combined: 0, gcmSingleUpdate: 0 };
  const keep = (name: keyof typeof best, work: () => void) => {
    best[name] = Math.max(best[name], mbps(bytes, seconds(work)));
  };
  for (let rep = 0; rep < REPS; rep++) {
    keep('gcmSingleUpdate', gcm([data]));
    for (const size of UPDATE_SIZES) {
      const pieces: Buffer[] = [];
      for (let at = 0; at < bytes; at += size) pieces.push(data.subarray(at, at + size));
      keep('gcm', gcm(pieces));
      keep('hmac', hmac(pieces));
      keep('combined', combined(pieces));
    }
  }
  return { ...best, bytes };
}
