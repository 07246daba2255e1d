/**
 * Primary keys end to end: a table without one, a composite key added, changed, and each step's
 * downgrade, on tables that hold rows.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases.js';
import { journeyPerTest } from './journey-fixture.js';

const WITHOUT_KEY = `  link: table({
    left_id: column.integer().notNull(),
    right_id: column.integer().notNull(),
    note: column.text(),
  }),`;

const WITH_KEY = `  link: table({
    left_id: column.integer().primaryKey(),
    right_id: column.integer().primaryKey(),
    note: column.text(),
  }),`;

const WITH_WIDER_KEY = `  link: table({
    left_id: column.integer().primaryKey(),
    right_id: column.integer().primaryKey(),
    kind: column.string(10).primaryKey().default('main'),
    note: column.text(),
  }, { primaryKey: { columns: ['kind', 'left_id', 'right_id'] } }),`;

describeEachDialect('autogenerate: primary keys', (dialect) => {
  const journey = journeyPerTest(dialect, async (started) => {
    await started.migrateTo(WITHOUT_KEY);
    await started.sql("insert into link (left_id, right_id, note) values (1, 2, 'a'), (1, 3, 'b')");
  });

  it('adds a composite primary key to a table without one, and its downgrade removes it again', async () => {
    const step = await journey().migrateTo(WITH_KEY);
    expect(step.after.changes, step.source).toEqual([]);
    const back = await journey().stepBack();
    expect(back.changes).toEqual([]);
    const [count] = await journey().sql('select count(*) as n from link');
    expect(Number(count?.n)).toBe(2);
  });

  it('widens a composite primary key with a new column, and its downgrade narrows it again', async () => {
    await journey().migrateTo(WITH_KEY);
    const step = await journey().migrateTo(WITH_WIDER_KEY);
    expect(step.after.changes, step.source).toEqual([]);
    expect((await journey().stepBack()).changes).toEqual([]);
    const rows = await journey().sql('select left_id, right_id from link order by right_id');
    expect(rows.map((row) => Number(row.right_id))).toEqual([2, 3]);
  });
});
