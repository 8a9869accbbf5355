import { Worker } from 'node:worker_threads';
import type { PasswordContext } from './password-text.ts';

type Answer = { id: number; problems: string[] } | { id: number; error: string };

interface Waiting {
  resolve: (problems: string[]) => void;
  reject: (err: Error) => void;
}

/**
 * Checks new passwords against the policy (password-policy.ts) on a worker thread that exists
 * only while there are passwords to check. zxcvbn's dictionaries are 27 MB of heap for a check
 * made at sign-up, reset and change — a few times a day — so the serving process does not keep
 * them: the worker loads them when a check comes, and ends after `idleMs` without one (ADR 0021).
 * Checks also stop blocking the event loop (a long password takes zxcvbn tens of milliseconds).
 */
export class PasswordChecker {
  readonly #idleMs: number;
  #worker: Worker | undefined;
  #idle: NodeJS.Timeout | undefined;
  #next = 0;
  readonly #waiting = new Map<number, Waiting>();

  constructor(options: { idleMs: number }) {
    this.#idleMs = options.idleMs;
  }

  /** What is wrong with `password`, in words for its owner; empty when it is acceptable. */
  problems(password: string, context: PasswordContext): Promise<string[]> {
    clearTimeout(this.#idle);
    const worker = (this.#worker ??= this.#start());
    // Held open while a check is waiting, so that a command-line run awaiting it does not end.
    worker.ref();
    const id = this.#next++;
    return new Promise<string[]>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, password, context: { ...context } });
    });
  }

  /** Whether the worker (and so the dictionaries) is loaded now. */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  /** Ends the worker now; checks still waiting are refused. */
  async stop(): Promise<void> {
    clearTimeout(this.#idle);
    await this.#worker?.terminate();
  }

  #start(): Worker {
    const worker = new Worker(new URL('./password-check.worker.ts', import.meta.url), {
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    worker.on('message', (answer: Answer) => {
      const waiting = this.#waiting.get(answer.id);
      this.#waiting.delete(answer.id);
      if ('problems' in answer) waiting?.resolve(answer.problems);
      else waiting?.reject(new Error(`the password check failed: ${answer.error}`));
      if (this.#waiting.size === 0) this.#rest(worker);
    });
    worker.on('error', (err) => this.#fail(worker, err));
    worker.on('exit', () => this.#fail(worker, new Error('the password check stopped')));
    return worker;
  }

  #rest(worker: Worker): void {
    worker.unref();
    this.#idle = setTimeout(() => {
      // Forgotten first, so that a check arriving while it ends starts a new one.
      if (this.#worker === worker) this.#worker = undefined;
      void worker.terminate();
    }, this.#idleMs);
    this.#idle.unref();
  }

  #fail(worker: Worker, err: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    clearTimeout(this.#idle);
    for (const waiting of this.#waiting.values()) waiting.reject(err);
    this.#waiting.clear();
  }
}

const checker = new PasswordChecker({ idleMs: 30_000 });

/** The policy's verdict on a new password (see PasswordChecker). */
export const passwordProblems = (password: string, context: PasswordContext) =>
  checker.problems(password, context);
