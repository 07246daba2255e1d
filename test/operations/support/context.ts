/**
 * MigrationContexts for operation tests, without the runtime: an online one over a fresh test
 * database (statements run directly, autocommit) and an offline one that records statements.
 */
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import type { DialectName } from '../../../src/dialect.js';
import type { MigrationContext, Statement, StatementResult } from '../../../src/operations/context.js';
import { OfflineNotSupportedError } from '../../../src/operations/errors.js';
import { createTestDatabase } from '../../support/databases.js';

export const TEST_REVISION = 'ae1027a6acf';
export const TEST_REVISION_PATH = 'migrations/versions/ae1027a6acf_test.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests query arbitrary schemas.
export type AnyKysely = Kysely<any>;

export interface OnlineTestContext {
  readonly context: MigrationContext;
  /** The same connection, for arranging data and checking results outside the operations. */
  readonly db: AnyKysely;
  /** Every statement the context ran, in order. */
  readonly statements: Statement[];
  close(): Promise<void>;
}

function connect(dialect: DialectName, url: string, name: string): AnyKysely {
  if (dialect === 'sqlite') {
    return new Kysely({ dialect: new SqliteDialect({ database: new Database(name) }) });
  }
  if (dialect === 'postgresql') {
    return new Kysely({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    });
  }
  return new Kysely({ dialect: new MysqlDialect({ pool: createPool({ uri: url, connectionLimit: 1 }) }) });
}

async function serverVersion(db: AnyKysely, dialect: DialectName): Promise<string> {
  const query = {
    sqlite: 'select sqlite_version() as v',
    postgresql: 'select current_setting($$server_version$$) as v',
    mysql: 'select version() as v',
  }[dialect];
  const result = await db.executeQuery<{ v: string }>(CompiledQuery.raw(query));
  return String(result.rows[0]?.v);
}

export async function openOnlineContext(dialect: DialectName): Promise<OnlineTestContext> {
  const database = await createTestDatabase(dialect);
  const db = connect(dialect, database.url, database.name);
  const statements: Statement[] = [];
  const context: MigrationContext = {
    dialect,
    serverVersion: await serverVersion(db, dialect),
    offline: false,
    revision: TEST_REVISION,
    revisionPath: TEST_REVISION_PATH,
    db,
    async run(statement: Statement): Promise<StatementResult> {
      statements.push(statement);
      const result = await db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(statement.sql, [...statement.parameters]),
      );
      return { rows: result.rows, numAffectedRows: result.numAffectedRows };
    },
    outsideTransaction: (work) => work(),
  };
  return {
    context,
    db,
    statements,
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}

export interface OfflineTestContext {
  readonly context: MigrationContext;
  readonly statements: Statement[];
  /** The SQL of statements recorded inside `outsideTransaction`. */
  readonly outsideTransaction: string[];
}

export function offlineContext(dialect: DialectName): OfflineTestContext {
  const statements: Statement[] = [];
  const outsideTransaction: string[] = [];
  const location = { revision: TEST_REVISION, revisionPath: TEST_REVISION_PATH };
  const context: MigrationContext = {
    dialect,
    serverVersion: null,
    offline: true,
    revision: TEST_REVISION,
    revisionPath: TEST_REVISION_PATH,
    get db(): AnyKysely {
      throw new OfflineNotSupportedError(location, 'op.db');
    },
    async run(statement: Statement): Promise<StatementResult> {
      statements.push(statement);
      return { rows: [] };
    },
    async outsideTransaction(work) {
      const before = statements.length;
      const result = await work();
      outsideTransaction.push(...statements.slice(before).map((statement) => statement.sql));
      return result;
    },
  };
  return { context, statements, outsideTransaction };
}
