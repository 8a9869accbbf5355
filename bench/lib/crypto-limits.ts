// What this machine's node:crypto can do at best, measured in the same run as the streams:
// one AES-256-GCM message and one HMAC-SHA256 over a large buffer, and GCM then HMAC of its
// output. Each is the best over repetitions and update sizes (smaller updates stay in the
// CPU's cache between the two passes; larger ones cost fewer calls).
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { MiB, rateOf, type Rate } from './throughput.ts';

export interface CryptoLimits {
  /** MB/s, wall and per main-thread CPU second, each the best seen. */
  gcm: Rate;
  /** The same message given to one update() call, which allocates all its output at once. */
  gcmSingleUpdate: Rate;
  hmac: Rate;
  combined: Rate;
  bytes: number;
}

const REPS = 3;
const UPDATE_SIZES = [64 * 1024, 256 * 1024, MiB];

function time(work: () => void) {
  const started = performance.now();
  const cpu = process.threadCpuUsage();
  work();
  const used = process.threadCpuUsage(cpu);
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
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
  const none = (): Rate => ({ wall: 0, cpu: 0 });
  const best = { gcm: none(), hmac: none(), combined: none(), gcmSingleUpdate: none() };
  const keep = (name: keyof typeof best, work: () => void) => {
    const rate = rateOf(bytes, time(work));
    best[name] = {
      wall: Math.max(best[name].wall, rate.wall),
      cpu: Math.max(best[name].cpu, rate.cpu),
    };
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
