import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
import type { ProgressListener } from './data/progress.js';

/** A SQL statement with positional parameters, as Kysely compiles it. */
export interface Statement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

export interface StatementResult {
  readonly rows: readonly Record<string, unknown>[];
  readonly numAffectedRows?: bigint;
}

/**
 * What the operations API needs from the runtime while one revision runs. The runtime builds one
 * per migration step: online it executes on the migration's connection (inside its transaction
 * when there is one); offline (`--sql`) it records statements for the script and refuses reads.
 */
export interface MigrationContext {
  readonly dialect: DialectName;
  /** The server's version string online (`16.4`, `10.11.9-MariaDB`, `3.46.0`); null offline. */
  readonly serverVersion: string | null;
  readonly offline: boolean;
  /** The revision being run, for error messages. */
  readonly revision: string;
  /** The revision's file, for error messages. */
  readonly revisionPath: string;
  /** Execute (online) or record (offline) one statement. Offline it resolves with no rows. */
  run(statement: Statement): Promise<StatementResult>;
  /**
   * A Kysely instance bound to the migration's connection and transaction. Offline this throws
   * `OfflineNotSupportedError` naming the revision, because reads need a live database.
   */
  // biome-ignore lint/suspicious/noExplicitAny: a revision's schema is unknown to ambix; Kysely's own Migrator takes Kysely<any> for the same reason.
  readonly db: Kysely<any>;
  /**
   * Run `work` outside any transaction: the runtime commits the migration's transaction so far,
   * runs `work` in autocommit mode, then opens a new transaction for the rest of the migration.
   * Needed for PostgreSQL `CREATE INDEX CONCURRENTLY` and `ALTER TYPE … ADD VALUE`.
   */
  outsideTransaction<T>(work: () => Promise<T>): Promise<T>;
  /** Where `op.progress` and `op.backfill` report progress (the run's `onEvent`); absent offline. */
  readonly onProgress?: ProgressListener;
}
