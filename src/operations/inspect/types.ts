/**
 * What `op.inspect` reports. Every answer is read from the live catalog at the moment of the call
 * (no caching), so a guard placed after a schema change sees that change.
 *
 * Names and SQL fragments are reported as the database stores them; where the three databases
 * disagree on a convention, the choice made here is stated on the field.
 */
import type { ReferentialAction } from '../types.js';

export interface ReflectedColumn {
  readonly name: string;
  /**
   * The column's type in upper case as the database declares it: SQLite the declared type as
   * written (`VARCHAR(50)`, `JSON`); PostgreSQL the catalog type (`VARCHAR(255)`,
   * `TIMESTAMP WITHOUT TIME ZONE`, `JSONB`); MySQL/MariaDB the column type without integer display
   * widths (`INT`, `BIGINT`, `TINYINT(1)`, `VARCHAR(255)`), and `JSON` for MariaDB's JSON alias
   * (a LONGTEXT guarded by `json_valid`). Type arguments are separated by `, ` everywhere.
   */
  readonly type: string;
  readonly nullable: boolean;
  /**
   * The server default exactly as the database reports it (SQLite `'x'`, `CURRENT_TIMESTAMP`;
   * PostgreSQL `'x'::character varying`, `now()`; MariaDB `'x'`, `current_timestamp()`), or null.
   */
  readonly default: string | null;
  /** True for auto-incrementing keys (SQLite AUTOINCREMENT, PostgreSQL identity/serial, MySQL auto_increment). */
  readonly autoincrement: boolean;
  /** The column comment; always null on SQLite, which has no comments. */
  readonly comment: string | null;
}

export interface ReflectedIndex {
  readonly name: string;
  readonly unique: boolean;
  /** The indexed columns in order; null where the element is an expression (see `expressions`). */
  readonly columns: readonly (string | null)[];
  /**
   * Present when at least one element is an expression: the SQL text of every element in order
   * (a column element's text is its name).
   */
  readonly expressions?: readonly string[];
  /** The predicate of a partial index (PostgreSQL, SQLite), as the database prints it; else null. */
  readonly where: string | null;
  /**
   * Set when the index is the one that backs a unique constraint of that name (PostgreSQL, MySQL).
   * SQLite hides such indexes, so they never appear there.
   */
  readonly duplicatesConstraint?: string;
}

export interface ReflectedPrimaryKey {
  /** Null on SQLite unless declared `CONSTRAINT <name> PRIMARY KEY`; always `PRIMARY` on MySQL. */
  readonly name: string | null;
  /** In key order; empty when the table has no primary key. */
  readonly columns: readonly string[];
}

export interface ReflectedUniqueConstraint {
  /** Null on SQLite for an unnamed constraint. */
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface ReflectedForeignKey {
  /** Null on SQLite for an unnamed constraint. */
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  /**
   * Null when the action is the database's default (NO ACTION; on MySQL/MariaDB also RESTRICT,
   * which InnoDB reports for an unspecified action and treats identically).
   */
  readonly onDelete: ReferentialAction | null;
  readonly onUpdate: ReferentialAction | null;
}

export interface ReflectedCheckConstraint {
  /** Null on SQLite for an unnamed constraint. */
  readonly name: string | null;
  /** The condition without the `CHECK (…)` wrapper, as the database stores it. */
  readonly sqltext: string;
}

/** `op.inspect`: reflection of the current schema on the migration's connection. */
export interface Inspector {
  hasTable(table: string): Promise<boolean>;
  /** Tables of the current schema/database, sorted by name (SQLite's `sqlite_*` internals excluded). */
  getTables(): Promise<string[]>;
  /** In the table's column order. The per-table calls throw `TableNotFoundError` for a missing table. */
  getColumns(table: string): Promise<ReflectedColumn[]>;
  /**
   * Every named index except the primary key's, sorted by name. PostgreSQL and MySQL list the
   * indexes behind unique constraints too (see `duplicatesConstraint`); MySQL also lists the index
   * it creates for a foreign key that has none (named after the constraint; it outlives the key).
   */
  getIndexes(table: string): Promise<ReflectedIndex[]>;
  getPrimaryKey(table: string): Promise<ReflectedPrimaryKey>;
  /**
   * Sorted by name (unnamed last, in declaration order). On MySQL a unique index is a unique
   * constraint, so one made by `createIndex(…, { unique: true })` is listed here as well.
   */
  getUniqueConstraints(table: string): Promise<ReflectedUniqueConstraint[]>;
  /** Sorted by name (unnamed last, in declaration order). */
  getForeignKeys(table: string): Promise<ReflectedForeignKey[]>;
  /** Sorted by name (unnamed last, in declaration order). */
  getCheckConstraints(table: string): Promise<ReflectedCheckConstraint[]>;
}
