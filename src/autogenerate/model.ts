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
import type {
  ReflectedForeignKey,
  ReflectedPrimaryKey,
  ReflectedUniqueConstraint,
} from '../operations/inspect/types.js';
import type { ColumnType, IndexElement, ServerDefault } from '../operations/types.js';

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

/**
 * Keys and unique constraints have one shape, whichever side reads them and for `op.inspect` too
 * (`operations/inspect/types.ts`). A null name is an unnamed constraint (SQLite), matched by its
 * columns and target; a primary key's name is not compared (each database names them its own way).
 */
export type PrimaryKeyModel = ReflectedPrimaryKey;
export type UniqueConstraintModel = ReflectedUniqueConstraint;
export type ForeignKeyModel = ReflectedForeignKey;

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
