/** How a revision file is written; decides how its code is loaded when it must run. */
export type RevisionFormat = 'typescript' | 'javascript' | 'sql';

/**
 * A revision's header: everything the graph needs, read statically from the file without
 * executing it. The code (`upgrade` / `downgrade`) is loaded separately, only when it runs.
 */
export interface Revision {
  readonly id: string;
  /** `downRevision` normalised: `[]` for a base, one entry for a plain revision, several for a merge. */
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  /** Revision ids or branch labels, as written in the file. */
  readonly dependsOn: readonly string[];
  readonly message: string | null;
  readonly createDate: string | null;
  /** Absolute path of the file. */
  readonly path: string;
  readonly format: RevisionFormat;
}
