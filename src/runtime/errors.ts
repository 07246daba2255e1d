import { AmbixError } from '../errors.js';

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

  constructor(fields: {
    revision: string;
    direction: 'upgrade' | 'downgrade';
    path: string;
    statement: string | null;
    databaseError: string;
    executed: readonly ExecutedStatement[];
    heads: readonly string[];
    cause: unknown;
  }) {
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
    lines.push(
      `The version table is at ${fields.heads.length === 0 ? '<base>' : fields.heads.join(', ')}; fix the revision and rerun.`,
    );
    super('MIGRATION_FAILED', lines.join('\n'), { cause: fields.cause });
    this.revision = fields.revision;
    this.direction = fields.direction;
    this.path = fields.path;
    this.statement = fields.statement;
    this.databaseError = fields.databaseError;
    this.executed = fields.executed;
    this.heads = fields.heads;
  }
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
