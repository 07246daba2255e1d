import { Kysely, type QueryResult } from 'kysely';
import type { DialectName } from '../dialect.js';
import type { MigrationContext, Statement, StatementResult } from '../operations/context.js';
import { adapterFor } from '../runtime/dialects/index.js';
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
  // biome-ignore lint/suspicious/noExplicitAny: a revision's schema is unknown to ambix.
  readonly db: Kysely<any>;
  readonly #read: ReadStatement;
  readonly #onWrite: (sql: string) => void;

  private constructor(
    options: SimulationOptions,
    // biome-ignore lint/suspicious/noExplicitAny: see db.
    db: (context: SimulationContext) => Kysely<any>,
  ) {
    this.dialect = options.dialect;
    this.serverVersion = options.serverVersion;
    this.revision = options.revision;
    this.revisionPath = options.revisionPath;
    this.#read = options.read;
    this.#onWrite = options.onWrite;
    this.db = db(this);
  }

  static async create(options: SimulationOptions): Promise<SimulationContext> {
    const parts = await adapterFor(options.dialect).kyselyParts();
    return new SimulationContext(options, (context) => {
      const connection = {
        async executeQuery<R>(query: {
          sql: string;
          parameters: readonly unknown[];
        }): Promise<QueryResult<R>> {
          const result = await context.run({ sql: query.sql, parameters: query.parameters });
          return { rows: result.rows as R[] };
        },
        // biome-ignore lint/correctness/useYield: streaming is not offered; the throw is the whole body.
        async *streamQuery(): AsyncIterableIterator<QueryResult<never>> {
          throw new Error('ambix: streaming queries are not supported inside migrations');
        },
      };
      const idle = async () => {};
      return new Kysely({
        dialect: {
          ...parts,
          createDriver: () => ({
            init: idle,
            acquireConnection: async () => connection,
            beginTransaction: idle,
            commitTransaction: idle,
            rollbackTransaction: idle,
            releaseConnection: idle,
            destroy: idle,
          }),
        },
      });
    });
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
