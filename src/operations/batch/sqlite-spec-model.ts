/**
 * A table model built from a TableSpec instead of the catalog: how an offline (`--sql`) rebuild
 * learns the table it cannot read, from `batchAlterTable(…, { copyFrom })`.
 */
import { ddlFor } from '../ddl/index.js';
import { foreignKeysOf, indexesOf, primaryKeyOf, uniqueConstraintsOf } from '../ddl/renderer.js';
import type { TableSpec } from '../types.js';
import { columnTypeSql, serverDefaultSql, type TableModel } from './sqlite-model.js';

export function modelFromSpec(spec: TableSpec): TableModel {
  const primaryKey = primaryKeyOf(spec);
  const ddl = ddlFor('sqlite', null);
  return {
    name: spec.name,
    columns: spec.columns.map((column) => ({
      name: column.name,
      source: column.name,
      type: columnTypeSql(column.type),
      notNull: column.nullable === false || (primaryKey?.columns.includes(column.name) ?? false),
      defaultSql: column.default === undefined ? null : serverDefaultSql(column.default),
      collate: null,
      generatedSql: null,
      autoincrement: false,
      typeChanged: false,
    })),
    primaryKey:
      primaryKey === undefined ? null : { name: primaryKey.name ?? null, columns: primaryKey.columns },
    uniques: uniqueConstraintsOf(spec).map((unique) => ({
      name: unique.name ?? null,
      columns: unique.columns,
    })),
    checks: (spec.checkConstraints ?? []).map((check) => ({
      name: check.name ?? null,
      sqltext: check.expression,
    })),
    foreignKeys: foreignKeysOf(spec).map((key) => ({
      name: key.name ?? null,
      columns: key.columns,
      referencedTable: key.referencedTable,
      referencedColumns: key.referencedColumns,
      actionsSql: [
        key.onDelete === undefined ? '' : `ON DELETE ${key.onDelete}`,
        key.onUpdate === undefined ? '' : `ON UPDATE ${key.onUpdate}`,
      ]
        .filter((part) => part !== '')
        .join(' '),
    })),
    indexes: indexesOf(spec).map((index) => ({
      name: index.name,
      sql: ddl.createIndex(spec.name, index, { concurrently: false, ifNotExists: false }).join(';\n'),
    })),
    newIndexes: [],
    triggers: [],
    optionsSql: '',
  };
}
