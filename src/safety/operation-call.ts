import type { AlterColumnChanges } from '../operations/ddl/renderer.js';
import type { ColumnSpec, ConstraintType, IndexElement, TableSpec } from '../operations/types.js';

/**
 * A schema operation as a revision asked for it, independent of the SQL it renders to: the
 * classifier reasons about intent (a dropped column, a NOT NULL without default), not text.
 * `batch` is set for the operations of a `batchAlterTable` block.
 */
export type OperationCall = (
  | {
      readonly kind: 'createTable';
      readonly table: string;
      /** The definition as given (columns, keys, foreign keys), when the call carried one. */
      readonly definition?: Partial<Omit<TableSpec, 'name'>>;
    }
  | { readonly kind: 'dropTable'; readonly table: string }
  | { readonly kind: 'renameTable'; readonly table: string; readonly to: string }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: ColumnSpec }
  | { readonly kind: 'dropColumn'; readonly table: string; readonly column: string }
  | {
      readonly kind: 'alterColumn';
      readonly table: string;
      readonly column: string;
      readonly changes: AlterColumnChanges;
    }
  | {
      readonly kind: 'createIndex';
      readonly table: string;
      readonly name: string;
      readonly unique: boolean;
      readonly concurrently: boolean;
      readonly columns?: readonly IndexElement[];
      /** A partial index's condition: duplicates outside it do not count. */
      readonly where?: string;
    }
  | {
      readonly kind: 'dropIndex';
      readonly table: string | null;
      readonly name: string;
      readonly concurrently: boolean;
    }
  | {
      readonly kind: 'createPrimaryKey';
      readonly table: string;
      readonly name: string;
      readonly columns?: readonly string[];
    }
  | {
      readonly kind: 'createForeignKey';
      readonly table: string;
      readonly name: string;
      readonly referencedTable: string;
      readonly columns?: readonly string[];
      readonly referencedColumns?: readonly string[];
    }
  | {
      readonly kind: 'createUniqueConstraint';
      readonly table: string;
      readonly name: string;
      readonly columns?: readonly string[];
    }
  | { readonly kind: 'createCheckConstraint'; readonly table: string; readonly name: string }
  | {
      readonly kind: 'dropConstraint';
      readonly table: string;
      readonly name: string;
      readonly type: ConstraintType | null;
    }
  | { readonly kind: 'bulkInsert'; readonly table: string; readonly rows: number }
) & { readonly batch?: boolean };

/** How an operation is shown to the user: the op method and what it touches. */
export function describeCall(call: OperationCall): string {
  const prefix = call.batch ? `batchAlterTable(${call.table}).` : '';
  switch (call.kind) {
    case 'createTable':
    case 'dropTable':
      return `${call.kind}(${call.table})`;
    case 'renameTable':
      return `renameTable(${call.table} → ${call.to})`;
    case 'addColumn':
      return call.batch
        ? `${prefix}addColumn(${call.column.name})`
        : `addColumn(${call.table}.${call.column.name})`;
    case 'dropColumn':
    case 'alterColumn':
      return call.batch
        ? `${prefix}${call.kind}(${call.column})`
        : `${call.kind}(${call.table}.${call.column})`;
    case 'dropIndex':
      return `${prefix}dropIndex(${call.name})`;
    case 'bulkInsert':
      return `bulkInsert(${call.table}, ${call.rows} rows)`;
    default:
      return call.batch
        ? `${prefix}${call.kind}(${call.name})`
        : `${call.kind}(${call.name} on ${call.table})`;
  }
}
