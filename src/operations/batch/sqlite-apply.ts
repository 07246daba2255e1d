/**
 * Applies a batch's recorded changes to a table model, in order, the way the databases that can
 * ALTER would: a dropped column takes its indexes and constraints with it, a new primary key
 * replaces the old one, added columns go last.
 */
import { InvalidOperationError, type RevisionLocation } from '../errors.js';
import type { ReferentialAction } from '../types.js';
import {
  columnTypeSql,
  indexBodySql,
  type ModelColumn,
  mentionsName,
  sameName,
  serverDefaultSql,
  type TableModel,
} from './sqlite-model.js';
import type { BatchChange } from './types.js';

export function applyChanges(
  model: TableModel,
  changes: readonly BatchChange[],
  location: RevisionLocation,
): void {
  for (const change of changes) applyChange(model, change, location);
}

/** The operation label used in messages: `batchAlterTable(user).dropColumn(email)`. */
export function changeLabel(table: string, change: BatchChange): string {
  const subject = 'column' in change ? change.column : 'name' in change ? change.name : '';
  return `batchAlterTable(${table}).${change.kind}(${typeof subject === 'string' ? subject : subject.name})`;
}

function applyChange(model: TableModel, change: BatchChange, location: RevisionLocation): void {
  const fail = (reason: string): never => {
    throw new InvalidOperationError(location, changeLabel(model.name, change), reason);
  };
  const column = (name: string): ModelColumn =>
    model.columns.find((candidate) => sameName(candidate.name, name)) ??
    fail(
      `table ${model.name} has no column ${name} (it has ${model.columns.map((c) => c.name).join(', ')}).`,
    );
  const columnNames = (names: readonly string[]) => names.map((name) => column(name).name);

  switch (change.kind) {
    case 'addColumn': {
      const spec = change.column;
      if (model.columns.some((candidate) => sameName(candidate.name, spec.name))) {
        fail(`table ${model.name} already has a column ${spec.name}.`);
      }
      model.columns.push({
        name: spec.name,
        source: null,
        type: columnTypeSql(spec.type),
        notNull: spec.nullable === false,
        defaultSql: spec.default === undefined ? null : serverDefaultSql(spec.default),
        collate: null,
        generatedSql: null,
        autoincrement: false,
        typeChanged: false,
      });
      // primaryKey / unique / index are createTable shorthands, ignored here as by op.addColumn.
      if (spec.references !== undefined) {
        model.foreignKeys.push({
          name: spec.references.name ?? null,
          columns: [spec.name],
          referencedTable: spec.references.table,
          referencedColumns: [spec.references.column],
          actionsSql: actionsSql(spec.references.onDelete, spec.references.onUpdate),
        });
      }
      return;
    }
    case 'dropColumn': {
      const dropped = column(change.column).name;
      const involves = (columns: readonly string[]) => columns.some((name) => sameName(name, dropped));
      model.columns = model.columns.filter((candidate) => candidate.name !== dropped);
      // As PostgreSQL does: indexes and constraints involving the column go with it.
      if (model.primaryKey !== null && involves(model.primaryKey.columns)) model.primaryKey = null;
      model.uniques = model.uniques.filter((unique) => !involves(unique.columns));
      model.foreignKeys = model.foreignKeys.filter((key) => !involves(key.columns));
      model.checks = model.checks.filter((check) => !mentionsName(check.sqltext, dropped));
      model.indexes = model.indexes.filter((index) => !mentionsName(indexBodySql(index.sql), dropped));
      model.newIndexes = model.newIndexes.filter(
        (index) =>
          !index.columns.some((element) => typeof element === 'string' && sameName(element, dropped)),
      );
      return;
    }
    case 'alterColumn': {
      const current = column(change.column);
      const { type, nullable, default: serverDefault } = change.changes;
      const newType = type === undefined ? current.type : columnTypeSql(type);
      const altered: ModelColumn = {
        ...current,
        type: newType,
        typeChanged: current.typeChanged || newType.toUpperCase() !== current.type.toUpperCase(),
        notNull: nullable === undefined ? current.notNull : !nullable,
        defaultSql:
          serverDefault === undefined
            ? current.defaultSql
            : serverDefault === null
              ? null
              : serverDefaultSql(serverDefault),
      };
      model.columns = model.columns.map((candidate) => (candidate === current ? altered : candidate));
      return;
    }
    case 'createIndex': {
      if (hasIndex(model, change.name)) fail(`an index named ${change.name} already exists.`);
      const columns = change.columns.map((element) =>
        typeof element === 'string' ? column(element).name : element,
      );
      model.newIndexes.push({
        name: change.name,
        columns,
        unique: change.options.unique,
        where: change.options.where,
      });
      return;
    }
    case 'dropIndex': {
      if (!hasIndex(model, change.name)) {
        fail(`table ${model.name} has no index ${change.name} (it has ${indexNames(model) || 'none'}).`);
      }
      model.indexes = model.indexes.filter((index) => !sameName(index.name, change.name));
      model.newIndexes = model.newIndexes.filter((index) => !sameName(index.name, change.name));
      return;
    }
    case 'createPrimaryKey':
      model.primaryKey = { name: change.name, columns: columnNames(change.columns) };
      return;
    case 'createForeignKey':
      model.foreignKeys.push({
        name: change.name,
        columns: columnNames(change.columns),
        referencedTable: change.referencedTable,
        referencedColumns: change.referencedColumns,
        actionsSql: actionsSql(change.options.onDelete, change.options.onUpdate),
      });
      return;
    case 'createUniqueConstraint':
      model.uniques.push({ name: change.name, columns: columnNames(change.columns) });
      return;
    case 'createCheckConstraint':
      model.checks.push({ name: change.name, sqltext: change.condition });
      return;
    case 'dropConstraint': {
      if (dropConstraint(model, change.name, change.type)) return;
      const named = constraintNames(model);
      fail(
        `table ${model.name} has no ${change.type ?? ''} constraint named ${change.name}`.replace('  ', ' ') +
          ` (named constraints: ${named.length > 0 ? named.join(', ') : 'none'}; unnamed ones cannot be dropped by name).`,
      );
    }
  }
}

function hasIndex(model: TableModel, name: string): boolean {
  return [...model.indexes, ...model.newIndexes].some((index) => sameName(index.name, name));
}

function indexNames(model: TableModel): string {
  return [...model.indexes, ...model.newIndexes].map((index) => index.name).join(', ');
}

function constraintNames(model: TableModel): string[] {
  return [model.primaryKey, ...model.uniques, ...model.foreignKeys, ...model.checks]
    .map((constraint) => constraint?.name ?? null)
    .filter((name): name is string => name !== null);
}

function dropConstraint(model: TableModel, name: string, type: string | undefined): boolean {
  const matches = (candidate: { readonly name: string | null }) =>
    candidate.name !== null && sameName(candidate.name, name);
  if ((type === undefined || type === 'primary') && model.primaryKey !== null && matches(model.primaryKey)) {
    model.primaryKey = null;
    return true;
  }
  const before = model.uniques.length + model.foreignKeys.length + model.checks.length;
  if (type === undefined || type === 'unique')
    model.uniques = model.uniques.filter((unique) => !matches(unique));
  if (type === undefined || type === 'foreignkey')
    model.foreignKeys = model.foreignKeys.filter((key) => !matches(key));
  if (type === undefined || type === 'check') model.checks = model.checks.filter((check) => !matches(check));
  return model.uniques.length + model.foreignKeys.length + model.checks.length < before;
}

function actionsSql(
  onDelete: ReferentialAction | undefined,
  onUpdate: ReferentialAction | undefined,
): string {
  return [
    onDelete === undefined ? '' : `ON DELETE ${onDelete}`,
    onUpdate === undefined ? '' : `ON UPDATE ${onUpdate}`,
  ]
    .filter((part) => part !== '')
    .join(' ');
}
