import type { ConsistencyGuard } from '../dialects/adapter.js';
import { causesImplicitCommit, mayReopenAfter } from '../dialects/mysql/implicit-commit.js';
import type { Session } from './session.js';

/**
 * How migrations are grouped into transactions (config `transactionMode`):
 * - `per-migration` (default): each revision and its version-row change commit together;
 * - `all`: one transaction for the whole run (on MySQL/MariaDB, where DDL commits implicitly,
 *   this behaves as `per-migration` so that the version table stays true to the schema);
 * - `none`: no transactions; every statement commits on its own.
 */
export type TransactionMode = 'per-migration' | 'all' | 'none';

const STEP_SAVEPOINT = 'ambix_step';

const SESSION_VARIABLE_READ = /^\s*SELECT\s+@@/i;

/**
 * How long completed steps may wait in a shared transaction (SQLite) before it is committed: the
 * most completed work a crash can lose, against one file sync per interval.
 */
export const SHARED_COMMIT_INTERVAL_MS = 1000;

/**
 * Writes the records of completed steps (their version-row changes, their history rows), in
 * order, inside the transaction that commits them.
 */
export type StepRecordWriter<R> = (records: readonly R[]) => Promise<void>;

/**
 * Opens and closes the run's transactions on the session's connection. The executor speaks in
 * steps (`beginStep`, `completeStep`, `abandon`, `finish`); this class maps them onto the mode and
 * the dialect:
 *
 * - PostgreSQL, MySQL/MariaDB in `per-migration`: a real transaction per step.
 * - SQLite in `per-migration`: one write transaction for the whole run, one SAVEPOINT per step.
 *   A COMMIT on SQLite syncs the file and rewrites the growing schema, so committing each of
 *   1,000 small migrations took 14.4 s on the reference machine against 0.39 s with savepoints.
 *   Atomicity per migration is kept: a failing step is rolled back to its savepoint and the steps
 *   before it are committed, so the database ends at the last good revision exactly as with one
 *   commit per step. To bound what a crash (process killed, power loss) mid-run loses, the shared
 *   transaction is also committed after the first step that completes once it has been open for
 *   `SHARED_COMMIT_INTERVAL_MS`: a crash then loses the migration in progress and at most about
 *   that long of completed ones — consistent, nothing half-applied, and the next run goes on from
 *   the last commit. A run of many small migrations still commits about once a second.
 *
 * Each completed step hands over its record (what `StepRecordWriter` writes), and the record is
 * written in the transaction that commits the step, just before its COMMIT. Where steps commit
 * one by one that is right after the step; where they share a transaction (SQLite's savepoints,
 * `all`) it is once, before the shared COMMIT: rows written between two DDL statements must be
 * re-prepared by SQLite each time, about 9% of a 1,000-revision run. One consequence: when
 * writing the records itself fails there (it cannot tell which step's rows broke), the whole
 * shared transaction rolls back, as after a crash.
 */
export class TransactionControl<R> {
  readonly mode: TransactionMode;
  readonly #session: Session;
  readonly #guard: ConsistencyGuard | null;
  readonly #savepointSteps: boolean;
  readonly #writeRecords: StepRecordWriter<R>;
  /** Records of completed steps waiting for the shared transaction's COMMIT. */
  #pending: R[] = [];
  #open = false;
  #stepOpen = false;
  /** When the open transaction began (performance.now()), for the shared commit interval. */
  #openedAt = 0;
  /** MySQL/MariaDB: the transaction is begun only when a statement needs it (see `#beginBefore`). */
  readonly #lazyBegin: boolean;
  /** A START TRANSACTION was sent and no statement has committed it since. */
  #begun = false;
  /** A LOCK TABLES committed the transaction: statements run in autocommit until the next commit. */
  #afterLock = false;

  private constructor(
    session: Session,
    mode: TransactionMode,
    guard: ConsistencyGuard | null,
    writeRecords: StepRecordWriter<R>,
  ) {
    this.#session = session;
    this.#guard = guard;
    this.#writeRecords = writeRecords;
    this.mode = mode === 'all' && !session.adapter.transactionalDdl ? 'per-migration' : mode;
    this.#savepointSteps = this.mode === 'per-migration' && session.adapter.stepsAsSavepoints;
    this.#lazyBegin = !session.adapter.transactionalDdl && this.mode !== 'none';
    if (this.#lazyBegin || guard !== null) {
      session.afterEachStatement(async (sql) => {
        guard?.observe(sql);
        if (this.#lazyBegin) this.#noteImplicitCommit(sql);
      });
    }
    if (this.#lazyBegin) session.beforeEachStatement((sql) => this.#beginBefore(sql));
  }

  /** Prepares the connection for a run (SQLite: foreign keys off); call `close` when it ends. */
  static async open<R>(
    session: Session,
    mode: TransactionMode,
    writeRecords: StepRecordWriter<R>,
  ): Promise<TransactionControl<R>> {
    const guard = (await session.adapter.prepareRun?.(session.execute)) ?? null;
    return new TransactionControl(session, mode, guard, writeRecords);
  }

  /**
   * MySQL/MariaDB end the open transaction at every DDL statement and fall back to autocommit.
   * The transaction is therefore begun lazily there: only right before a statement that does not
   * itself commit (DML, the version-row change), so that such statements and the version row stay
   * atomic, as the failure report assumes, while a run of DDL sends no START TRANSACTION that the
   * next statement would commit at once (issue 21: 8,211 statements for 1,000 revisions).
   */
  async #beginBefore(sql: string): Promise<void> {
    if (!this.#open || this.#begun || this.#afterLock || causesImplicitCommit(sql)) return;
    // Reading session variables needs no transaction, and the failure report's own probe
    // (`SELECT @@in_transaction`, after a failed statement) must see the server as it was left.
    if (SESSION_VARIABLE_READ.test(sql)) return;
    this.#begun = true;
    await this.#session.execute(this.#session.adapter.beginStatement);
  }

  /** After a statement that committed implicitly, nothing is begun until the next one needs it. */
  #noteImplicitCommit(sql: string): void {
    if (!this.#open || !causesImplicitCommit(sql)) return;
    this.#begun = false;
    // Not after LOCK TABLES, whose locks a START TRANSACTION would release.
    this.#afterLock = !mayReopenAfter(sql);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Starts a step: opens the transaction it runs in (or its savepoint) as the mode says. */
  async beginStep(): Promise<void> {
    this.#guard?.startStep();
    await this.#openStep();
  }

  async #openStep(): Promise<void> {
    if (this.mode === 'none') return;
    if (!this.#open) {
      this.#open = true;
      this.#openedAt = performance.now();
      // Tables a revision left locked are released by beginning at once, as a new step always did.
      if (!this.#lazyBegin || this.#afterLock) {
        this.#afterLock = false;
        this.#begun = true;
        await this.#session.execute(this.#session.adapter.beginStatement);
      }
    }
    if (this.#savepointSteps) {
      await this.#session.execute(`SAVEPOINT ${STEP_SAVEPOINT}`);
      this.#stepOpen = true;
    }
  }

  /**
   * Throws (typed, naming `revision`) when the step broke what the database does not enforce
   * during the run — SQLite's foreign keys. Call before the step's version-row change, while a
   * failure can still be rolled back with the step.
   */
  async verifyStep(revision: string): Promise<void> {
    await this.#guard?.check(revision);
  }

  /**
   * The step succeeded, `record` is what it leaves behind: written and committed now where steps
   * commit one by one, or kept for the COMMIT of the transaction the steps share (which comes now
   * when SQLite's shared transaction has been open for the commit interval). Returns how many
   * steps this made durable, this one last (0: not yet), so nothing is reported done before it is.
   */
  async completeStep(record: R): Promise<number> {
    if (this.mode === 'none' || (this.mode === 'per-migration' && !this.#savepointSteps)) {
      await this.#writeRecords([record]);
      if (this.#open) await this.#commit();
      return 1;
    }
    if (this.#stepOpen) {
      this.#stepOpen = false;
      await this.#session.execute(`RELEASE ${STEP_SAVEPOINT}`);
    }
    this.#pending.push(record);
    if (!this.#savepointSteps || performance.now() - this.#openedAt < SHARED_COMMIT_INTERVAL_MS) return 0;
    const steps = this.#pending.length;
    await this.#commit();
    return steps;
  }

  /**
   * The run failed: undoes the unfinished step and keeps what the mode promises to keep — the
   * earlier steps in `per-migration` (committed here when they share the run's transaction),
   * nothing in `all`. Safe to call twice. A failure to roll back is not worth masking the cause.
   */
  async abandon(): Promise<void> {
    if (!this.#open) return;
    if (this.#savepointSteps) {
      const stepOpen = this.#stepOpen;
      this.#stepOpen = false;
      try {
        if (stepOpen) {
          await this.#session.execute(`ROLLBACK TO ${STEP_SAVEPOINT}`);
          await this.#session.execute(`RELEASE ${STEP_SAVEPOINT}`);
        }
        await this.#commit();
        return;
      } catch {
        // SQLite rolls the whole transaction back by itself after some errors (disk full, I/O):
        // the savepoint is gone and the database is back where the run started. Or writing the
        // earlier steps' records failed: the shared transaction cannot keep its steps without them.
      }
    }
    this.#pending = [];
    this.#open = false;
    if (this.#lazyBegin && !this.#begun) return;
    this.#begun = false;
    await this.#session.execute('ROLLBACK').catch(() => {});
  }

  /** The run succeeded: commits what is still open. */
  async finish(): Promise<void> {
    if (this.#open) await this.#commit();
  }

  /**
   * Commits everything so far, for `op.outsideTransaction`; returns false when no transaction
   * was open. The step's work is verified first, as before any commit.
   */
  async suspend(revision: string): Promise<boolean> {
    if (!this.#open) return false;
    await this.verifyStep(revision);
    // COMMIT also releases the step's savepoint.
    this.#stepOpen = false;
    await this.#commit();
    return true;
  }

  /** Reopens the step's transaction (and savepoint) after `suspend`. */
  async resume(): Promise<void> {
    await this.#openStep();
  }

  /** Undoes the run's preparation and stops watching statements; call when the run ends. */
  async close(): Promise<void> {
    this.#session.afterEachStatement(null);
    this.#session.beforeEachStatement(null);
    await this.#guard?.restore();
  }

  /**
   * Writes the records still pending, then commits. When they cannot be written, the transaction
   * rolls back whole: its steps must not commit without their version rows.
   */
  async #commit(): Promise<void> {
    const records = this.#pending;
    this.#pending = [];
    if (records.length > 0) {
      try {
        await this.#writeRecords(records);
      } catch (error) {
        this.#open = false;
        this.#begun = false;
        await this.#session.execute('ROLLBACK').catch(() => {});
        throw error;
      }
    }
    this.#open = false;
    // Nothing begun since the last implicit commit: there is nothing to commit.
    if (this.#lazyBegin && !this.#begun) return;
    this.#begun = false;
    await this.#session.execute('COMMIT');
  }
}
