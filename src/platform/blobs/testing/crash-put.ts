// Starts a put that never finishes, for the crash test: the parent SIGKILLs this process once
// bytes are on disk. Usage: node crash-put.ts <blob directory> <key>
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../fs-store.ts';

const [dir, key] = process.argv.slice(2) as [string, string];
const MB = 1024 * 1024;
let sent = 0;
const endless = new Readable({
  read() {
    sent += MB;
    if (sent === 16 * MB) process.stdout.write('writing\n');
    // Fast at first, then a trickle, so that the upload is mid-way for as long as it takes.
    const delay = sent < 16 * MB ? 0 : 100;
    setTimeout(() => this.push(randomBytes(MB)), delay);
  },
});
await new FsBlobStore(dir).put(key, endless);
