/**
 * The inverse of a diff: what takes the database from the code's schema back to the one it had.
 * Each change carries both sides, so inverting needs nothing else; the inverted changes are taken
 * in reverse order, which applies because the forward order does (see `order.ts`).
 */
import type { DialectName } from '../../dialect.js';
import { assessed } from './destructive.js';
import { checkConstraintName, uniqueConstraintName } from './names.js';
import { canonicalSql } from './normalize.js';
import type { SchemaChange, SchemaDiff, ValueChange } from './types.js';

function swap<T>(change: ValueChange<T> | undefined): ValueChange<T> | undefined {
  return change === undefined ? undefined : { from: change.to, to: change.from };
}

export function invertChange(change: SchemaChange, dialect: DialectName): SchemaChange {
  const inverse = ((): SchemaChange => {
    switch (change.kind) {
      case 'addTable':
        return { kind: 'dropTable', table: change.table, destructive: true };
      case 'dropTable':
        return { kind: 'addTable', table: change.table, destructive: false };
      case 'renameTable':
        return { kind: 'renameTable', from: change.to, to: change.from, destructive: false };
      case 'addColumn':
        return { kind: 'dropColumn', table: change.table, column: change.column, destructive: true };
      case 'dropColumn':
        return { kind: 'addColumn', table: change.table, column: change.column, destructive: false };
      case 'renameColumn':
        return {
          kind: 'renameColumn',
          table: change.table,
          from: change.to,
          to: change.from,
          destructive: false,
        };
      case 'alterColumn': {
        const { type, nullable, default: serverDefault, comment } = change;
        return {
          kind: 'alterColumn',
          table: change.table,
          column: change.column,
          existing: change.target,
          target: change.existing,
          destructive: false,
          ...(type === undefined ? {} : { type: swap(type) }),
          ...(nullable === undefined ? {} : { nullable: swap(nullable) }),
          ...(serverDefault === undefined ? {} : { default: swap(serverDefault) }),
          ...(comment === undefined ? {} : { comment: swap(comment) }),
        };
      }
      case 'addIndex':
        return { kind: 'dropIndex', table: change.table, index: change.index, destructive: false };
      case 'dropIndex':
        return { kind: 'addIndex', table: change.table, index: change.index, destructive: false };
      case 'addUniqueConstraint':
        return {
          kind: 'dropUniqueConstraint',
          table: change.table,
          constraint: change.constraint,
          destructive: false,
        };
      case 'dropUniqueConstraint': {
        const { constraint } = change;
        const name = constraint.name ?? uniqueConstraintName(change.table, constraint.columns);
        return {
          kind: 'addUniqueConstraint',
          table: change.table,
          constraint: { ...constraint, name },
          destructive: false,
        };
      }
      case 'addForeignKey':
        return {
          kind: 'dropForeignKey',
          table: change.table,
          foreignKey: change.foreignKey,
          implicitIndex: change.implicitIndex,
          destructive: false,
        };
      case 'dropForeignKey': {
        const { foreignKey } = change;
        // Database-side keys being dropped are always named (unnamed ones are kept with a warning).
        const name = foreignKey.name ?? `fk_${change.table}_${foreignKey.columns.join('_')}`;
        return {
          kind: 'addForeignKey',
          table: change.table,
          foreignKey: { ...foreignKey, name },
          implicitIndex: change.implicitIndex,
          destructive: false,
        };
      }
      case 'addCheckConstraint':
        return {
          kind: 'dropCheckConstraint',
          table: change.table,
          constraint: change.constraint,
          destructive: false,
        };
      case 'dropCheckConstraint': {
        const { constraint } = change;
        const name =
          constraint.name ?? checkConstraintName(change.table, canonicalSql(constraint.expression));
        return {
          kind: 'addCheckConstraint',
          table: change.table,
          constraint: { ...constraint, name },
          destructive: false,
        };
      }
      case 'alterPrimaryKey':
        return {
          kind: 'alterPrimaryKey',
          table: change.table,
          from: change.to,
          to: change.from,
          destructive: false,
        };
      case 'alterTableComment':
        return {
          kind: 'alterTableComment',
          table: change.table,
          from: change.to,
          to: change.from,
          destructive: false,
        };
    }
  })();
  return assessed(inverse, dialect);
}

/** The diff that undoes `diff`: its changes inverted, last first. Warnings and hints do not carry over. */
export function invertDiff(diff: SchemaDiff): SchemaDiff {
  const changes = [...diff.changes].reverse().map((change) => invertChange(change, diff.dialect));
  return { dialect: diff.dialect, changes, warnings: [], hints: [] };
}
