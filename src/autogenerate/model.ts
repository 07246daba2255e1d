/**
 * The schema model autogenerate compares: one shape for the schema declared in code and for the
 * schema reflected from a live database, so `compare` never needs to know where a side came from.
 *
 * Values are kept in the neutral vocabulary of `operations/types.ts` (column types, server
 * defaults, index elements), because a generated revision is written in that vocabulary. Each
 * side states things as it knows them; deciding that two spellings mean the same thing on a given
 * database (`VARCHAR(255)` and `character varying(255)`, `now()` and `CURRENT_TIMESTAMP`) is the
 * comparison's job, in one place.
 */
import type { ColumnType, IndexElement, ReferentialAction, ServerDefault } from '../operations/types.js';

export interface SchemaModel {
  /** Sorted by name. */
  readonly tables: readonly TableModel[];
}

export interface TableModel {
  readonly name: string;
  /** In the table's column order. */
  readonly columns: readonly ColumnModel[];
  /** Null when the table has no primary key. */
  readonly primaryKey: PrimaryKeyModel | null;
  readonly uniqueConstraints: readonly UniqueConstraintModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
  /** Indexes other than those that back the primary key or a unique constraint. */
  readonly indexes: readonly IndexModel[];
  readonly checkConstraints: readonly CheckConstraintModel[];
  readonly comment: string | null;
}

export interface ColumnModel {
  readonly name: string;
  /**
   * Reflection maps a catalog type to the neutral kind that renders it back (`character
   * varying(50)` → `{ kind: 'string', length: 50 }`), and to `{ kind: 'raw' }` with the catalog's
   * text when no kind does.
   */
  readonly type: ColumnType;
  readonly nullable: boolean;
  /**
   * Reflection parses plain literals (casts stripped) into strings, numbers and booleans, the
   * current-timestamp spellings into `now()`, and keeps anything else as an `sqlExpression`.
   */
  readonly default: ServerDefault | null;
  /** The database generates the value (SQLite rowid alias/AUTOINCREMENT, identity/serial, auto_increment). */
  readonly autoincrement: boolean;
  /** Always null on SQLite, which has no comments. */
  readonly comment: string | null;
}

export interface PrimaryKeyModel {
  /** Not compared: each database names primary keys its own way. */
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface UniqueConstraintModel {
  /** Null for an unnamed constraint (SQLite); such constraints are matched by their columns. */
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface ForeignKeyModel {
  /** Null for an unnamed constraint (SQLite); such keys are matched by their columns and target. */
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  /** Null means the database's default action (NO ACTION; RESTRICT on MySQL/MariaDB is the same). */
  readonly onDelete: ReferentialAction | null;
  readonly onUpdate: ReferentialAction | null;
}

export interface IndexModel {
  readonly name: string;
  /** Column names, or `sqlExpression(...)` for expression elements, in index order. */
  readonly columns: readonly IndexElement[];
  readonly unique: boolean;
  /** A partial index's condition as SQL text, or null. */
  readonly where: string | null;
}

export interface CheckConstraintModel {
  /** Null for an unnamed constraint (SQLite); such checks are matched by their condition. */
  readonly name: string | null;
  /** The condition without the `CHECK (…)` wrapper. */
  readonly expression: string;
}
