import { AmbixError } from '../errors.js';

/** Where an operation ran: the revision id and its file, for every error message. */
export interface RevisionLocation {
  readonly revision: string;
  readonly revisionPath: string;
}

function where(location: RevisionLocation): string {
  return `revision ${location.revision} (${location.revisionPath})`;
}

/** The database rejected a statement; carries the revision, the operation and the SQL. */
export class OperationFailedError extends AmbixError {
  readonly revision: string;
  readonly revisionPath: string;
  readonly operation: string;
  readonly sql: string;

  constructor(location: RevisionLocation, operation: string, sql: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'OPERATION_FAILED',
      `${operation} failed in ${where(location)}: ${reason}\n  SQL: ${sql}\n` +
        'Fix the revision (or the data it runs on) and run the command again.',
      { cause },
    );
    this.revision = location.revision;
    this.revisionPath = location.revisionPath;
    this.operation = operation;
    this.sql = sql;
  }
}

/** An operation that needs the live database was used while rendering offline SQL (`--sql`). */
export class OfflineNotSupportedError extends AmbixError {
  readonly revision: string;
  readonly operation: string;

  constructor(location: RevisionLocation, operation: string) {
    super(
      'OFFLINE_NOT_SUPPORTED',
      `${operation} needs a live database, but ${where(location)} is being rendered as offline SQL (--sql). ` +
        'Guard it with `if (!op.offline)` or run the migration online.',
    );
    this.revision = location.revision;
    this.operation = operation;
  }
}

/** The operation cannot be expressed on this dialect (e.g. ALTER of a constraint on SQLite). */
export class UnsupportedOperationError extends AmbixError {
  readonly revision: string;
  readonly operation: string;

  constructor(location: RevisionLocation, operation: string, reason: string) {
    super('UNSUPPORTED_OPERATION', `${operation} in ${where(location)}: ${reason}`);
    this.revision = location.revision;
    this.operation = operation;
  }
}

/** The operation's arguments are incomplete or contradictory. */
export class InvalidOperationError extends AmbixError {
  readonly revision: string;
  readonly operation: string;

  constructor(location: RevisionLocation, operation: string, reason: string) {
    super('INVALID_OPERATION', `${operation} in ${where(location)}: ${reason}`);
    this.revision = location.revision;
    this.operation = operation;
  }
}
