/**
 * `op.batchAlterTable`: a group of changes to one table. On SQLite, changes it cannot make in
 * place are applied by rebuilding the table (see sqlite-rebuild.ts); elsewhere each change is the
 * plain ALTER, in the order recorded.
 */
import type { MigrationContext } from '../context.js';
import type { TableSpec } from '../types.js';
import { validateArguments } from '../validate/index.js';
import { recordBatch } from './recorder.js';
import { type ColumnRename, rebuildTable } from './sqlite-rebuild.js';
import type { BatchChange, BatchOperations, BatchOptions, PlainOperations } from './types.js';

export { RebuildBrokeForeignKeysError, ValueNotRepresentableError } from './errors.js';
export type * from './types.js';

export async function batchAlterTable(
  context: MigrationContext,
  plain: PlainOperations,
  table: string,
  work: (batch: BatchOperations) => void | Promise<void>,
  options: BatchOptions = {},
): Promise<void> {
  const { batch, changes } = recordBatch(table, (operation, args) =>
    validateArguments(context, operation, args),
  );
  await work(batch);
  if (changes.length === 0) return;
  const recreate = options.recreate ?? 'auto';
  const rebuild =
    context.dialect === 'sqlite' &&
    (recreate === 'always' || (recreate === 'auto' && !changes.every(sqliteCanDoInPlace)));
  if (!rebuild) {
    for (const change of changes) await replay(plain, table, change);
    return;
  }
  // Renames happen in place, first, and later changes may name a column by either name.
  const renames: ColumnRename[] = [];
  const currentNames = new Map<string, string>();
  for (const change of changes) {
    const newName = change.kind === 'alterColumn' ? change.changes.newName : undefined;
    if (change.kind !== 'alterColumn' || newName === undefined || newName === change.column) continue;
    renames.push({ from: currentNames.get(change.column) ?? change.column, to: newName });
    currentNames.set(change.column, newName);
  }
  await rebuildTable(
    context,
    table,
    renames,
    changes.map((change) => renamed(change, currentNames)),
    options.copyFrom === undefined ? undefined : renamedSpec(options.copyFrom, currentNames),
  );
}

/** What SQLite's ALTER TABLE can do itself (as Alembic decides): anything else needs a rebuild. */
function sqliteCanDoInPlace(change: BatchChange): boolean {
  switch (change.kind) {
    case 'addColumn': {
      const { default: value, nullable, references } = change.column;
      // ADD COLUMN takes only constant defaults, NOT NULL only with a default, and REFERENCES
      // only without one; the rebuild has none of these limits.
      if (typeof value === 'object') return false;
      if (nullable === false && value === undefined) return false;
      return references === undefined || value === undefined;
    }
    case 'alterColumn': {
      const { type, nullable, default: value } = change.changes;
      return type === undefined && nullable === undefined && value === undefined;
    }
    case 'createIndex':
    case 'dropIndex':
      return true;
    default:
      return false;
  }
}

/** The change with columns renamed earlier in the batch referred to by their new names. */
function renamed(change: BatchChange, renames: ReadonlyMap<string, string>): BatchChange {
  const name = (column: string) => renames.get(column) ?? column;
  const names = (columns: readonly string[]) => columns.map(name);
  switch (change.kind) {
    case 'dropColumn':
      return { ...change, column: name(change.column) };
    case 'alterColumn': {
      const { newName: _done, ...rest } = change.changes;
      return { ...change, column: name(change.column), changes: rest };
    }
    case 'createIndex':
      return {
        ...change,
        columns: change.columns.map((element) => (typeof element === 'string' ? name(element) : element)),
      };
    case 'createPrimaryKey':
    case 'createUniqueConstraint':
    case 'createForeignKey':
      return { ...change, columns: names(change.columns) };
    default:
      return change;
  }
}

/** `copyFrom` as the table is after the batch's renames (which ran before the rebuild). */
function renamedSpec(spec: TableSpec, renames: ReadonlyMap<string, string>): TableSpec {
  if (renames.size === 0) return spec;
  const name = (column: string) => renames.get(column) ?? column;
  const names = (columns: readonly string[]) => columns.map(name);
  return {
    ...spec,
    columns: spec.columns.map((column) => ({ ...column, name: name(column.name) })),
    primaryKey: spec.primaryKey && { ...spec.primaryKey, columns: names(spec.primaryKey.columns) },
    uniqueConstraints: spec.uniqueConstraints?.map((unique) => ({
      ...unique,
      columns: names(unique.columns),
    })),
    foreignKeys: spec.foreignKeys?.map((key) => ({ ...key, columns: names(key.columns) })),
    indexes: spec.indexes?.map((index) => ({
      ...index,
      columns: index.columns.map((element) => (typeof element === 'string' ? name(element) : element)),
    })),
  };
}

async function replay(plain: PlainOperations, table: string, change: BatchChange): Promise<void> {
  switch (change.kind) {
    case 'addColumn':
      return plain.addColumn(table, change.column);
    case 'dropColumn':
      return plain.dropColumn(table, change.column);
    case 'alterColumn':
      return plain.alterColumn(table, change.column, change.changes);
    case 'createIndex':
      return plain.createIndex(change.name, table, change.columns, change.options);
    case 'dropIndex':
      return plain.dropIndex(change.name, { table });
    case 'createPrimaryKey':
      return plain.createPrimaryKey(change.name, table, change.columns);
    case 'createForeignKey':
      return plain.createForeignKey(
        change.name,
        table,
        change.referencedTable,
        change.columns,
        change.referencedColumns,
        change.options,
      );
    case 'createUniqueConstraint':
      return plain.createUniqueConstraint(change.name, table, change.columns);
    case 'createCheckConstraint':
      return plain.createCheckConstraint(change.name, table, change.condition);
    case 'dropConstraint':
      return plain.dropConstraint(change.name, table, { type: change.type });
  }
}
