import type { BatchChange, BatchOperations } from './types.js';

/** Records a batch's operations in call order; nothing touches the database until the batch ends. */
export function recordBatch(table: string): {
  readonly batch: BatchOperations;
  readonly changes: BatchChange[];
} {
  const changes: BatchChange[] = [];
  const batch: BatchOperations = {
    table,
    addColumn: (column) => changes.push({ kind: 'addColumn', column }),
    dropColumn: (column) => changes.push({ kind: 'dropColumn', column }),
    alterColumn: (column, alteration) => changes.push({ kind: 'alterColumn', column, changes: alteration }),
    createIndex: (name, columns, options = {}) =>
      changes.push({ kind: 'createIndex', name, columns, options }),
    dropIndex: (name) => changes.push({ kind: 'dropIndex', name }),
    createPrimaryKey: (name, columns) => changes.push({ kind: 'createPrimaryKey', name, columns }),
    createForeignKey: (name, referencedTable, columns, referencedColumns, options = {}) =>
      changes.push({ kind: 'createForeignKey', name, referencedTable, columns, referencedColumns, options }),
    createUniqueConstraint: (name, columns) =>
      changes.push({ kind: 'createUniqueConstraint', name, columns }),
    createCheckConstraint: (name, condition) =>
      changes.push({ kind: 'createCheckConstraint', name, condition }),
    dropConstraint: (name, options = {}) =>
      changes.push({ kind: 'dropConstraint', name, type: options.type }),
  };
  return { batch, changes };
}
