/** One line of the results table. */
export interface Row {
  benchmark: string;
  backend: string;
  figures: string;
  /**
   * The figures as columns (`as-run`): rows with cells are printed as a table of their own,
   * one column per key.
   */
  cells?: Record<string, string>;
  /** The measurement could not be made; the run exits non-zero. */
  failed?: boolean;
}

/** A benchmark: bench/run.ts lists every one and runs them in order. */
export interface Benchmark {
  /** What `npm run bench -- <name>` selects, e.g. `cold-start`. */
  name: string;
  /** Runs only when named (`npm run bench -- soak`), never in the full run: it is long. */
  byNameOnly?: boolean;
  run(): Promise<Row[]>;
}
