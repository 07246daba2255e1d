/**
 * `schemaModel`: the code side of the comparison. Without a dialect it is the schema as declared;
 * with one, it is what that database holds after the schema is created there, as its reflection
 * reports it: per-dialect overrides applied, comments dropped on SQLite, SQLite's rowid rule for
 * generated keys, PostgreSQL's silent dropping of a unique constraint that repeats the primary key.
 */
import type { DialectName } from '../../dialect.js';
import type { ColumnModel, SchemaModel, TableModel } from '../model.js';
import { type BuiltTable, compareText } from './build.js';
import type { ColumnDeclaration } from './column.js';
import { buildSchema, type Schema } from './define.js';

export interface SchemaModelOptions {
  /** The database the model is for; omitted, the model is the schema as declared. */
  readonly dialect?: DialectName;
}

export function schemaModel(schema: Schema, options: SchemaModelOptions = {}): SchemaModel {
  const built = buildSchema(schema);
  const tables = [...built.values()].map((table) =>
    options.dialect === undefined ? table.model : forDialect(table, options.dialect),
  );
  return { tables: tables.sort((a, b) => compareText(a.name, b.name)) };
}

function forDialect({ model, declarations }: BuiltTable, dialect: DialectName): TableModel {
  const columns = model.columns.map((column) =>
    columnForDialect(column, declarations.get(column.name) as ColumnDeclaration, model, dialect),
  );
  const key = model.primaryKey?.columns;
  const uniqueConstraints =
    dialect === 'postgresql' && key !== undefined
      ? model.uniqueConstraints.filter((unique) => !sameList(unique.columns, key))
      : model.uniqueConstraints;
  return {
    ...model,
    columns,
    uniqueConstraints,
    comment: dialect === 'sqlite' ? null : model.comment,
  };
}

function columnForDialect(
  column: ColumnModel,
  declaration: ColumnDeclaration,
  table: TableModel,
  dialect: DialectName,
): ColumnModel {
  const override = declaration.dialects[dialect] ?? {};
  const type = override.type ?? column.type;
  let nullable = override.nullable ?? column.nullable;
  let autoincrement = column.autoincrement;
  if (dialect === 'sqlite') {
    // SQLite numbers a table's only primary-key column exactly when it is declared INTEGER (the
    // rowid alias), whatever the declaration asked; and that column cannot hold NULL.
    const onlyKey = table.primaryKey?.columns.length === 1 && table.primaryKey.columns[0] === column.name;
    const declaredInteger =
      type.kind === 'integer' || (type.kind === 'raw' && /^\s*integer\s*$/i.test(type.sql));
    autoincrement = onlyKey && declaredInteger;
    if (autoincrement) nullable = false;
  }
  return {
    ...column,
    type,
    nullable,
    default: override.default === undefined ? column.default : override.default,
    autoincrement,
    comment: dialect === 'sqlite' ? null : column.comment,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, position) => item === b[position]);
}
