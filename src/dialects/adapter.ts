import type { DialectName } from '../dialect.js';
import type { AmbixError } from '../errors.js';
import type { ColumnShape, LockHolder } from '../runtime/errors.js';
import type { ConnectionSpec } from '../runtime/url.js';

/** Where the version table lives (`alembic_version` in the default schema unless configured). */
export interface VersionTableRef {
  readonly name: string;
  readonly schema: string | null;
}

/** Runs one SQL statement on the migration's pinned connection. */
export type StatementRunner = (
  sql: string,
  parameters?: readonly unknown[],
) => Promise<{ readonly rows: readonly Record<string, unknown>[]; readonly numAffectedRows?: bigint }>;

/**
 * The run-wide lock that keeps two ambix processes from migrating one database at once. It is a
 * lock the server (or the OS, for SQLite) drops when the holding process dies, so a crash never
 * leaves it stuck.
 */
export interface MigrationLock {
  /** Reads after "the migration lock": `on database "app" (PostgreSQL advisory lock 123)`. */
  readonly description: string;
  /** Takes the lock if free; never waits. */
  tryAcquire(): Promise<boolean>;
  /** Who holds it, where the database can tell; null when it cannot. */
  holder(): Promise<LockHolder | null>;
  release(): Promise<void>;
}

/**
 * What a dialect stops enforcing for the length of a run and checks itself instead (SQLite's
 * foreign keys), so that a migration that breaks it fails and rolls back like any other.
 */
export interface ConsistencyGuard {
  /** A migration step starts: what ran before it (the runtime's own statements) is settled. */
  startStep(): void;
  /** Told each statement that succeeded on the connection, to skip checks nothing could break. */
  observe(sql: string): void;
  /** Throws a typed error naming `revision` when the work since the last check broke the rule. */
  check(revision: string): Promise<void>;
  /** Restores the connection's setting; called once the run holds no transaction. */
  restore(): Promise<void>;
}

export interface ConnectOptions {
  /** How long SQLite waits on a busy database before failing a statement. */
  readonly busyTimeoutMs: number;
}

/** The result of one statement, as every driver reports it. */
export interface DriverResult {
  readonly rows: Record<string, unknown>[];
  readonly numAffectedRows?: bigint;
  readonly insertId?: bigint;
}

/** One open connection of the dialect's own driver (better-sqlite3, pg, mysql2). */
export interface DriverConnection {
  query(sql: string, parameters: readonly unknown[]): Promise<DriverResult>;
  close(): Promise<void>;
}

/** Everything that differs between the databases; the executor itself is dialect-neutral. */
export interface DialectAdapter {
  readonly name: DialectName;
  /** DDL runs inside a transaction and rolls back with it (false: DDL commits implicitly). */
  readonly transactionalDdl: boolean;
  /** The statement that opens a migration transaction. */
  readonly beginStatement: string;
  /**
   * In `per-migration` mode, run each migration in a SAVEPOINT of one run-wide transaction
   * instead of a transaction of its own (SQLite, where every COMMIT syncs the file).
   */
  readonly stepsAsSavepoints: boolean;
  /**
   * Prepares the migration connection before the run's first transaction and returns the check
   * to make before each commit point; absent when the dialect needs neither.
   */
  prepareRun?(run: StatementRunner): Promise<ConsistencyGuard>;
  /** Offline SQL wraps transactions in BEGIN/COMMIT only where DDL is transactional (as Alembic). */
  readonly offlineTransactions: boolean;
  /**
   * Opens a connection with the dialect's driver. Drivers are imported only here,
   * so a process loads just the one it uses: the no-op `upgrade head` at every app start stays fast.
   */
  open(spec: ConnectionSpec, options: ConnectOptions): Promise<DriverConnection>;
  readonly serverVersionQuery: string;
  quoteIdentifier(name: string): string;
  /** A value as an inline SQL literal, for offline scripts. */
  renderLiteral(value: unknown): string;
  /** Positional parameter placeholders in compiled SQL: `$1` (PostgreSQL) or `?`. */
  readonly placeholderStyle: 'dollar' | 'question';
  /** True for the error a SELECT on a table that does not exist raises. */
  isMissingTable(error: unknown): boolean;
  /** A one-line reason when `error` is a failure to connect (never containing the password). */
  connectionFailureReason(error: unknown, spec: ConnectionSpec): string | null;
  /** Suffix Alembic (SQLAlchemy 1.4) puts on the offline version-row INSERT. */
  offlineInsertSuffix(table: string): string;
  createLock(spec: ConnectionSpec, run: StatementRunner, table: VersionTableRef): MigrationLock;
  /** The table's columns in order; empty when it does not exist. For shape checks and messages. */
  tableColumns(run: StatementRunner, table: VersionTableRef): Promise<ColumnShape[]>;
  /**
   * The typed error for a failure of the database's environment rather than of the SQL (SQLite:
   * read-only file or folder, disk full), naming the file at fault; null for any other error.
   */
  environmentFailure?(error: unknown, spec: ConnectionSpec): AmbixError | null;
  /**
   * Where DDL commits implicitly: after `error` ended a statement, whether the database had
   * already committed the open transaction (null: it cannot tell, the caller decides by rule).
   */
  committedBeforeFailure?(run: StatementRunner, sql: string, error: unknown): Promise<boolean | null>;
}

/** Reads the shape of a column list from rows `{ name, type, max }`. */
export function columnShapes(rows: readonly Record<string, unknown>[]): ColumnShape[] {
  return rows.map((row) => {
    const type = String(row.type);
    const declared = /\(\s*(\d+)\s*\)/.exec(type)?.[1];
    const max = row.max ?? declared;
    return {
      name: String(row.name),
      type,
      maxLength: max === null || max === undefined ? null : Number(max),
    };
  });
}

/** Standard SQL string literal; `backslashEscapes` for MySQL, whose strings treat `\` as an escape. */
export function renderStandardLiteral(value: unknown, options: { backslashEscapes: boolean }): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return quoteString(value.toISOString(), options);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return `X'${Buffer.from(value).toString('hex')}'`;
  if (typeof value === 'string') return quoteString(value, options);
  return quoteString(JSON.stringify(value), options);
}

function quoteString(text: string, options: { backslashEscapes: boolean }): string {
  const escaped = options.backslashEscapes ? text.replaceAll('\\', '\\\\') : text;
  return `'${escaped.replaceAll("'", "''")}'`;
}

/** The error code a driver put on an error (`code` for pg / better-sqlite3, `errno` too for mysql2). */
export function errorField(error: unknown, field: 'code' | 'errno' | 'message'): string | undefined {
  if (typeof error !== 'object' || error === null || !(field in error)) return undefined;
  const value = (error as Record<string, unknown>)[field];
  return value === undefined || value === null ? undefined : String(value);
}
