import type { VersionTableRef } from '../dialects/adapter.js';
import { AmbixError } from '../errors.js';
import type { Plan } from '../script/plan.js';
import type { RunEventListener, StepInfo } from './events.js';
import type { StepRecorder } from './executor.js';
import { acquireLock } from './lock.js';
import type { RevisionCodeLoader } from './revision-code.js';
import { connect, type Session } from './session.js';
import type { TransactionMode } from './transaction.js';
import { parseDatabaseUrl } from './url.js';
import { checkRevisionIdsFit, readVersionRows, type VersionState, VersionTableSql } from './version-table.js';

export interface RunPlanOptions {
  readonly url: string;
  /** Base for relative SQLite paths (default: `process.cwd()`). */
  readonly cwd?: string;
  readonly versionTable: VersionTableRef;
  readonly transactionMode: TransactionMode;
  /** How long to wait for another run's lock, in ms. */
  readonly lockTimeoutMs: number;
  /**
   * Plans from the version rows. Called once before taking the lock (a run with nothing to do
   * never locks) and again after it, because another process may have migrated meanwhile. It
   * throws the planner's typed errors for unknown rows or targets; nothing has been written then.
   */
  readonly plan: (rows: readonly string[]) => Plan;
  readonly loadCode: RevisionCodeLoader;
  readonly onEvent?: RunEventListener;
  /**
   * Called under the lock with the final plan, before anything is written, only when the plan has
   * steps: checks that may refuse the run (by throwing) and work that must precede it (a backup).
   */
  readonly beforeSteps?: (session: Session, plan: Plan, rows: readonly string[]) => Promise<void>;
  /** See `StepRecorder`: what records the steps beyond their version rows, written with them. */
  readonly recordSteps?: StepRecorder;
}

export interface RunPlanResult {
  /** Version rows when the run started (after the lock, if one was taken). */
  readonly startHeads: readonly string[];
  /** Version rows at the end. */
  readonly heads: readonly string[];
  /** Revision steps executed by this process, in order. */
  readonly ran: readonly StepInfo[];
  /** Stamp steps applied by this process. */
  readonly stamped: number;
  readonly durationMs: number;
}

/**
 * Connects, plans, and executes under the migration lock: the whole of an online `upgrade`,
 * `downgrade` or `stamp`. The fast path (nothing to do) costs one connection and one SELECT.
 */
export async function runPlan(options: RunPlanOptions): Promise<RunPlanResult> {
  const started = performance.now();
  const onEvent = options.onEvent ?? (() => {});
  const spec = parseDatabaseUrl(options.url, options.cwd);
  const session = await connect(spec, { busyTimeoutMs: options.lockTimeoutMs });
  try {
    const sql = new VersionTableSql(session.adapter, options.versionTable);
    const before = await readVersionRows(session, sql);
    const firstPlan = options.plan(before.rows);
    if (firstPlan.steps.length === 0 && before.exists) {
      return finish(onEvent, started, { startHeads: before.rows, heads: before.rows, ran: [], stamped: 0 });
    }
    // Loaded only when there is work: it pulls in the operations API and Kysely.
    const { executePlan } = await import('./executor.js');
    return await underLock(session, options, onEvent, async () => {
      const state = await readVersionRows(session, sql);
      // Planning depends on the rows alone: when nobody moved them meanwhile, the plan stands.
      const plan = sameVersionState(state, before) ? firstPlan : options.plan(state.rows);
      if (plan.steps.length > 0) {
        await checkRevisionIdsFit(session, sql, plan, state.exists);
        await options.beforeSteps?.(session, plan, state.rows);
      }
      const result = await executePlan(plan, {
        session,
        versionTable: sql,
        tableExists: state.exists,
        transactionMode: options.transactionMode,
        loadCode: options.loadCode,
        onEvent,
        ...(options.recordSteps === undefined ? {} : { recordSteps: options.recordSteps }),
      });
      const stamped = plan.steps.filter((step) => step.kind === 'stamp').length;
      return finish(onEvent, started, {
        startHeads: state.rows,
        heads: result.heads,
        ran: result.ran,
        stamped,
      });
    });
  } catch (error) {
    // A read-only file or a full disk is no statement's fault: say which file, and what to do.
    throw (error instanceof AmbixError ? null : session.adapter.environmentFailure?.(error, spec)) ?? error;
  } finally {
    await session.close();
  }
}

function sameVersionState(a: VersionState, b: VersionState): boolean {
  return (
    a.exists === b.exists && a.rows.length === b.rows.length && a.rows.every((row, i) => row === b.rows[i])
  );
}

/** Runs `work` holding the migration lock, releasing it however `work` ends. */
export async function underLock<T>(
  session: Session,
  options: { readonly versionTable: VersionTableRef; readonly lockTimeoutMs: number },
  onEvent: RunEventListener,
  work: () => Promise<T>,
): Promise<T> {
  const lock = session.adapter.createLock(session.spec, session.execute, options.versionTable);
  await acquireLock(lock, options.lockTimeoutMs, onEvent);
  try {
    return await work();
  } finally {
    await lock.release().catch(() => {});
  }
}

function finish(
  onEvent: RunEventListener,
  started: number,
  result: Omit<RunPlanResult, 'durationMs'>,
): RunPlanResult {
  const durationMs = Math.round(performance.now() - started);
  onEvent({ type: 'done', heads: result.heads, steps: result.ran.length + result.stamped, durationMs });
  return { ...result, durationMs };
}
