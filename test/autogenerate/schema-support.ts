/** Creating the tables of a schema model with the operations API, for the schema tests. */
import type { TableModel } from '../../src/autogenerate/model.js';
import type { Operations } from '../../src/operations/operations.js';
import type { ColumnSpec } from '../../src/operations/types.js';

/** Creates each table after the tables its foreign keys reference (self-references aside). */
export async function createTables(op: Operations, tables: readonly TableModel[]): Promise<void> {
  const created = new Set<string>();
  const pending = [...tables];
  while (pending.length > 0) {
    const position = pending.findIndex((table) =>
      table.foreignKeys.every(
        (key) => key.referencedTable === table.name || created.has(key.referencedTable),
      ),
    );
    if (position < 0) throw new Error('the test schema has a foreign-key cycle');
    const [table] = pending.splice(position, 1) as [TableModel];
    await op.createTable(table.name, createTableOptions(table));
    created.add(table.name);
  }
}

function createTableOptions(table: TableModel) {
  const columns: ColumnSpec[] = table.columns.map((column) => ({
    name: column.name,
    type: column.type,
    nullable: column.nullable,
    autoincrement: column.autoincrement,
    ...(column.default === null ? {} : { default: column.default }),
    ...(column.comment === null ? {} : { comment: column.comment }),
  }));
  return {
    columns,
    ...(table.primaryKey === null ? {} : { primaryKey: { columns: table.primaryKey.columns } }),
    uniqueConstraints: table.uniqueConstraints.map((unique) => ({
      columns: unique.columns,
      ...(unique.name === null ? {} : { name: unique.name }),
    })),
    foreignKeys: table.foreignKeys.map((key) => ({
      columns: key.columns,
      referencedTable: key.referencedTable,
      referencedColumns: key.referencedColumns,
      ...(key.name === null ? {} : { name: key.name }),
      ...(key.onDelete === null ? {} : { onDelete: key.onDelete }),
      ...(key.onUpdate === null ? {} : { onUpdate: key.onUpdate }),
    })),
    checkConstraints: table.checkConstraints.map((check) => ({
      expression: check.expression,
      ...(check.name === null ? {} : { name: check.name }),
    })),
    indexes: table.indexes.map((index) => ({
      name: index.name,
      columns: index.columns,
      unique: index.unique,
      ...(index.where === null ? {} : { where: index.where }),
    })),
    ...(table.comment === null ? {} : { comment: table.comment }),
  };
}
