import type { AlterColumnChanges } from '../ddl/renderer.js';
import type { Operations } from '../operations.js';
import type { ColumnSpec, ConstraintType, IndexElement, ReferentialAction, TableSpec } from '../types.js';

/** How a batch runs on SQLite. */
export interface BatchOptions {
  /**
   * `auto` (default): rebuild the table only when some change needs it; `always`: rebuild even
   * for changes SQLite can make in place; `never`: issue the plain statements, which fail for
   * changes SQLite cannot make. Other databases always run plain ALTERs.
   */
  readonly recreate?: 'auto' | 'always' | 'never';
  /**
   * The table as it is now, for rendering a SQLite rebuild offline (`--sql`), where the table
   * cannot be read. Online the live definition is read instead and this is not used.
   */
  readonly copyFrom?: TableSpec;
}

export interface BatchIndexOptions {
  readonly unique?: boolean;
  /** Partial index condition (PostgreSQL, SQLite). */
  readonly where?: string;
}

export interface BatchForeignKeyOptions {
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

/**
 * What the `batchAlterTable` callback receives: the table's operations, recorded in order and
 * applied when the callback returns. Column names may be given by their old or their new name
 * after a rename in the same batch.
 */
export interface BatchOperations {
  readonly table: string;
  addColumn(column: ColumnSpec): void;
  dropColumn(column: string): void;
  alterColumn(column: string, changes: AlterColumnChanges): void;
  createIndex(name: string, columns: readonly IndexElement[], options?: BatchIndexOptions): void;
  dropIndex(name: string): void;
  createPrimaryKey(name: string, columns: readonly string[]): void;
  createForeignKey(
    name: string,
    referencedTable: string,
    columns: readonly string[],
    referencedColumns: readonly string[],
    options?: BatchForeignKeyOptions,
  ): void;
  createUniqueConstraint(name: string, columns: readonly string[]): void;
  createCheckConstraint(name: string, condition: string): void;
  /** `type` is needed on MySQL only, as for `op.dropConstraint`. */
  dropConstraint(name: string, options?: { readonly type?: ConstraintType }): void;
}

export type BatchChange =
  | { readonly kind: 'addColumn'; readonly column: ColumnSpec }
  | { readonly kind: 'dropColumn'; readonly column: string }
  | { readonly kind: 'alterColumn'; readonly column: string; readonly changes: AlterColumnChanges }
  | {
      readonly kind: 'createIndex';
      readonly name: string;
      readonly columns: readonly IndexElement[];
      readonly options: BatchIndexOptions;
    }
  | { readonly kind: 'dropIndex'; readonly name: string }
  | { readonly kind: 'createPrimaryKey'; readonly name: string; readonly columns: readonly string[] }
  | {
      readonly kind: 'createForeignKey';
      readonly name: string;
      readonly referencedTable: string;
      readonly columns: readonly string[];
      readonly referencedColumns: readonly string[];
      readonly options: BatchForeignKeyOptions;
    }
  | { readonly kind: 'createUniqueConstraint'; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: 'createCheckConstraint'; readonly name: string; readonly condition: string }
  | { readonly kind: 'dropConstraint'; readonly name: string; readonly type: ConstraintType | undefined };

/** The plain operations a batch replays when no rebuild is needed (a subset of `op`). */
export type PlainOperations = Pick<
  Operations,
  | 'addColumn'
  | 'dropColumn'
  | 'alterColumn'
  | 'createIndex'
  | 'dropIndex'
  | 'createPrimaryKey'
  | 'createForeignKey'
  | 'createUniqueConstraint'
  | 'createCheckConstraint'
  | 'dropConstraint'
>;
