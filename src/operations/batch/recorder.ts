import { type Argument, shapes } from '../validate/index.js';
import type { BatchChange, BatchOperations } from './types.js';

/** Refuses a call's arguments (see ../validate); the recorder runs it as each call is made. */
export type ValidateCall = (operation: string, args: readonly Argument[]) => void;

/**
 * Records a batch's operations in call order; nothing touches the database until the batch ends.
 * Each call's arguments are checked as it is made, so a misspelt option fails at its own line.
 */
export function recordBatch(
  table: string,
  validate: ValidateCall,
): {
  readonly batch: BatchOperations;
  readonly changes: BatchChange[];
} {
  const changes: BatchChange[] = [];
  const op = (name: string) => `batchAlterTable(${table}).${name}`;
  const batch: BatchOperations = {
    table,
    addColumn: (column) => {
      validate(op('addColumn'), [{ name: 'column', check: shapes.columnSpec, value: column }]);
      changes.push({ kind: 'addColumn', column });
    },
    dropColumn: (column) => {
      validate(op('dropColumn'), [{ name: 'column', check: shapes.aString, value: column }]);
      changes.push({ kind: 'dropColumn', column });
    },
    alterColumn: (column, alteration) => {
      validate(op(`alterColumn(${column})`), [
        { name: 'column', check: shapes.aString, value: column },
        { name: 'changes', check: shapes.alterColumnChanges, value: alteration },
      ]);
      changes.push({ kind: 'alterColumn', column, changes: alteration });
    },
    createIndex: (name, columns, options = {}) => {
      validate(op(`createIndex(${name})`), [
        { name: 'name', check: shapes.aString, value: name },
        { name: 'columns', check: shapes.indexElements, value: columns },
        { name: 'options', check: shapes.batchIndexOptions, value: options },
      ]);
      changes.push({ kind: 'createIndex', name, columns, options });
    },
    dropIndex: (name) => {
      validate(op('dropIndex'), [{ name: 'name', check: shapes.aString, value: name }]);
      changes.push({ kind: 'dropIndex', name });
    },
    createPrimaryKey: (name, columns) => {
      validate(op(`createPrimaryKey(${name})`), [
        { name: 'name', check: shapes.aString, value: name },
        { name: 'columns', check: shapes.columnNames, value: columns },
      ]);
      changes.push({ kind: 'createPrimaryKey', name, columns });
    },
    createForeignKey: (name, referencedTable, columns, referencedColumns, options = {}) => {
      validate(op(`createForeignKey(${name})`), [
        { name: 'name', check: shapes.aString, value: name },
        { name: 'referencedTable', check: shapes.aString, value: referencedTable },
        { name: 'columns', check: shapes.columnNames, value: columns },
        { name: 'referencedColumns', check: shapes.columnNames, value: referencedColumns },
        { name: 'options', check: shapes.foreignKeyOptions, value: options },
      ]);
      changes.push({ kind: 'createForeignKey', name, referencedTable, columns, referencedColumns, options });
    },
    createUniqueConstraint: (name, columns) => {
      validate(op(`createUniqueConstraint(${name})`), [
        { name: 'name', check: shapes.aString, value: name },
        { name: 'columns', check: shapes.columnNames, value: columns },
      ]);
      changes.push({ kind: 'createUniqueConstraint', name, columns });
    },
    createCheckConstraint: (name, condition) => {
      validate(op(`createCheckConstraint(${name})`), [
        { name: 'name', check: shapes.aString, value: name },
        { name: 'condition', check: shapes.aString, value: condition },
      ]);
      changes.push({ kind: 'createCheckConstraint', name, condition });
    },
    dropConstraint: (name, options = {}) => {
      validate(op(`dropConstraint(${name})`), [
        { name: 'name', check: shapes.aString, value: name },
        { name: 'options', check: shapes.dropConstraintOptions, value: options },
      ]);
      changes.push({ kind: 'dropConstraint', name, type: options.type });
    },
  };
  return { batch, changes };
}
