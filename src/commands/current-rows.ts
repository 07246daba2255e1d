import type { ProjectOptions } from './project.js';

/** Reads the database's version rows without creating or changing anything. */
export type CurrentRowsReader = (options: ProjectOptions) => Promise<readonly string[]>;

export interface CurrentRowsOptions extends ProjectOptions {
  /** Replaces the runtime's reader (tests, or callers that already know the rows). */
  readonly readCurrentRows?: CurrentRowsReader;
}

/**
 * The version rows for `history -i`, `history -r current:` and `show current`. The runtime is
 * imported only here, when a read command really needs the database, so the others start fast.
 */
export async function readRowsFor(options: CurrentRowsOptions): Promise<readonly string[]> {
  const reader = options.readCurrentRows ?? (await import('./current.js')).readCurrentRows;
  return reader(options);
}
