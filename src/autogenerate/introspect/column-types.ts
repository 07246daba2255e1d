/**
 * Catalog types → the neutral `ColumnType`. A kind is chosen only where ambix renders it back to
 * the same catalog type on that database (`VARCHAR(50)` ↔ `string(50)`); any other type stays
 * `raw` with its canonical spelling, which renders back to itself.
 */

import { columnTypeName } from '../../operations/inspect/mysql.js';
import { catalogTypeName } from '../../operations/inspect/postgresql.js';
import { canonicalTypeName } from '../../operations/inspect/query.js';
import type { ColumnType } from '../../operations/types.js';

type Parameterised = (args: readonly number[]) => ColumnType | null;

interface TypeTable {
  /** Types without arguments, in canonical spelling. */
  readonly plain: Readonly<Record<string, ColumnType>>;
  /** Types with numeric arguments, by canonical name. */
  readonly parameterised: Readonly<Record<string, Parameterised>>;
}

const STRING: Parameterised = ([length]) =>
  length === undefined ? { kind: 'string' } : { kind: 'string', length };
const NUMERIC: Parameterised = ([precision, scale]) => ({ kind: 'numeric', precision, scale });
const BINARY: Parameterised = ([length]) =>
  length === undefined ? { kind: 'binary' } : { kind: 'binary', length };

const SQLITE: TypeTable = {
  plain: {
    TEXT: { kind: 'text' },
    VARCHAR: { kind: 'string' },
    INTEGER: { kind: 'integer' },
    BIGINT: { kind: 'bigint' },
    SMALLINT: { kind: 'smallint' },
    BOOLEAN: { kind: 'boolean' },
    FLOAT: { kind: 'float' },
    DOUBLE: { kind: 'double' },
    NUMERIC: { kind: 'numeric' },
    DATE: { kind: 'date' },
    TIME: { kind: 'time' },
    DATETIME: { kind: 'timestamp', withTimeZone: false },
    JSON: { kind: 'json' },
    BLOB: { kind: 'binary' },
  },
  parameterised: { VARCHAR: STRING, NUMERIC: NUMERIC },
};

const POSTGRESQL: TypeTable = {
  plain: {
    TEXT: { kind: 'text' },
    VARCHAR: { kind: 'string' },
    INTEGER: { kind: 'integer' },
    BIGINT: { kind: 'bigint' },
    SMALLINT: { kind: 'smallint' },
    BOOLEAN: { kind: 'boolean' },
    REAL: { kind: 'float' },
    'DOUBLE PRECISION': { kind: 'double' },
    NUMERIC: { kind: 'numeric' },
    DATE: { kind: 'date' },
    'TIME WITHOUT TIME ZONE': { kind: 'time' },
    'TIMESTAMP WITHOUT TIME ZONE': { kind: 'timestamp', withTimeZone: false },
    'TIMESTAMP WITH TIME ZONE': { kind: 'timestamp', withTimeZone: true },
    JSON: { kind: 'json' },
    JSONB: { kind: 'jsonb' },
    UUID: { kind: 'uuid' },
    BYTEA: { kind: 'binary' },
  },
  parameterised: { VARCHAR: STRING, NUMERIC: NUMERIC },
};

const MYSQL: TypeTable = {
  plain: {
    TEXT: { kind: 'text' },
    INT: { kind: 'integer' },
    BIGINT: { kind: 'bigint' },
    SMALLINT: { kind: 'smallint' },
    // The display width 1 is MySQL's boolean convention; `BOOL` is stored as it.
    'TINYINT(1)': { kind: 'boolean' },
    FLOAT: { kind: 'float' },
    DOUBLE: { kind: 'double' },
    DATE: { kind: 'date' },
    TIME: { kind: 'time' },
    DATETIME: { kind: 'timestamp', withTimeZone: false },
    JSON: { kind: 'json' },
    BLOB: { kind: 'binary' },
  },
  parameterised: { VARCHAR: STRING, DECIMAL: NUMERIC, VARBINARY: BINARY },
};

function mapped(table: TypeTable, canonical: string): ColumnType {
  const plain = table.plain[canonical];
  if (plain !== undefined) return plain;
  const call = /^([A-Z ]+)\((\d+(?:, \d+)*)\)$/.exec(canonical);
  const parameterised = call === null ? undefined : table.parameterised[call[1]!];
  const type = parameterised?.(call![2]!.split(', ').map(Number)) ?? null;
  return type ?? { kind: 'raw', sql: canonical };
}

/** SQLite: the declared type as written (SQLite keeps no other). */
export function sqliteColumnType(declared: string): ColumnType {
  return mapped(SQLITE, canonicalTypeName(declared.trim()));
}

/** PostgreSQL: the text of `format_type(atttypid, atttypmod)`. */
export function postgresqlColumnType(formatted: string): ColumnType {
  return mapped(POSTGRESQL, catalogTypeName(formatted));
}

/**
 * MySQL/MariaDB: `information_schema.COLUMNS.COLUMN_TYPE`. `mariadbJson` says the column is
 * MariaDB's JSON alias (a LONGTEXT with a `json_valid` check the server added).
 */
export function mysqlColumnType(columnType: string, mariadbJson: boolean): ColumnType {
  if (mariadbJson) return { kind: 'json' };
  return mapped(MYSQL, columnTypeName(columnType));
}

const NUMBER_KINDS: ReadonlySet<ColumnType['kind']> = new Set([
  'integer',
  'bigint',
  'smallint',
  'float',
  'double',
  'numeric',
]);

/** Whether literal defaults of this type are numbers. */
export function isNumberType(type: ColumnType): boolean {
  return NUMBER_KINDS.has(type.kind);
}
