/**
 * Tells a failure caused by the data from a failure of the revision's own code: a unique index
 * over rows that collide, NOT NULL over rows holding NULL, a foreign key over rows that point
 * nowhere. The revision is usually right in such a case and the rows are what must change, so the
 * advice differs. Classified by the driver's error code (SQLite's extended result code,
 * PostgreSQL's SQLSTATE class 23, MySQL/MariaDB's errno), never by the message's wording alone;
 * the message is read only for the names the driver puts nowhere else.
 */

/** Which kind of rule the data breaks. `value`: a value the column's new definition refuses. */
export type ConstraintKind =
  | 'unique'
  | 'not-null'
  | 'foreign-key'
  | 'check'
  | 'exclusion'
  | 'value'
  | 'other';

/** A constraint the data in the database does not satisfy, with what the driver told of it. */
export interface ConstraintViolation {
  readonly kind: ConstraintKind;
  /** The constraint's or index's name; null when the driver does not say. */
  readonly constraint: string | null;
  /** The table; null when the driver does not say (or names only a temporary copy). */
  readonly table: string | null;
  /** The columns involved, as far as the driver says. */
  readonly columns: readonly string[];
  /** The database's detail line (PostgreSQL: `Key (email)=(a@x) is duplicated.`); null when none. */
  readonly detail: string | null;
}

/** The violation `error` reports, or null when it is not a constraint violation. */
export function constraintViolationOf(error: unknown): ConstraintViolation | null {
  if (!(error instanceof Error)) return null;
  const fields = error as Error & Record<string, unknown>;
  if (typeof fields.code === 'string' && fields.code.startsWith('SQLITE_CONSTRAINT')) {
    return fromSqlite(fields.code, error.message);
  }
  if (typeof fields.errno === 'number' && typeof fields.sqlState === 'string') {
    return fromMysql(fields.errno, error.message);
  }
  if (typeof fields.code === 'string' && /^23[0-9A-Z]{3}$/.test(fields.code)) {
    return fromPostgres(fields.code, fields);
  }
  return null;
}

const SQLITE_KINDS: Readonly<Record<string, ConstraintKind>> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_NOTNULL: 'not-null',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign-key',
  SQLITE_CONSTRAINT_CHECK: 'check',
};

/**
 * SQLite names what failed after the colon: `t.a, t.b` for columns, `index 'ix'` for an index
 * over expressions, the constraint's name for a CHECK.
 */
function fromSqlite(code: string, message: string): ConstraintViolation {
  const kind = SQLITE_KINDS[code] ?? 'other';
  const named = /constraint failed: (.*)$/.exec(message)?.[1]?.trim() ?? '';
  const index = /^index '(.+)'$/.exec(named)?.[1];
  if (index !== undefined) return { kind, constraint: index, table: null, columns: [], detail: null };
  const columns = named.split(', ').map((part) => /^(.+)\.([^.]+)$/.exec(part));
  if (named !== '' && columns.every((match) => match !== null)) {
    return {
      kind,
      constraint: null,
      table: columns[0]?.[1] ?? null,
      columns: columns.map((match) => match?.[2] ?? ''),
      detail: null,
    };
  }
  return { kind, constraint: named === '' ? null : named, table: null, columns: [], detail: null };
}

const POSTGRES_KINDS: Readonly<Record<string, ConstraintKind>> = {
  '23505': 'unique',
  '23502': 'not-null',
  '23503': 'foreign-key',
  '23514': 'check',
  '23P01': 'exclusion',
};

/** pg puts the names in fields of its own; the columns of a key are in the detail line. */
function fromPostgres(code: string, fields: Record<string, unknown>): ConstraintViolation {
  const text = (name: string): string | null => (typeof fields[name] === 'string' ? fields[name] : null);
  const detail = text('detail');
  const column = text('column');
  const key = detail === null ? undefined : /^Key \((.+?)\)=/.exec(detail)?.[1];
  return {
    kind: POSTGRES_KINDS[code] ?? 'other',
    constraint: text('constraint'),
    table: text('table'),
    columns: column !== null ? [column] : key === undefined ? [] : [key],
    detail,
  };
}

/** MySQL/MariaDB errnos of rows that break a rule; anything else is not the data's fault. */
const MYSQL_KINDS: Readonly<Record<number, ConstraintKind>> = {
  1062: 'unique', // ER_DUP_ENTRY
  1586: 'unique', // ER_DUP_ENTRY_WITH_KEY_NAME
  1048: 'not-null', // ER_BAD_NULL_ERROR
  1138: 'not-null', // ER_INVALID_USE_OF_NULL: MODIFY … NOT NULL over NULLs outside strict mode
  1265: 'value', // WARN_DATA_TRUNCATED: strict mode, a NULL or a too-long value under a new definition
  1216: 'foreign-key', // ER_NO_REFERENCED_ROW
  1217: 'foreign-key', // ER_ROW_IS_REFERENCED
  1451: 'foreign-key', // ER_ROW_IS_REFERENCED_2
  1452: 'foreign-key', // ER_NO_REFERENCED_ROW_2
  3819: 'check', // MySQL ER_CHECK_CONSTRAINT_VIOLATED
  4025: 'check', // MariaDB ER_CONSTRAINT_FAILED
};

/** mysql2 gives only the errno and the message: the names are read from the message. */
function fromMysql(errno: number, message: string): ConstraintViolation | null {
  const kind = MYSQL_KINDS[errno];
  if (kind === undefined) return null;
  const quoted = (pattern: RegExp): string | null => pattern.exec(message)?.[1] ?? null;
  const constraint =
    quoted(/for key '([^']+)'/) ?? quoted(/CONSTRAINT `([^`]+)`/) ?? quoted(/[Cc]heck constraint '([^']+)'/);
  const column = quoted(/[Cc]olumn '([^']+)'/);
  const foreignColumns = quoted(/FOREIGN KEY \(([^)]+)\)/);
  // An ALTER TABLE copies into `#sql-…`: that name means nothing to the user.
  const table = quoted(/\(`[^`]+`\.`([^`]+)`, CONSTRAINT/) ?? quoted(/failed for `[^`]+`\.`([^`]+)`/);
  return {
    kind,
    constraint,
    table: table === null || table.startsWith('#sql') ? null : table,
    columns:
      column !== null
        ? [column]
        : foreignColumns === null
          ? []
          : foreignColumns.split(',').map((name) => name.trim().replace(/`/g, '')),
    detail: null,
  };
}

const KIND_NAMES: Readonly<Record<ConstraintKind, string>> = {
  unique: 'unique',
  'not-null': 'NOT NULL',
  'foreign-key': 'foreign key',
  check: 'check',
  exclusion: 'exclusion',
  value: 'column definition',
  other: 'integrity',
};

/**
 * The advice for a migration that failed on data: which rule, where, and that the rows (not the
 * revision) are what to change.
 */
export function describeViolation(violation: ConstraintViolation): string {
  const name = violation.constraint === null ? '' : ` '${violation.constraint}'`;
  const columns = violation.columns.length === 0 ? '' : ` (${violation.columns.join(', ')})`;
  const where =
    violation.table !== null
      ? ` on table '${violation.table}'${columns}`
      : columns === ''
        ? ''
        : ` on column${violation.columns.length === 1 ? '' : 's'}${columns}`;
  const detail = violation.detail === null ? '' : ` (${violation.detail})`;
  return (
    `This is a data problem, not a fault of the revision's code: rows in the database break the ` +
    `${KIND_NAMES[violation.kind]} constraint${name}${where}${detail}. Correct or remove those rows, or ` +
    'make the revision clean them up before this statement, then rerun.'
  );
}
