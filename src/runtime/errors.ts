import { AmbixError } from '../errors.js';
import { type ConstraintViolation, describeViolation } from './constraint-violation.js';

/**
 * Exit status for a lock that could not be taken within `lockTimeout`: distinct from 1 so that a
 * deploy script can tell "another server is still migrating" from "a migration failed".
 */
export const LOCK_TIMEOUT_EXIT_CODE = 3;

/** The database URL is missing or cannot be understood. */
export class InvalidDatabaseUrlError extends AmbixError {
  constructor(message: string) {
    super('INVALID_DATABASE_URL', message);
  }
}

/** Connecting failed: no server, wrong credentials, unknown database, missing SQLite directory. */
export class ConnectionFailedError extends AmbixError {
  /** Where ambix tried to connect, without the password. */
  readonly target: string;

  constructor(target: string, reason: string, options: { cause?: unknown } = {}) {
    super('CONNECTION_FAILED', `Cannot connect to ${target}: ${reason}`, options);
    this.target = target;
  }
}

/** Who holds the migration lock, as far as the database can tell. */
export interface LockHolder {
  /** PostgreSQL backend pid or MySQL connection id. */
  readonly connectionId: string;
  /** PostgreSQL `application_name` (ambix sets it to `ambix-<pid>`); null when unknown. */
  readonly applicationName: string | null;
}

/** Another run held the migration lock for longer than `lockTimeout`. Exit code 3. */
export class LockTimeoutError extends AmbixError {
  readonly lock: string;
  readonly waitedMs: number;
  readonly holder: LockHolder | null;

  constructor(lock: string, waitedMs: number, holder: LockHolder | null) {
    const heldBy =
      holder === null
        ? ''
        : `, held by connection ${holder.connectionId}${holder.applicationName ? ` (${holder.applicationName})` : ''}`;
    super(
      'LOCK_TIMEOUT',
      `Timed out after ${waitedMs} ms waiting for the migration lock ${lock}${heldBy}. Another ambix run is ` +
        'still migrating this database; wait for it to finish, or raise `lockTimeout` in the config.',
      { exitCode: LOCK_TIMEOUT_EXIT_CODE },
    );
    this.lock = lock;
    this.waitedMs = waitedMs;
    this.holder = holder;
  }
}

/** One statement a failed migration executed, and whether the database kept it. */
export interface ExecutedStatement {
  readonly sql: string;
  /** True when the statement stays applied although the migration failed (MySQL's implicit commits). */
  readonly committed: boolean;
}

/** A revision's `upgrade` / `downgrade` threw; the version table stays at the last complete revision. */
export class MigrationFailedError extends AmbixError {
  readonly revision: string;
  readonly direction: 'upgrade' | 'downgrade';
  /** Absolute path of the revision file. */
  readonly path: string;
  /** The statement the database rejected; null when the revision's own code threw. */
  readonly statement: string | null;
  /** The database's (or the code's) error message. */
  readonly databaseError: string;
  /** Statements of this revision that ran before the failure. */
  readonly executed: readonly ExecutedStatement[];
  /** The version rows after the failure. */
  readonly heads: readonly string[];
  /** The constraint the data breaks when the failure is the data's, not the revision's; else null. */
  readonly violation: ConstraintViolation | null;

  constructor(fields: {
    revision: string;
    direction: 'upgrade' | 'downgrade';
    path: string;
    statement: string | null;
    databaseError: string;
    executed: readonly ExecutedStatement[];
    heads: readonly string[];
    violation?: ConstraintViolation | null;
    cause: unknown;
  }) {
    const violation = fields.violation ?? null;
    const committed = fields.executed.filter((statement) => statement.committed);
    const lines = [
      `Migration ${fields.direction} of revision ${fields.revision} failed (${fields.path}): ${fields.databaseError}`,
    ];
    if (fields.statement !== null) lines.push(`Failing statement: ${fields.statement}`);
    if (committed.length > 0) {
      lines.push(
        `The database committed ${committed.length} statement(s) of this revision before the failure ` +
          '(DDL commits implicitly here); undo them by hand or make the revision tolerate them before rerunning:',
        ...committed.map((statement) => `  ${statement.sql}`),
      );
    } else {
      lines.push('Nothing of this revision was kept.');
    }
    const at = fields.heads.length === 0 ? '<base>' : fields.heads.join(', ');
    if (violation === null) {
      lines.push(`The version table is at ${at}; fix the revision and rerun.`);
    } else {
      lines.push(describeViolation(violation), `The version table is at ${at}.`);
    }
    super('MIGRATION_FAILED', lines.join('\n'), { cause: fields.cause });
    this.revision = fields.revision;
    this.direction = fields.direction;
    this.path = fields.path;
    this.statement = fields.statement;
    this.databaseError = fields.databaseError;
    this.executed = fields.executed;
    this.heads = fields.heads;
    this.violation = violation;
  }
}

/**
 * A revision's `verify(op)` threw: what its upgrade should have left in the database is not there.
 * During `upgrade` it fails the migration like any error (rolled back, `MigrationFailedError`).
 */
export class VerifyFailedError extends AmbixError {
  readonly revision: string;

  constructor(revision: string, cause: unknown) {
    super('VERIFY_FAILED', `verify() of revision ${revision} failed: ${messageOf(cause)}`, { cause });
    this.revision = revision;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An UPDATE or DELETE of a version row hit other than exactly one row (§4.3). */
export class VersionRowMismatchError extends AmbixError {
  constructor(table: string, action: string, found: number) {
    super(
      'VERSION_ROW_MISMATCH',
      `Online migration expected to match one row when ${action} in '${table}'; ${found} found. ` +
        'The version table changed under this run; run `ambix current` to inspect it.',
    );
  }
}

/** A row whose foreign key points at no row, as SQLite's `PRAGMA foreign_key_check` reports it. */
export interface ForeignKeyViolation {
  readonly table: string;
  /** Null for a WITHOUT ROWID table. */
  readonly rowid: number | null;
  /** The table the key references. */
  readonly parent: string;
}

/** The most violations a message lists; the error's `violations` holds them all. */
const LISTED_VIOLATIONS = 10;

/**
 * A SQLite migration left rows whose foreign keys point nowhere. SQLite runs migrations with
 * enforcement off (as Alembic does, so that table rebuilds work inside the transaction), and
 * ambix checks the keys itself before committing each migration instead.
 */
export class ForeignKeyViolationError extends AmbixError {
  readonly revision: string;
  readonly violations: readonly ForeignKeyViolation[];

  constructor(revision: string, violations: readonly ForeignKeyViolation[]) {
    const listed = violations
      .slice(0, LISTED_VIOLATIONS)
      .map((v) => `  ${v.table} rowid ${v.rowid ?? '(none)'} -> ${v.parent}`);
    if (violations.length > LISTED_VIOLATIONS) {
      listed.push(`  … and ${violations.length - LISTED_VIOLATIONS} more`);
    }
    super(
      'FOREIGN_KEY_VIOLATION',
      [
        `Revision ${revision} left ${violations.length} row(s) whose foreign key references no row (table, rowid -> referenced table):`,
        ...listed,
        `Nothing of ${revision} was kept: foreign keys are not enforced while SQLite migrations run, so ambix ` +
          'checks them before each commit and rolled this revision back. The rows above come from data the ' +
          'revision copies: find the rows it reads that name a missing row of the referenced table (typically ' +
          'left behind by deletes while enforcement was off; `PRAGMA foreign_key_check` lists those already ' +
          'stored), delete or correct them, or restore the rows they name, then run the upgrade again.',
      ].join('\n'),
    );
    this.revision = revision;
    this.violations = violations;
  }
}

/** A column as the database describes it, for messages about a table's shape. */
export interface ColumnShape {
  readonly name: string;
  /** The declared type as the database prints it: `varchar(32)`, `INTEGER`. */
  readonly type: string;
  /** Character length limit; null when the type has none (SQLite's TEXT, any type on SQLite without one). */
  readonly maxLength: number | null;
}

/**
 * A table ambix reads or writes exists but does not have the shape it needs (`alembic_version`
 * without `version_num`, an `ambix_history` of another tool): the facts to compare, nothing run.
 */
export class TableShapeError extends AmbixError {
  readonly table: string;
  readonly expected: string;
  readonly found: readonly ColumnShape[];

  constructor(fields: {
    table: string;
    purpose: string;
    expected: string;
    found: readonly ColumnShape[];
    databaseError: string;
    cause?: unknown;
  }) {
    const found =
      fields.found.length === 0
        ? 'no columns ambix can read'
        : fields.found.map((column) => `${column.name} ${column.type}`).join(', ');
    super(
      'TABLE_SHAPE',
      `The table '${fields.table}' (${fields.purpose}) does not have the shape ambix expects: ${fields.expected}. ` +
        `It has: ${found}. The database said: ${fields.databaseError}. Nothing was changed. ` +
        'Rename or drop that table if another tool owns it, or point ambix at another table in the config.',
      fields.cause === undefined ? {} : { cause: fields.cause },
    );
    this.table = fields.table;
    this.expected = fields.expected;
    this.found = fields.found;
  }
}

/** What the version table must look like (§4.1), for `TableShapeError`. */
export const VERSION_TABLE_SHAPE =
  'a version_num VARCHAR(32) NOT NULL primary-key column, as Alembic creates it';

/** A revision id longer than the version column holds: found before anything runs. */
export class RevisionIdTooLongError extends AmbixError {
  readonly revision: string;
  readonly path: string | null;
  readonly width: number;

  constructor(fields: { revision: string; path: string | null; width: number; table: string }) {
    super(
      'REVISION_ID_TOO_LONG',
      `Revision id '${fields.revision}'${fields.path === null ? '' : ` (${fields.path})`} is ${fields.revision.length} ` +
        `characters long; the column ${fields.table}.version_num holds at most ${fields.width}. Nothing was run. ` +
        `Give the revision a shorter id, or widen the column (for example to VARCHAR(${Math.max(64, fields.revision.length)})) ` +
        'in a revision that runs before it.',
    );
    this.revision = fields.revision;
    this.path = fields.path;
    this.width = fields.width;
  }
}

/**
 * A version row or history row could not be written. Raised by the writer with the statement
 * that failed; the runtime adds what the database kept once it has rolled back.
 */
export class RecordingFailedError extends AmbixError {
  readonly table: string;
  readonly revisions: readonly string[];
  readonly statement: string;
  readonly databaseError: string;
  /** The version rows after the rollback; null until the runtime knows them. */
  readonly heads: readonly string[] | null;

  constructor(fields: {
    table: string;
    what: string;
    revisions: readonly string[];
    statement: string;
    databaseError: string;
    heads?: readonly string[] | null;
    /** MySQL/MariaDB: the step's DDL committed implicitly, before its record could be written. */
    ddlKept?: boolean;
    cause?: unknown;
  }) {
    const lines = [
      `Could not write the ${fields.what} of revision ${fields.revisions.join(', ')} in the table '${fields.table}': ` +
        fields.databaseError,
      `Failing statement: ${fields.statement}`,
    ];
    const heads = fields.heads ?? null;
    if (heads !== null) {
      const at = heads.length === 0 ? '<base>' : heads.join(', ');
      lines.push(
        fields.ddlKept === true
          ? `The version table is at ${at}, but the DDL of revision ${fields.revisions.join(', ')} stays applied ` +
              '(MySQL/MariaDB commit DDL implicitly): fix the table ' +
              `'${fields.table}', then record the revision with \`ambix stamp\` instead of running it again.`
          : `Nothing of ${fields.revisions.length === 1 ? 'that step' : 'those steps'} was kept: the version table ` +
              `is at ${at}. Fix the table '${fields.table}' and rerun.`,
      );
    }
    super('RECORDING_FAILED', lines.join('\n'), fields.cause === undefined ? {} : { cause: fields.cause });
    this.table = fields.table;
    this.revisions = fields.revisions;
    this.statement = fields.statement;
    this.databaseError = fields.databaseError;
    this.heads = heads;
    this.#what = fields.what;
  }

  readonly #what: string;

  /** The same failure, told where the version table ended up after the rollback. */
  withHeads(heads: readonly string[], options: { ddlKept: boolean }): RecordingFailedError {
    return new RecordingFailedError({
      ddlKept: options.ddlKept,
      table: this.table,
      what: this.#what,
      revisions: this.revisions,
      statement: this.statement,
      databaseError: this.databaseError,
      heads,
      cause: this.cause,
    });
  }
}

/**
 * The database's file system refused what a run needs: a read-only SQLite file or folder, a full
 * disk, a lock side file that cannot be created. Not the migration's fault; nothing was kept.
 */
export class DatabaseFileError extends AmbixError {
  readonly file: string;
  readonly folder: string;

  constructor(
    code: 'DATABASE_READ_ONLY' | 'DISK_FULL' | 'LOCK_FILE_UNAVAILABLE',
    fields: {
      file: string;
      folder: string;
      message: string;
      cause?: unknown;
    },
  ) {
    super(code, fields.message, fields.cause === undefined ? {} : { cause: fields.cause });
    this.file = fields.file;
    this.folder = fields.folder;
  }
}
