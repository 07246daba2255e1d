/**
 * Type changes end to end: widening and narrowing are told apart (narrowing is marked
 * destructive), an auto-numbered key keeps numbering after its type changes, and on MySQL/MariaDB
 * a column a foreign key uses can change type with its key.
 */
import { expect, it } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import { describeEachDialect } from '../support/databases.js';
import { journeyPerTest } from './journey-fixture.js';

/** SQLite numbers a key only when its type is exactly INTEGER; BIGINT keys are not numbered there. */
const NUMBERING_BIGINT_KEYS: readonly DialectName[] = ['postgresql', 'mysql'];

describeEachDialect('autogenerate: type changes', (dialect) => {
  const journey = journeyPerTest(dialect);

  it('marks narrowing changes destructive and widening ones not, and is clean after each', async () => {
    await journey().migrateTo(`  doc: table({
    id: column.integer().primaryKey(),
    title: column.string(20),
    amount: column.numeric(8, 2),
    body: column.text(),
  }),`);
    const step = await journey().migrateTo(`  doc: table({
    id: column.integer().primaryKey(),
    title: column.string(40),
    amount: column.numeric(12, 4),
    body: column.string(200),
  }),`);
    const destructive = Object.fromEntries(
      step.result.changes.map((change) => [change.description.split(':')[0], change.destructive]),
    );
    expect(destructive).toEqual({
      'alter column doc.title': false,
      'alter column doc.amount': false,
      'alter column doc.body': true,
    });
    expect(step.source).toMatch(/\/\/ DESTRUCTIVE: changes doc\.body from TEXT to VARCHAR\(200\)/);
    expect(step.after.changes, step.source).toEqual([]);
    expect((await journey().stepBack()).changes).toEqual([]);
  });

  it.skipIf(!NUMBERING_BIGINT_KEYS.includes(dialect))(
    'changes an auto-numbered key from integer to bigint, and it still numbers new rows both ways',
    async () => {
      const before = `  event: table({ id: column.integer().primaryKey(), name: column.string(20) }),`;
      await journey().migrateTo(before);
      await journey().sql("insert into event (name) values ('a')");
      const step = await journey().migrateTo(before.replace('id: column.integer()', 'id: column.bigint()'));
      expect(step.after.changes, step.source).toEqual([]);
      await journey().sql("insert into event (name) values ('b')");
      expect((await journey().stepBack()).changes).toEqual([]);
      await journey().sql("insert into event (name) values ('c')");
      const ids = await journey().sql('select id from event order by id');
      expect(ids.map((row) => Number(row.id))).toEqual([1, 2, 3]);
    },
  );

  it('widens a key column and the columns referencing it, keeping the keys, and back', async () => {
    const before = `  account: table({
    id: column.integer().primaryKey(),
    code: column.string(10).notNull().unique(),
  }),
  post: table({
    id: column.integer().primaryKey(),
    account_id: column.integer().notNull().references('account.id', { onDelete: 'CASCADE' }),
    account_code: column.string(10).references('account.code', { onDelete: 'SET NULL' }),
  }),`;
    await journey().migrateTo(before);
    await journey().sql("insert into account (id, code) values (1, 'a')");
    await journey().sql("insert into post (id, account_id, account_code) values (1, 1, 'a')");
    const step = await journey().migrateTo(
      before
        .replaceAll('column.integer()', 'column.bigint()')
        .replaceAll('column.string(10)', 'column.string(20)'),
    );
    expect(step.after.changes, step.source).toEqual([]);
    expect((await journey().stepBack()).changes).toEqual([]);
    await journey().sql('delete from account');
    expect(await journey().sql('select id from post')).toEqual([]);
  });
});
