import { afterEach, beforeEach, expect, it } from 'vitest';
import { introspect } from '../../src/autogenerate/introspect/index.js';
import type { TableModel } from '../../src/autogenerate/model.js';
import { createOperations } from '../../src/operations/index.js';
import { createInspector, type Inspector } from '../../src/operations/inspect/index.js';
import { type OnlineTestContext, openOnlineContext } from '../operations/support/context.js';
import { describeEachDialect } from '../support/databases.js';
import { createFixtureSchema } from './introspect-fixture.js';
import { countingCatalog } from './introspect-support.js';

/** What `op.inspect` reports about a table, restricted to what the two reflections share. */
async function inspected(inspect: Inspector, table: string, dialect: string) {
  const foreignKeys = await inspect.getForeignKeys(table);
  const uniques = await inspect.getUniqueConstraints(table);
  const indexes = (await inspect.getIndexes(table)).filter(
    (index) =>
      index.duplicatesConstraint === undefined &&
      // MySQL: a unique plain index is a unique constraint; InnoDB's index for a foreign key is
      // named after the key, or after its column when InnoDB named the key itself.
      !(dialect === 'mysql' && index.unique && index.expressions === undefined) &&
      !(
        dialect === 'mysql' &&
        foreignKeys.some(
          (key) =>
            key.name === index.name || (/_ibfk_\d+$/.test(key.name ?? '') && key.columns[0] === index.name),
        )
      ),
  );
  const primaryKey = await inspect.getPrimaryKey(table);
  return {
    columns: (await inspect.getColumns(table)).map((column) => ({
      name: column.name,
      nullable: column.nullable,
      autoincrement: column.autoincrement,
      comment: column.comment,
    })),
    primaryKey: primaryKey.columns.length === 0 ? null : primaryKey,
    uniqueConstraints: uniques,
    foreignKeys,
    indexes: indexes.map((index) => ({ name: index.name, unique: index.unique, where: index.where })),
    checkConstraints: (await inspect.getCheckConstraints(table))
      // MariaDB's JSON alias check belongs to the column's type.
      .filter((check) => !/^json_valid\(/.test(check.sqltext))
      .map((check) => ({ name: check.name, expression: check.sqltext })),
  };
}

function shared(table: TableModel) {
  return {
    columns: table.columns.map((column) => ({
      name: column.name,
      nullable: column.nullable,
      autoincrement: column.autoincrement,
      comment: column.comment,
    })),
    primaryKey: table.primaryKey,
    uniqueConstraints: table.uniqueConstraints,
    foreignKeys: table.foreignKeys,
    indexes: table.indexes.map((index) => ({ name: index.name, unique: index.unique, where: index.where })),
    checkConstraints: table.checkConstraints,
  };
}

describeEachDialect('introspect against op.inspect', (dialect) => {
  let online: OnlineTestContext;

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
  });
  afterEach(async () => online.close());

  it('agrees with op.inspect, table by table, where the two overlap', async () => {
    await createFixtureSchema(createOperations(online.context), dialect);
    const inspect = createInspector(online.context);
    const model = await introspect(countingCatalog(online));

    expect(model.tables.map((table) => table.name)).toEqual(await inspect.getTables());
    for (const table of model.tables) {
      expect(shared(table), table.name).toEqual(await inspected(inspect, table.name, dialect));
    }
  });
});
