import { AmbixError } from '../errors.js';
import type { MigrationContext } from '../operations/context.js';
import { Operations } from '../operations/operations.js';
import type { MigrationStep, Plan, PlanStep } from '../script/plan.js';
import { constraintViolationOf } from './constraint-violation.js';
import { MigrationFailedError, RecordingFailedError, VerifyFailedError } from './errors.js';
import type { RunEventListener, StepInfo } from './events.js';
import { OnlineMigrationContext } from './migration-context.js';
import type { RevisionCode, RevisionCodeLoader } from './revision-code.js';
import type { Session } from './session.js';
import { StatementRecord } from './statement-record.js';
import { TransactionControl, type TransactionMode } from './transaction.js';
import { foldVersionChanges } from './version-changes.js';
import { applyVersionChange, readVersionRows, type VersionTableSql } from './version-table.js';

/** When a step started and how long it took, up to the end of its code (and checks). */
export interface StepTiming {
  readonly started: Date;
  readonly durationMs: number;
}

/** A step that ran, as its record is written: the plan's step and its timing. */
export interface CompletedStep {
  readonly step: PlanStep;
  readonly timing: StepTiming;
}

/**
 * Records completed steps beyond their version rows, on the run's session and inside the
 * transaction that commits them, after their version-row changes: what it writes commits or
 * rolls back with them. Called with one step where steps commit one by one, and with all the
 * steps of a shared transaction before its COMMIT (see `TransactionControl`). The runtime knows
 * nothing of what is recorded; `commands` passes the history writer of `safety`.
 */
export type StepRecorder = ((session: Session, steps: readonly CompletedStep[]) => Promise<void>) & {
  /**
   * Called before each write of records, ahead of the version rows: where DDL commits implicitly
   * (MySQL/MariaDB), what the recorder must create has to exist before the version row is
   * written, or creating it would commit the version row ahead of its own record.
   */
  readonly prepare?: (session: Session) => Promise<void>;
};

export interface ExecuteOptions {
  readonly session: Session;
  readonly versionTable: VersionTableSql;
  /** False when the version table must be created before the first step. */
  readonly tableExists: boolean;
  readonly transactionMode: TransactionMode;
  readonly loadCode: RevisionCodeLoader;
  readonly onEvent: RunEventListener;
  readonly recordSteps?: StepRecorder;
}

export interface ExecutionResult {
  /** The revision steps that ran, in order (stamps excluded). */
  readonly ran: readonly StepInfo[];
  /** The version rows after the run. */
  readonly heads: readonly string[];
}

export function stepInfo(step: MigrationStep): StepInfo {
  return {
    direction: step.direction,
    revision: step.revision.id,
    from: step.from,
    to: step.to,
    message: step.revision.message,
  };
}

/**
 * Executes a plan on a session that already holds the migration lock. Each migration runs with
 * its version-row change as one unit (a transaction, or on SQLite a savepoint; see
 * `TransactionControl`) per `transactionMode`; the first failure undoes what the database can
 * undo and ends the run with `MigrationFailedError`.
 */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ExecutionResult> {
  const { session, versionTable } = options;
  const transaction = await TransactionControl.open(
    session,
    options.transactionMode,
    (steps: readonly CompletedStep[]) => writeRecords(steps, options),
  );
  let tableExists = options.tableExists;
  const ran: StepInfo[] = [];

  const ensureTable = async (): Promise<void> => {
    if (tableExists) return;
    await session.execute(versionTable.create({ ifNotExists: true }));
    tableExists = true;
  };

  try {
    // With nothing to run, `upgrade`/`stamp` still leave a version table behind, as Alembic does.
    if (plan.steps.length === 0) await ensureTable();
    for (const step of plan.steps) {
      await transaction.beginStep();
      // Created inside the first step's transaction: a failed first migration leaves no table
      // where DDL is transactional.
      await ensureTable();
      if (step.kind === 'migration') {
        await runMigration(step, transaction, options);
        ran.push(stepInfo(step));
      } else {
        options.onEvent({ type: 'stamp', from: step.from, to: step.to });
        await transaction.completeStep({ step, timing: { started: new Date(), durationMs: 0 } });
      }
    }
    await transaction.finish();
  } catch (error) {
    await transaction.abandon();
    throw await afterRollback(error, options);
  } finally {
    await transaction.close();
  }
  const heads = (await readVersionRows(session, versionTable)).rows;
  return { ran, heads };
}

/**
 * The version-row changes of `steps` (§4.3), folded into as few as do the same, then the rest.
 * A row the database refuses is a `RecordingFailedError` naming the table, the revisions and the
 * statement.
 */
async function writeRecords(steps: readonly CompletedStep[], options: ExecuteOptions): Promise<void> {
  const { session, versionTable } = options;
  await options.recordSteps?.prepare?.(session);
  for (const change of foldVersionChanges(steps.flatMap(({ step }) => step.versionChanges))) {
    try {
      await applyVersionChange(session, versionTable, change);
    } catch (error) {
      if (error instanceof AmbixError) throw error;
      throw (
        session.adapter.environmentFailure?.(error, session.spec) ??
        new RecordingFailedError({
          table: versionTable.table.name,
          what: 'version row',
          revisions: stepRevisions(steps),
          statement: versionTable.change(change, 'bound').sql,
          databaseError: rootMessage(error),
          cause: error,
        })
      );
    }
  }
  await options.recordSteps?.(session, steps);
}

/** The revisions steps are about: the revision that ran, or those a stamp moved to. */
export function stepRevisions(steps: readonly CompletedStep[]): string[] {
  return steps.flatMap(({ step }) => (step.kind === 'migration' ? [step.revision.id] : step.to));
}

/**
 * The error a failed run ends with, once the database has rolled back: a failure to record is
 * told where the version table ended up; a file system failure names the file.
 */
async function afterRollback(error: unknown, options: ExecuteOptions): Promise<unknown> {
  const { session } = options;
  if (error instanceof RecordingFailedError && error.heads === null) {
    const heads = await readVersionRows(session, options.versionTable).then(
      (state) => state.rows,
      () => null,
    );
    return heads === null ? error : error.withHeads(heads, { ddlKept: !session.adapter.transactionalDdl });
  }
  if (error instanceof AmbixError) return error;
  return session.adapter.environmentFailure?.(error, session.spec) ?? error;
}

async function runMigration(
  step: MigrationStep,
  transaction: TransactionControl<CompletedStep>,
  options: ExecuteOptions,
): Promise<void> {
  const { session, onEvent } = options;
  const info = stepInfo(step);
  onEvent({ type: 'step-start', ...info });
  const startedAt = new Date();
  const started = performance.now();
  const record = new StatementRecord({
    autocommit: transaction.mode === 'none',
    implicitDdlCommit: !session.adapter.transactionalDdl,
  });
  session.listen(({ sql, error }) => record.record(sql, error));
  try {
    const code = await options.loadCode(step.revision);
    const context = new OnlineMigrationContext(
      session,
      transaction,
      record,
      { id: step.revision.id, path: step.revision.path },
      onEvent,
    );
    await runCode(code, step.direction, context);
    session.listen(null);
    await transaction.verifyStep(step.revision.id);
  } catch (error) {
    session.listen(null);
    if (!session.adapter.transactionalDdl && transaction.mode !== 'none') {
      await noteImplicitCommit(record, error, session);
    }
    // Before the heads are read for the report: the database must show where it really is.
    await transaction.abandon();
    // A read-only file or a full disk is not the revision's fault: say so, and which file.
    const environment = session.adapter.environmentFailure?.(error, session.spec);
    if (environment) {
      onEvent({
        type: 'step-failed',
        ...info,
        durationMs: Math.round(performance.now() - started),
        error: environment.message,
      });
      throw environment;
    }
    const durationMs = Math.round(performance.now() - started);
    const failure = await describeFailure(step, record, error, options);
    onEvent({ type: 'step-failed', ...info, durationMs, error: failure.databaseError });
    throw failure;
  }
  const committed = await transaction.completeStep({
    step,
    timing: { started: startedAt, durationMs: performance.now() - started },
  });
  const durationMs = Math.round(performance.now() - started);
  onEvent({ type: 'step-done', ...info, durationMs, committed: committed > 0 });
  // Steps that shared the transaction and were reported as run are durable from here.
  if (committed > 1) onEvent({ type: 'committed', steps: committed, revision: step.revision.id });
}

/**
 * MySQL/MariaDB commit the open transaction as a DDL statement starts, even when the statement
 * then fails: ask the database whether that happened, so the report lists what it kept.
 */
async function noteImplicitCommit(record: StatementRecord, error: unknown, session: Session): Promise<void> {
  const failed = record.failedStatementFor(error);
  if (failed === null || session.adapter.committedBeforeFailure === undefined) return;
  const committed = await session.adapter
    .committedBeforeFailure(session.execute, failed, rootCause(error))
    .catch(() => null);
  if (committed === true) record.markCommitted();
}

async function runCode(
  code: RevisionCode,
  direction: 'upgrade' | 'downgrade',
  context: MigrationContext,
): Promise<void> {
  if (code.kind === 'sql') {
    for (const sql of code[direction]) await context.run({ sql, parameters: [] });
    return;
  }
  const op = new Operations(context);
  if (direction === 'downgrade') {
    await code.downgrade(op);
    return;
  }
  await code.upgrade(op);
  // In the same transaction: a post-condition that does not hold undoes the upgrade.
  if (code.verify !== undefined) {
    await code.verify(op).catch((error: unknown) => {
      throw new VerifyFailedError(context.revision, error);
    });
  }
}

async function describeFailure(
  step: MigrationStep,
  record: StatementRecord,
  error: unknown,
  options: ExecuteOptions,
): Promise<MigrationFailedError> {
  const heads = await readVersionRows(options.session, options.versionTable).then(
    (state) => state.rows,
    () => step.from,
  );
  return new MigrationFailedError({
    revision: step.revision.id,
    direction: step.direction,
    path: step.revision.path,
    statement: record.failedStatementFor(error),
    // verify()'s own words would lose that it was the post-condition, not upgrade(), that failed.
    databaseError: error instanceof VerifyFailedError ? error.message : rootMessage(error),
    executed: record.executed(),
    heads,
    violation: constraintViolationOf(rootCause(error)),
    cause: error,
  });
}

/** The innermost error: the database's own rather than a wrapper's. */
function rootCause(error: unknown): unknown {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current;
}

/** The innermost message: the database's own words rather than a wrapper's. */
function rootMessage(error: unknown): string {
  const root = rootCause(error);
  return root instanceof Error ? root.message : String(root);
}
