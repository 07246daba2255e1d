import { existsSync } from 'node:fs';
import type { StatementResult } from '../operations/context.js';
import { Operations } from '../operations/operations.js';
import { connect, type Session } from '../runtime/session.js';
import type { ConnectionSpec } from '../runtime/url.js';
import type { RowProbe } from './classify.js';
import { SimulationContext } from './simulation-context.js';
import type { LiveCatalog } from './will-fail.js';

/** Whether each table has rows, read with one `SELECT 1 … LIMIT 1` per table. */
export function rowProbe(session: Session): RowProbe {
  return async (table) => {
    try {
      const { rows } = await session.execute(
        `SELECT 1 AS present FROM ${session.adapter.quoteIdentifier(table)} LIMIT 1`,
      );
      return rows.length > 0 ? 'rows' : 'empty';
    } catch (error) {
      if (session.adapter.isMissingTable(error)) return 'missing';
      throw error;
    }
  };
}

const READ_ONLY: Record<Session['spec']['dialect'], string> = {
  sqlite: 'PRAGMA query_only = ON',
  postgresql: 'SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY',
  mysql: 'SET SESSION TRANSACTION READ ONLY',
};

/**
 * Connects in read-only mode, so that nothing lint, doctor or log run (a revision's SELECT with
 * side effects included) can change the database; null for a SQLite file that does not exist,
 * which opening would create.
 */
export async function connectIfExists(spec: ConnectionSpec): Promise<Session | null> {
  if (spec.dialect === 'sqlite' && spec.filename !== ':memory:' && !existsSync(spec.filename)) return null;
  const session = await connect(spec);
  try {
    await session.execute(READ_ONLY[spec.dialect]);
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

/**
 * A simulation context over a live session: a check's `op` (op.inspect, op.db reads) reads the
 * real database, and a write is handed to `onWrite` instead of running (ignored by default).
 */
export function liveSimulation(
  session: Session,
  source: { readonly revision: string; readonly revisionPath: string },
  onWrite: (sql: string) => void = () => {},
): SimulationContext {
  return new SimulationContext({
    dialect: session.spec.dialect,
    serverVersion: session.serverVersion,
    revision: source.revision,
    revisionPath: source.revisionPath,
    read: (statement) => session.execute(statement.sql, statement.parameters),
    onWrite,
  });
}

/** The live catalog and data the will-fail checks of lint and --plan read, through the read-only session. */
export function liveCatalog(session: Session): LiveCatalog {
  const context = liveSimulation(session, { revision: 'lint', revisionPath: '' });
  return {
    dialect: session.spec.dialect,
    inspector: new Operations(context).inspect,
    rows: rowProbe(session),
    query: (sql) => boundedQuery(session, sql, PROBE_TIMEOUT_MS),
  };
}

/** How long one will-fail probe (a duplicate or NULL search) may run before it is given up. */
export const PROBE_TIMEOUT_MS = 2000;

/**
 * Runs a read-only query that the server abandons after `timeoutMs` (PostgreSQL's
 * statement_timeout, MariaDB's max_statement_time, MySQL's MAX_EXECUTION_TIME hint), so a probe
 * over a huge table cannot hold lint up; the rejection is the query's error. SQLite, in process,
 * has no statement timeout: its probes run to the end.
 */
export async function boundedQuery(
  session: Session,
  sql: string,
  timeoutMs: number,
): Promise<StatementResult> {
  const ms = Math.max(1, Math.round(timeoutMs));
  switch (session.spec.dialect) {
    case 'postgresql':
      await session.execute(`SET statement_timeout = ${ms}`);
      try {
        return await session.execute(sql);
      } finally {
        await session.execute('RESET statement_timeout');
      }
    case 'mysql':
      if (/mariadb/i.test(session.serverVersion)) {
        return session.execute(`SET STATEMENT max_statement_time = ${ms / 1000} FOR ${sql}`);
      }
      return session.execute(sql.replace(/^\s*SELECT\b/i, `SELECT /*+ MAX_EXECUTION_TIME(${ms}) */`));
    case 'sqlite':
      return session.execute(sql);
  }
}
