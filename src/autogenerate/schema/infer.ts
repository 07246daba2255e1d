/**
 * `InferDatabase<typeof schema>`: the Kysely `Database` type of an application, inferred from its
 * schema with no code generation. Per column: the TS type of its values, `| null` when it is
 * nullable, and Kysely's `Generated<T>` (optional on insert) when the database supplies a value,
 * that is when it has a server default or is numbered by the database (autoincrement, explicit or
 * resolved from `'auto'` by the same rule as `schemaModel`; on SQLite, only an INTEGER primary key
 * is numbered, so a BIGINT key must be given there).
 *
 * The TS type is what the database driver returns, which differs per database; the second type
 * parameter picks one, PostgreSQL by default:
 *
 * | kind | postgresql (pg) | sqlite (better-sqlite3) | mysql (mysql2) |
 * |---|---|---|---|
 * | text, string, uuid, time | string | string | string |
 * | integer, smallint, float, double | number | number | number |
 * | bigint | string (pg returns int8 as text: it may exceed 2^53) | number | number |
 * | numeric | string (exact decimals as text) | number | string |
 * | boolean | boolean | number (0/1) | number (0/1) |
 * | date, timestamp | Date | string | Date |
 * | json, jsonb | unknown (parsed) | string (the JSON text) | unknown (parsed) |
 * | binary | Buffer | Buffer | Buffer |
 * | raw | unknown | unknown | unknown |
 *
 * `.$type<T>()` on a column replaces its TS type (the shape of a JSON document, a string union).
 * Per-dialect overrides (`forDialect`) never change the TS type.
 */
import type { Generated } from 'kysely';
import type { DialectName } from '../../dialect.js';
import type { ColumnTypeKind } from '../../operations/types.js';
import type { ColumnBuilder, ColumnState, Unset } from './column.js';
import type { Schema, TablesOf } from './define.js';
import type { ColumnsOf, TableDefinition } from './table.js';

interface PostgresValues {
  text: string;
  string: string;
  uuid: string;
  time: string;
  integer: number;
  smallint: number;
  float: number;
  double: number;
  bigint: string;
  numeric: string;
  boolean: boolean;
  date: Date;
  timestamp: Date;
  json: unknown;
  jsonb: unknown;
  binary: Buffer;
  raw: unknown;
}

interface SqliteValues
  extends Omit<PostgresValues, 'bigint' | 'numeric' | 'boolean' | 'date' | 'timestamp' | 'json' | 'jsonb'> {
  bigint: number;
  numeric: number;
  boolean: number;
  date: string;
  timestamp: string;
  json: string;
  jsonb: string;
}

interface MysqlValues extends Omit<PostgresValues, 'bigint' | 'boolean'> {
  bigint: number;
  boolean: number;
}

/** The TS type of each column kind's values, per database driver. */
export interface ValueTypes {
  postgresql: PostgresValues;
  sqlite: SqliteValues;
  mysql: MysqlValues;
}

type ColumnStateOf<Column> = Column extends ColumnBuilder<infer S> ? S : never;

type KeysWhere<C extends ColumnsOf, P extends Partial<ColumnState>> = {
  [K in keyof C]: ColumnStateOf<C[K]> extends P ? K : never;
}[keyof C];

type IsOnly<Union, Member> = [Exclude<Union, Member>] extends [never] ? true : false;

/** `autoincrement: 'auto'` resolved as `schemaModel` does, from what the types know. */
type IsNumbered<
  C extends ColumnsOf,
  K extends keyof C,
  ForeignKeyColumn extends string,
  D extends DialectName,
> = D extends 'sqlite' ? IsRowidAlias<C, K> : IsAutoincrement<C, K, ForeignKeyColumn>;

type IsAutoincrement<C extends ColumnsOf, K extends keyof C, ForeignKeyColumn extends string> = ColumnStateOf<
  C[K]
>['autoincrement'] extends true
  ? true
  : ColumnStateOf<C[K]> extends {
        autoincrement: 'auto';
        primaryKey: true;
        hasDefault: false;
        references: false;
        kind: 'integer' | 'bigint' | 'smallint';
      }
    ? [KeysWhere<C, { autoincrement: true }>] extends [never]
      ? IsOnly<KeysWhere<C, { primaryKey: true }>, K> extends true
        ? K extends ForeignKeyColumn
          ? false
          : true
        : false
      : false
    : false;

/**
 * SQLite numbers the only primary-key column exactly when it is declared INTEGER (an alias of the
 * rowid), whatever else is said; a BIGINT key is not numbered there.
 */
type IsRowidAlias<C extends ColumnsOf, K extends keyof C> =
  ColumnStateOf<C[K]> extends {
    primaryKey: true;
    kind: 'integer';
  }
    ? IsOnly<KeysWhere<C, { primaryKey: true }>, K>
    : false;

type ValueOf<S extends ColumnState, D extends DialectName> = [S['valueType']] extends [Unset]
  ? ValueTypes[D][S['kind'] & ColumnTypeKind]
  : S['valueType'];

type Nullable<S extends ColumnState, T> = S['nullable'] extends false
  ? T
  : S['primaryKey'] extends true
    ? T
    : T | null;

type ColumnValue<
  C extends ColumnsOf,
  K extends keyof C,
  F extends string,
  D extends DialectName,
> = ColumnStateOf<C[K]>['hasDefault'] extends true
  ? Generated<Nullable<ColumnStateOf<C[K]>, ValueOf<ColumnStateOf<C[K]>, D>>>
  : IsNumbered<C, K, F, D> extends true
    ? Generated<Nullable<ColumnStateOf<C[K]>, ValueOf<ColumnStateOf<C[K]>, D>>>
    : Nullable<ColumnStateOf<C[K]>, ValueOf<ColumnStateOf<C[K]>, D>>;

/** The Kysely row type of one table. */
export type InferTable<Table, D extends DialectName = 'postgresql'> =
  Table extends TableDefinition<infer C, infer F> ? { [K in keyof C]: ColumnValue<C, K, F, D> } : never;

/** The Kysely `Database` type of a schema: `Kysely<InferDatabase<typeof schema>>`. */
export type InferDatabase<S extends Schema, D extends DialectName = 'postgresql'> =
  S extends Schema<infer T extends TablesOf> ? { [Name in keyof T]: InferTable<T[Name], D> } : never;
