/**
 * Generated revisions on tables that hold rows: a SQLite rebuild (type and nullability changes)
 * copies them, NOT NULL columns with a default fill them, and each downgrade keeps them too.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases.js';
import { journeyPerTest } from './journey-fixture.js';

const ITEM = `  item: table({
    id: column.integer().primaryKey(),
    name: column.string(20),
    price: column.integer(),
  }, { indexes: [index('ix_item_name', ['name'])] }),`;

describeEachDialect('autogenerate: tables with rows', (dialect) => {
  const journey = journeyPerTest(dialect, async (started) => {
    await started.migrateTo(ITEM);
    await started.sql("insert into item (id, name, price) values (1, 'pen', 3), (2, 'ink', 12)");
  });

  const rows = async () =>
    (await journey().sql('select id, name, price from item order by id')).map((row) => [
      Number(row.id),
      row.name,
      Number(row.price),
    ]);

  it('widens a column and makes another NOT NULL keeping the rows, and the downgrade keeps them too', async () => {
    const step = await journey().migrateTo(
      ITEM.replace('name: column.string(20),', 'name: column.string(80).notNull(),').replace(
        'price: column.integer(),',
        'price: column.bigint(),',
      ),
    );
    if (dialect === 'sqlite') expect(step.source).toMatch(/op\.batchAlterTable\('item'/);
    expect(step.after.changes, step.source).toEqual([]);
    expect(await rows()).toEqual([
      [1, 'pen', 3],
      [2, 'ink', 12],
    ]);
    expect((await journey().stepBack()).changes).toEqual([]);
    expect(await rows()).toEqual([
      [1, 'pen', 3],
      [2, 'ink', 12],
    ]);
  });

  it('adds NOT NULL columns with defaults, filling the existing rows, and the downgrade drops them', async () => {
    const step = await journey().migrateTo(
      ITEM.replace(
        'price: column.integer(),',
        "price: column.integer(),\n    status: column.string(10).notNull().default('new'),\n    stock: column.integer().notNull().default(-1),",
      ),
    );
    expect(step.after.changes, step.source).toEqual([]);
    const filled = await journey().sql('select status, stock from item order by id');
    expect(filled.map((row) => [row.status, Number(row.stock)])).toEqual([
      ['new', -1],
      ['new', -1],
    ]);
    expect((await journey().stepBack()).changes).toEqual([]);
    expect(await rows()).toHaveLength(2);
  });
});
