import { afterEach } from 'node:test';

// Loaded into every test process (scripts/test.ts): code under test that writes to
// console.error has hit something unexpected, and the test that caused it fails.
const original = console.error.bind(console);
let written: string[] = [];
console.error = (...args: unknown[]) => {
  written.push(args.map(String).join(' '));
  original(...args);
};

afterEach(() => {
  const seen = written;
  written = [];
  if (seen.length > 0) {
    throw new Error(`the code under test wrote to console.error: ${seen[0]?.slice(0, 200)}`);
  }
});
