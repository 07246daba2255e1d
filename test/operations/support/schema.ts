import type { Operations } from '../../../src/operations/operations.js';

/** Everything `op.inspect` says about a table, for "the inverse restores the schema exactly" checks. */
export async function reflectTable(op: Operations, table: string) {
  const inspect = op.inspect;
  return {
    columns: await inspect.getColumns(table),
    primaryKey: await inspect.getPrimaryKey(table),
    indexes: await inspect.getIndexes(table),
    uniqueConstraints: await inspect.getUniqueConstraints(table),
    foreignKeys: await inspect.getForeignKeys(table),
    checkConstraints: await inspect.getCheckConstraints(table),
  };
}

/** Every table with everything reflected about it. */
export async function reflectSchema(op: Operations) {
  const tables = await op.inspect.getTables();
  const schema: Record<string, Awaited<ReturnType<typeof reflectTable>>> = {};
  for (const table of tables) schema[table] = await reflectTable(op, table);
  return schema;
}
