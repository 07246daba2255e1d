import { createRequire } from 'node:module';
import type {
  DatabaseConnection,
  DatabaseIntrospector,
  DialectAdapter,
  Kysely,
  QueryCompiler,
  QueryResult,
} from 'kysely';
import type { DialectName } from './dialect.js';

/**
 * Kysely, loaded on first use. It is some 250 modules (about 100 ms to load), and most migration
 * runs never build a query: raw SQL, `.sql` revisions and the version table do without it. `op.db`
 * is a synchronous property, so the load must be synchronous too, hence `require`: the CommonJS
 * build is also the copy a TypeScript revision's own `import { sql } from 'kysely'` resolves to,
 * since revisions run as CommonJS.
 */
export type KyselyLibrary = typeof import('kysely');

let library: KyselyLibrary | undefined;

export function kyselyLibrary(): KyselyLibrary {
  library ??= createRequire(import.meta.url)('kysely') as KyselyLibrary;
  return library;
}

// biome-ignore lint/suspicious/noExplicitAny: ambix does not know the schema of the database it migrates; Kysely's own Migrator takes Kysely<any> for the same reason.
export type AnyKysely = Kysely<any>;

/** Kysely's adapter, query compiler and introspector for a dialect; the driver is the caller's. */
export interface KyselyDialectParts {
  createAdapter(): DialectAdapter;
  createQueryCompiler(): QueryCompiler;
  createIntrospector(db: AnyKysely): DatabaseIntrospector;
}

export function kyselyDialectParts(dialect: DialectName): KyselyDialectParts {
  const k = kyselyLibrary();
  switch (dialect) {
    case 'sqlite':
      return {
        createAdapter: () => new k.SqliteAdapter(),
        createQueryCompiler: () => new k.SqliteQueryCompiler(),
        createIntrospector: (db) => new k.SqliteIntrospector(db),
      };
    case 'postgresql':
      return {
        createAdapter: () => new k.PostgresAdapter(),
        createQueryCompiler: () => new k.PostgresQueryCompiler(),
        createIntrospector: (db) => new k.PostgresIntrospector(db),
      };
    case 'mysql':
      return {
        createAdapter: () => new k.MysqlAdapter(),
        createQueryCompiler: () => new k.MysqlQueryCompiler(),
        createIntrospector: (db) => new k.MysqlIntrospector(db),
      };
  }
}

/** Runs one compiled statement; what `kyselyOver` sends every query and transaction statement to. */
export type StatementSink = (
  sql: string,
  parameters: readonly unknown[],
) => Promise<{ rows: readonly unknown[]; numAffectedRows?: bigint; insertId?: bigint }>;

export interface TransactionStatements {
  readonly begin: string;
  readonly commit: string;
  readonly rollback: string;
}

/**
 * A Kysely with a single connection that is `execute`: every query (and, when `transactions` is
 * given, `db.transaction()`'s BEGIN/COMMIT/ROLLBACK) goes through it, so it runs where the caller
 * runs its own statements. Without `transactions`, `db.transaction()` adds no statements.
 */
export function kyselyOver(
  dialect: DialectName,
  execute: StatementSink,
  transactions: TransactionStatements | null,
): AnyKysely {
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: { sql: string; parameters: readonly unknown[] }): Promise<QueryResult<R>> {
      const result = await execute(query.sql, query.parameters);
      return { ...result, rows: result.rows as R[] };
    },
    // biome-ignore lint/correctness/useYield: streaming is not offered; the throw is the whole body.
    async *streamQuery() {
      throw new Error('ambix: streaming queries are not supported inside migrations; use execute()');
    },
  };
  const statement = (sql: string | undefined) => async () => {
    if (sql !== undefined) await execute(sql, []);
  };
  const { Kysely } = kyselyLibrary();
  return new Kysely({
    dialect: {
      ...kyselyDialectParts(dialect),
      createDriver: () => ({
        init: async () => {},
        acquireConnection: async () => connection,
        beginTransaction: statement(transactions?.begin),
        commitTransaction: statement(transactions?.commit),
        rollbackTransaction: statement(transactions?.rollback),
        releaseConnection: async () => {},
        destroy: async () => {},
      }),
    },
  });
}

const compileOnly = new Map<DialectName, AnyKysely>();

/**
 * A Kysely that only compiles and never connects: it turns query builders and `sql` templates
 * into SQL text for the dialect (offline rendering, `op.bulkInsert`).
 */
export function compileOnlyKysely(dialect: DialectName): AnyKysely {
  let db = compileOnly.get(dialect);
  if (db === undefined) {
    const k = kyselyLibrary();
    db = new k.Kysely({
      dialect: { ...kyselyDialectParts(dialect), createDriver: () => new k.DummyDriver() },
    });
    compileOnly.set(dialect, db);
  }
  return db;
}
