import type { Revision } from './revision.js';

/** One change to the version table's rows (Alembic's `alembic_version`, one row per head). */
export type VersionRowChange =
  | { readonly kind: 'insert'; readonly revision: string }
  | { readonly kind: 'update'; readonly from: string; readonly to: string }
  | { readonly kind: 'delete'; readonly revision: string }
  /** `stamp --purge`: every row goes, whatever it holds. */
  | { readonly kind: 'delete-all' };

export type MigrationDirection = 'upgrade' | 'downgrade';

/** Run one revision's `upgrade` or `downgrade`, then apply its version-row changes. */
export interface MigrationStep {
  readonly kind: 'migration';
  readonly direction: MigrationDirection;
  readonly revision: Revision;
  /** Version rows this step moves from and to, for `Running upgrade <from> -> <to>` (empty = base). */
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly versionChanges: readonly VersionRowChange[];
}

/** Change version rows only; no revision code runs (`stamp`). */
export interface StampStep {
  readonly kind: 'stamp';
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly versionChanges: readonly VersionRowChange[];
}

export type PlanStep = MigrationStep | StampStep;

/**
 * What a command will do, computed from the graph, the current version rows and a target
 * with no database access. The runtime executes it step by step.
 */
export interface Plan {
  readonly steps: readonly PlanStep[];
  /** The version rows as they were when planning began. */
  readonly startHeads: readonly string[];
  /** The version rows after every step has run. */
  readonly endHeads: readonly string[];
}
