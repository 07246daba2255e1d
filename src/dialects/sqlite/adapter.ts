import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { quoteIdentifier } from '../../operations/ddl/sql-text.js';
import { DatabaseFileError, type LockHolder } from '../../runtime/errors.js';
import type { ConnectionSpec } from '../../runtime/url.js';
import {
  columnShapes,
  type DialectAdapter,
  errorField,
  type MigrationLock,
  renderStandardLiteral,
} from '../adapter.js';
import { betterSqlite3Driver } from '../drivers.js';
import { checkForeignKeysAtCommits } from './foreign-keys.js';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/** Kept prepared statements per connection; beyond this the set starts over. */
const PREPARED_STATEMENT_LIMIT = 64;

function filenameOf(spec: ConnectionSpec): string {
  if (spec.dialect !== 'sqlite') throw new TypeError(`sqlite adapter given a ${spec.dialect} spec`);
  return spec.filename;
}

/**
 * SQLite's migration lock lives in a sidecar file (`<db>-ambix-lock`) held with `BEGIN EXCLUSIVE`
 * on a connection of its own. Locking the database file itself would stop the run's own
 * per-migration commits; SQLite's file locks are released by the OS when the process dies.
 * The sidecar is never deleted: a waiter may hold it open, and a new file would be a second lock.
 */
class SqliteSidecarLock implements MigrationLock {
  readonly description: string;
  readonly #path: string;
  readonly #databaseFile: string;
  #handle: BetterSqlite3.Database | null = null;

  constructor(databaseFile: string) {
    this.#path = `${databaseFile}-ambix-lock`;
    this.#databaseFile = databaseFile;
    this.description = `on ${databaseFile} (lock file ${this.#path})`;
  }

  async tryAcquire(): Promise<boolean> {
    const Database = betterSqlite3Driver();
    let handle: BetterSqlite3.Database;
    try {
      handle = new Database(this.#path, { timeout: 0 });
    } catch (error) {
      throw lockFileFailure(this.#path, this.#databaseFile, error);
    }
    try {
      handle.exec('BEGIN EXCLUSIVE');
      this.#handle = handle;
      return true;
    } catch (error) {
      handle.close();
      if (errorField(error, 'code') === 'SQLITE_BUSY') return false;
      throw lockFileFailure(this.#path, this.#databaseFile, error);
    }
  }

  async holder(): Promise<LockHolder | null> {
    return null;
  }

  async release(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    if (handle === null) return;
    try {
      handle.exec('ROLLBACK');
    } finally {
      handle.close();
    }
  }
}

/** The lock side file cannot be created or locked: its folder is read-only or full. */
function lockFileFailure(lockFile: string, databaseFile: string, error: unknown): DatabaseFileError {
  const folder = dirname(lockFile);
  return new DatabaseFileError('LOCK_FILE_UNAVAILABLE', {
    file: lockFile,
    folder,
    message:
      `Cannot open the lock side file ${lockFile} of the SQLite database ${databaseFile}: ` +
      `${errorField(error, 'message') ?? String(error)}. ambix holds its migration lock in that file, so the ` +
      `folder ${folder} must be writable (it is read-only, or its disk is full). Make it writable, then rerun; ` +
      'nothing was changed.',
    cause: error,
  });
}

/**
 * A failure of the file system under the database rather than of a statement: a read-only file
 * or folder (read-only mount, permissions) or a full disk. SQLite has then rolled back the open
 * transaction itself.
 */
function sqliteEnvironmentFailure(error: unknown, spec: ConnectionSpec): DatabaseFileError | null {
  const code = errorField(error, 'code') ?? '';
  if (spec.dialect !== 'sqlite' || spec.filename === ':memory:') return null;
  const file = spec.filename;
  const folder = dirname(file);
  const said = errorField(error, 'message') ?? code;
  if (code === 'SQLITE_FULL') {
    return new DatabaseFileError('DISK_FULL', {
      file,
      folder,
      message:
        `The disk holding the SQLite database ${file} is full (SQLite said: ${said}). SQLite rolled back ` +
        `what this run had not committed. Free space in ${folder} (SQLite needs room for the database to ` +
        'grow and for its journal, up to the size of the changes), then rerun; `ambix current` shows where ' +
        'the database is.',
      cause: error,
    });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
    return new DatabaseFileError('DATABASE_READ_ONLY', {
      file,
      folder,
      message:
        `The SQLite database ${file} cannot be written (SQLite said: ${said}): the file or its folder ` +
        `${folder} is read-only (a read-only mount, or permissions). ambix must write the file and create ` +
        `its journal and lock side files in ${folder}. Make both writable, or migrate a writable copy; ` +
        'nothing was changed.',
      cause: error,
    });
  }
  return null;
}

/**
 * DDL and savepoint statements return no rows and change no row counts, so they go through
 * `exec`, which finalizes each statement at once instead of leaving it to the garbage collector
 * (measured on the 1,000-revision benchmark: its 2,100 DDL statements took ~405 ms this way
 * against 420–540 ms prepared). A text holding more than one statement keeps the prepared path,
 * which rejects it as the other databases do.
 */
const SCHEMA_STATEMENT = /^\s*(CREATE|ALTER|DROP|SAVEPOINT|RELEASE)\b/i;

function isSingleSchemaStatement(sql: string): boolean {
  if (!SCHEMA_STATEMENT.test(sql)) return false;
  const semicolon = sql.indexOf(';');
  return semicolon === -1 || sql.slice(semicolon + 1).trim() === '';
}

/** An in-memory database belongs to one connection of one process: nothing to lock against. */
const NO_LOCK: MigrationLock = {
  description: 'on an in-memory database (nothing to lock)',
  tryAcquire: async () => true,
  holder: async () => null,
  release: async () => {},
};

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  transactionalDdl: true,
  // IMMEDIATE takes the write lock at BEGIN, so a busy database waits there instead of failing
  // half-way through a migration when a read lock cannot be upgraded.
  beginStatement: 'BEGIN IMMEDIATE',
  // See TransactionControl: one COMMIT (one file sync) per run instead of one per migration.
  stepsAsSavepoints: true,
  prepareRun: checkForeignKeysAtCommits,
  offlineTransactions: true,
  placeholderStyle: 'question',
  serverVersionQuery: 'SELECT sqlite_version() AS version',

  async open(spec, options) {
    const filename = filenameOf(spec);
    if (filename !== ':memory:' && !existsSync(dirname(filename))) {
      throw Object.assign(new Error(`directory ${dirname(filename)} does not exist`), {
        code: 'AMBIX_SQLITE_NO_DIRECTORY',
      });
    }
    const Database = betterSqlite3Driver();
    const db = new Database(filename, { timeout: options.busyTimeoutMs });
    // Statements with parameters are the ones that repeat (version rows, history rows, data
    // batches): keep them prepared. SQLite re-prepares a kept statement by itself after DDL.
    const prepared = new Map<string, Statement>();
    const prepare = (sql: string, parameterized: boolean): Statement => {
      if (!parameterized) return db.prepare(sql);
      let statement = prepared.get(sql);
      if (statement === undefined) {
        if (prepared.size >= PREPARED_STATEMENT_LIMIT) prepared.clear();
        statement = db.prepare(sql);
        prepared.set(sql, statement);
      }
      return statement;
    };
    return {
      async query(sql, parameters) {
        if (parameters.length === 0 && isSingleSchemaStatement(sql)) {
          db.exec(sql);
          return { rows: [] };
        }
        // better-sqlite3 binds no booleans; SQLite stores them as 1 and 0 anyway.
        const values = parameters.map((value) => (typeof value === 'boolean' ? Number(value) : value));
        const statement = prepare(sql, values.length > 0);
        if (statement.reader) return { rows: statement.all(...values) as Record<string, unknown>[] };
        const info = statement.run(...values);
        return { rows: [], numAffectedRows: BigInt(info.changes), insertId: BigInt(info.lastInsertRowid) };
      },
      async close() {
        db.close();
      },
    };
  },

  quoteIdentifier: (name) => quoteIdentifier('sqlite', name),
  renderLiteral: (value) =>
    renderStandardLiteral(typeof value === 'boolean' ? Number(value) : value, { backslashEscapes: false }),
  isMissingTable: (error) => /no such table/i.test(errorField(error, 'message') ?? ''),

  connectionFailureReason(error) {
    const code = errorField(error, 'code');
    if (code === 'AMBIX_SQLITE_NO_DIRECTORY') {
      return `${errorField(error, 'message')}; create it first or fix the path in the URL`;
    }
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_NOTADB' || code === 'SQLITE_READONLY') {
      return errorField(error, 'message') ?? code;
    }
    return null;
  },

  offlineInsertSuffix: () => '',

  createLock(spec) {
    const filename = filenameOf(spec);
    return filename === ':memory:' ? NO_LOCK : new SqliteSidecarLock(filename);
  },

  environmentFailure: sqliteEnvironmentFailure,

  async tableColumns(run, table) {
    const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const schema = table.schema === null ? '' : `${quote(table.schema)}.`;
    const { rows } = await run(`PRAGMA ${schema}table_info(${quote(table.name)})`);
    // SQLite keeps any length declared but enforces none: the declared one is the contract.
    return columnShapes(rows.map((row) => ({ name: row.name, type: row.type, max: null })));
  },
};
