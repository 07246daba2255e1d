import type { DialectName } from '../../dialect.js';
import { AmbixError } from '../../errors.js';

const DIALECT_LABELS: Record<DialectName, string> = {
  sqlite: 'SQLite',
  postgresql: 'PostgreSQL',
  mysql: 'MySQL/MariaDB',
};

/** A catalog query failed while reading the database's schema for autogenerate. */
export class IntrospectionFailedError extends AmbixError {
  readonly dialect: DialectName;
  readonly sql: string;

  constructor(dialect: DialectName, sql: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'INTROSPECTION_FAILED',
      `Reading the schema of the ${DIALECT_LABELS[dialect]} database failed: ${reason}\n` +
        `  SQL: ${sql.replace(/\s+/g, ' ').trim()}\n` +
        'Check that the connection can read the catalog (information_schema / pg_catalog / sqlite_master), then run the command again.',
      { cause },
    );
    this.dialect = dialect;
    this.sql = sql;
  }
}

/** SQLite keeps constraint names and CHECK texts only in the stored DDL; this table's could not be read. */
export class UnreadableTableDefinitionError extends AmbixError {
  readonly table: string;

  constructor(table: string, sql: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'UNREADABLE_TABLE_DEFINITION',
      `The stored definition of SQLite table "${table}" could not be read (${reason}):\n  ${sql}\n` +
        'Exclude the table from autogenerate (the `exclude` option) or report the statement as a bug.',
      { cause },
    );
    this.table = table;
  }
}
