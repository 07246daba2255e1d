import type { ProgressEvent } from '../operations/data/progress.js';
import type { MigrationDirection } from '../script/plan.js';
import type { LockHolder } from './errors.js';

/** A revision step as events report it. */
export interface StepInfo {
  readonly direction: MigrationDirection;
  readonly revision: string;
  /** Version rows before and after the step (`[]` = base). */
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** The revision's message (its docstring's first line), or null. */
  readonly message: string | null;
}

/**
 * What a run reports while it works, in order. The CLI renders each as a log line, or with
 * `--json` as one NDJSON line (the object as is).
 *
 * - `lock-waiting`: the lock is held elsewhere; sent once when waiting starts, then every
 *   few seconds with the time waited so far.
 * - `lock-acquired`: the run holds the lock (`waitedMs` 0 when it was free).
 * - `step-start` / `step-done` / `step-failed`: one revision's `upgrade` or `downgrade`
 *   (`Running upgrade <from> -> <to>, <message>`), with its duration when it ends; `step-done`
 *   says whether the step is committed yet.
 * - `committed`: a transaction shared by several steps (SQLite commits one about every second)
 *   was committed mid-run: the `steps` steps up to `revision`, reported as run, are now durable.
 * - `stamp`: version rows changed without running code (`Running stamp_revision <from> -> <to>`).
 * - `revision-changed`: before an upgrade, an applied revision's file differs from the file that
 *   ran (its checksum in the history table); a warning, an error with `--strict`.
 * - `backup-written`: `upgrade --backup` wrote `file` (database at `heads`) before running.
 * - `progress`: a revision's `op.progress` counter or `op.backfill` moved (one per tick; see
 *   `ProgressEvent`); renderers throttle.
 * - `done`: the run ended and everything it ran is committed; `heads` are the version rows now.
 */
export type RunEvent =
  | {
      readonly type: 'lock-waiting';
      readonly lock: string;
      readonly holder: LockHolder | null;
      readonly waitedMs: number;
    }
  | { readonly type: 'lock-acquired'; readonly lock: string; readonly waitedMs: number }
  | ({ readonly type: 'step-start' } & StepInfo)
  | ({
      readonly type: 'step-done';
      readonly durationMs: number;
      /**
       * False where steps share one transaction (SQLite's default, `transactionMode: 'all'`): the
       * step ran and is kept with the run, durable at the transaction's COMMIT (a `committed`
       * event, or the `done` event).
       */
      readonly committed: boolean;
    } & StepInfo)
  | ({ readonly type: 'step-failed'; readonly durationMs: number; readonly error: string } & StepInfo)
  | { readonly type: 'committed'; readonly steps: number; readonly revision: string }
  | { readonly type: 'stamp'; readonly from: readonly string[]; readonly to: readonly string[] }
  | {
      readonly type: 'revision-changed';
      readonly revision: string;
      readonly path: string;
      /** Checksums (sha256) recorded when it ran, and of the file now. */
      readonly recorded: string;
      readonly current: string;
      readonly ranAt: string;
    }
  | { readonly type: 'backup-written'; readonly file: string; readonly heads: readonly string[] }
  | ProgressEvent
  | {
      readonly type: 'done';
      readonly heads: readonly string[];
      readonly steps: number;
      readonly durationMs: number;
    };

export type RunEventListener = (event: RunEvent) => void;

/** Alembic's log line for a step: `Running upgrade a -> b, add users`. */
export function describeStep(step: StepInfo): string {
  const head = `Running ${step.direction} ${step.from.join(', ')} -> ${step.to.join(', ')}`;
  return step.message === null ? head : `${head}, ${step.message}`;
}
