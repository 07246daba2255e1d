import type { DialectAdapter, DriverConnection } from '../dialects/adapter.js';
import { adapterFor } from '../dialects/index.js';
import { type AnyKysely, kyselyOver } from '../kysely.js';
import type { StatementResult } from '../operations/context.js';
import { DriverNotInstalledError } from './driver-errors.js';
import { ConnectionFailedError, InvalidDatabaseUrlError } from './errors.js';
import { type ConnectionSpec, describeConnection } from './url.js';

/** Told about every statement run on the session's connection, after it ran or failed. */
export type StatementListener = (event: { sql: string; error: unknown | null }) => void;

/**
 * One database connection held for a whole run, so that session-level locks, transactions and
 * the revisions' own queries (raw SQL and `op.db`) all happen on it.
 */
export interface Session {
  readonly spec: ConnectionSpec;
  readonly adapter: DialectAdapter;
  readonly serverVersion: string;
  execute(sql: string, parameters?: readonly unknown[]): Promise<StatementResult>;
  /**
   * Kysely bound to this connection, for `op.db`: its queries go through `execute`, so they are
   * recorded with the revision's other statements and run inside the migration's transaction.
   * Kysely is loaded on first read.
   */
  readonly db: AnyKysely;
  /** Replaces the listener told about each statement (null: none). */
  listen(listener: StatementListener | null): void;
  /**
   * Runs `hook` after each successful statement, before `execute` resolves (null: none). The
   * hook's own statements do not trigger it again.
   */
  afterEachStatement(hook: ((sql: string) => Promise<void>) | null): void;
  /** Runs `hook` before each statement is sent (null: none); like `afterEachStatement` otherwise. */
  beforeEachStatement(hook: ((sql: string) => Promise<void>) | null): void;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** SQLite busy timeout; defaults to 5 s. */
  readonly busyTimeoutMs?: number;
}

/** Connects with the dialect's driver; connection problems become `ConnectionFailedError`. */
export async function connect(spec: ConnectionSpec, options: ConnectOptions = {}): Promise<Session> {
  const adapter = adapterFor(spec.dialect);
  let connection: DriverConnection;
  let serverVersion: string;
  try {
    connection = await adapter.open(spec, { busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    // A driver that is not installed, or TLS parameters that make no sense, are the project's
    // set-up, not the server's doing: reported as they are, not as a connection failure.
    if (error instanceof DriverNotInstalledError || error instanceof InvalidDatabaseUrlError) throw error;
    throw connectionFailure(adapter, spec, error);
  }
  try {
    const { rows } = await connection.query(adapter.serverVersionQuery, []);
    serverVersion = String(Object.values(rows[0] ?? {})[0]);
  } catch (error) {
    await connection.close().catch(() => {});
    throw connectionFailure(adapter, spec, error);
  }

  let listener: StatementListener | null = null;
  let afterEach: ((sql: string) => Promise<void>) | null = null;
  let beforeEach: ((sql: string) => Promise<void>) | null = null;
  let inHook = false;
  let kysely: AnyKysely | null = null;

  const execute = async (sql: string, parameters: readonly unknown[] = []): Promise<StatementResult> => {
    if (beforeEach !== null && !inHook) {
      inHook = true;
      try {
        await beforeEach(sql);
      } finally {
        inHook = false;
      }
    }
    try {
      const result = await connection.query(sql, parameters);
      listener?.({ sql, error: null });
      if (afterEach !== null && !inHook) {
        inHook = true;
        try {
          await afterEach(sql);
        } finally {
          inHook = false;
        }
      }
      return result;
    } catch (error) {
      listener?.({ sql, error });
      throw error;
    }
  };

  return {
    spec,
    adapter,
    serverVersion,
    execute,
    get db() {
      kysely ??= kyselyOver(spec.dialect, execute, {
        begin: adapter.beginStatement,
        commit: 'COMMIT',
        rollback: 'ROLLBACK',
      });
      return kysely;
    },
    listen(next) {
      listener = next;
    },
    afterEachStatement(hook) {
      afterEach = hook;
    },
    beforeEachStatement(hook) {
      beforeEach = hook;
    },
    async close() {
      listener = null;
      afterEach = null;
      beforeEach = null;
      await connection.close();
    },
  };
}

/** Anything that goes wrong while connecting is a connection failure, named by host and database. */
function connectionFailure(
  adapter: DialectAdapter,
  spec: ConnectionSpec,
  error: unknown,
): ConnectionFailedError {
  const reason =
    adapter.connectionFailureReason(error, spec) ?? (error instanceof Error ? error.message : String(error));
  return new ConnectionFailedError(describeConnection(spec), reason, { cause: error });
}
