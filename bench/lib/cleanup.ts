// Everything a benchmark must undo (child processes, throwaway databases, temporary
// directories), undone in reverse order at the end of the run, on error and on Ctrl-C.

type Cleanup = () => void | Promise<void>;

const pending: Cleanup[] = [];

/** Registers an undo step; the returned function unregisters it once it is done by hand. */
export function onCleanup(fn: Cleanup): () => void {
  pending.push(fn);
  return () => {
    const i = pending.lastIndexOf(fn);
    if (i >= 0) pending.splice(i, 1);
  };
}

/** Runs every pending undo step, newest first; one failing does not stop the others. */
export async function runCleanups(): Promise<void> {
  for (let fn = pending.pop(); fn; fn = pending.pop()) {
    try {
      await fn();
    } catch (err) {
      console.error(`bench: cleanup failed: ${(err as Error).message}`);
    }
  }
}
