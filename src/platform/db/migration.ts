/** One forward-only schema change. Versions are consecutive integers starting at 1. */
export interface Migration {
  version: number;
  name: string;
  /** Run in order, in one transaction, each as a single statement. */
  statements: string[];
}
