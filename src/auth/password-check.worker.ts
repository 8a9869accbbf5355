// Runs the password policy for password-check.ts, on a thread of its own (see there why).
import { parentPort } from 'node:worker_threads';
import type { PasswordContext } from './password-text.ts';
import { passwordProblems } from './password-policy.ts';

interface Question {
  id: number;
  password: string;
  context: PasswordContext;
}

parentPort!.on('message', ({ id, password, context }: Question) => {
  try {
    parentPort!.postMessage({ id, problems: passwordProblems(password, context) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
