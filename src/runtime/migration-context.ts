import type { MigrationContext, Statement, StatementResult } from '../operations/context.js';
import type { ProgressListener } from '../operations/data/progress.js';
import type { Session } from './session.js';
import type { StatementRecord } from './statement-record.js';
import type { TransactionControl } from './transaction.js';

/** What a revision's `outsideTransaction` block needs of the run's transactions. */
type SuspendableTransaction = Pick<TransactionControl<unknown>, 'suspend' | 'resume'>;

/**
 * The online `MigrationContext`: statements run on the run's pinned connection, inside the
 * step's transaction when there is one.
 *
 * `outsideTransaction(work)` contract:
 * - a transaction is open (`per-migration`, `all`): it is committed — in `all` mode, and on
 *   SQLite where the steps are savepoints of one transaction, that commits every earlier step of
 *   the run too, with their version rows, so the database is consistent at that point (SQLite's
 *   foreign keys are checked first, as before any commit) — then `work` runs in autocommit mode, then a new transaction opens for the rest of
 *   the revision. If the revision fails later, what ran before and inside the block stays.
 * - no transaction (`none`): `work` just runs.
 * - the same on every dialect: SQLite and MySQL/MariaDB need no special statement to leave a
 *   transaction, and the block still means "these statements commit on their own".
 */
export class OnlineMigrationContext implements MigrationContext {
  readonly offline = false;
  readonly dialect;
  readonly serverVersion;
  readonly revision: string;
  readonly revisionPath: string;
  readonly #session: Session;
  readonly #transaction: SuspendableTransaction;
  readonly #record: StatementRecord;

  constructor(
    session: Session,
    transaction: SuspendableTransaction,
    record: StatementRecord,
    revision: { id: string; path: string },
    readonly onProgress?: ProgressListener,
  ) {
    this.#session = session;
    this.#transaction = transaction;
    this.#record = record;
    this.dialect = session.spec.dialect;
    this.serverVersion = session.serverVersion;
    this.revision = revision.id;
    this.revisionPath = revision.path;
  }

  get db() {
    return this.#session.db;
  }

  run(statement: Statement): Promise<StatementResult> {
    return this.#session.execute(statement.sql, statement.parameters);
  }

  async outsideTransaction<T>(work: () => Promise<T>): Promise<T> {
    const suspended = await this.#record.ignoring(() => this.#transaction.suspend(this.revision));
    if (!suspended) return work();
    this.#record.markCommitted();
    this.#record.setAutocommit(true);
    let result: T;
    try {
      result = await work();
    } finally {
      this.#record.setAutocommit(false);
    }
    await this.#record.ignoring(() => this.#transaction.resume());
    return result;
  }
}
