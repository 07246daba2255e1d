import type { DialectName } from '../dialect.js';
import { type AnyKysely, kyselyOver } from '../kysely.js';
import type { MigrationContext, Statement, StatementResult } from '../operations/context.js';
import { isReadStatement } from './sql-rules.js';

/** Answers a revision's reads during a simulation: the live database's answer, or no rows. */
export type ReadStatement = (statement: Statement) => Promise<StatementResult>;

const NO_ROWS: StatementResult = { rows: [] };

/**
 * A MigrationContext that never changes the database: reads are answered by `read` (the live
 * database when there is one), every other statement is handed to `onWrite`
 * and not executed. Unlike the offline context it says it is online, so revisions take the same
 * path they take in production and their guards run.
 */
export class SimulationContext implements MigrationContext {
  readonly offline = false;
  readonly dialect: DialectName;
  readonly serverVersion: string | null;
  readonly revision: string;
  readonly revisionPath: string;
  readonly #read: ReadStatement;
  readonly #onWrite: (sql: string) => void;
  #db: AnyKysely | undefined;

  constructor(options: SimulationOptions) {
    this.dialect = options.dialect;
    this.serverVersion = options.serverVersion;
    this.revision = options.revision;
    this.revisionPath = options.revisionPath;
    this.#read = options.read;
    this.#onWrite = options.onWrite;
  }

  /** `op.db` over this context: its reads are answered, its writes recorded; transactions are no-ops. */
  get db(): AnyKysely {
    this.#db ??= kyselyOver(this.dialect, (sql, parameters) => this.run({ sql, parameters }), null);
    return this.#db;
  }

  async run(statement: Statement): Promise<StatementResult> {
    if (isReadStatement(statement.sql)) return this.#read(statement);
    this.#onWrite(statement.sql);
    return NO_ROWS;
  }

  outsideTransaction<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }
}

export interface SimulationOptions {
  readonly dialect: DialectName;
  readonly serverVersion: string | null;
  readonly revision: string;
  readonly revisionPath: string;
  readonly read: ReadStatement;
  readonly onWrite: (sql: string) => void;
}
