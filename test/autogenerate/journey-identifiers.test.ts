/**
 * Names that need quoting (reserved words, mixed case, spaces, dashes) through every step a
 * revision takes: create, alter (a SQLite rebuild among them), rename, drop, and the downgrade.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases.js';
import { journeyPerTest } from './journey-fixture.js';

const CREATED = `  user: table({
    id: column.integer().primaryKey(),
    order: column.string(20).notNull().index(),
    UserId: column.integer(),
    'first name': column.string(40).default("it's"),
    'e-mail': column.string(100).unique(),
    level: column.integer(),
  }, { checks: [check('ck user level', 'level >= 0')] }),
  group: table({
    id: column.integer().primaryKey(),
    'user-id': column.integer().references('user.id', { onDelete: 'CASCADE' }),
    select: column.boolean().notNull().default(false),
  }, { indexes: [index('ix group user-id', ['user-id', 'select'])] }),`;

const ALTERED = `  user: table({
    id: column.integer().primaryKey(),
    order: column.string(20).notNull().index(),
    UserId: column.bigint().notNull().default(0),
    'given name': column.string(60).default("it's"),
    'e-mail': column.string(120).unique(),
    level: column.integer(),
  }, { checks: [check('ck user level', 'level >= 0')] }),
  'Group Members': table({
    id: column.integer().primaryKey(),
    'user-id': column.integer().references('user.id', { onDelete: 'CASCADE', name: 'fk group user' }),
  }, { indexes: [index('ix group user-id', ['user-id'])] }),`;

describeEachDialect('autogenerate: identifiers that need quoting', (dialect) => {
  const journey = journeyPerTest(dialect);

  it('creates, alters, renames and drops reserved, mixed-case, spaced and dashed names, clean at each step', async () => {
    const created = await journey().migrateTo(CREATED);
    expect(created.after.changes, created.source).toEqual([]);
    await journey().sql(
      dialect === 'mysql'
        ? "insert into `user` (id, `order`, UserId, `first name`) values (1, 'o', 7, 'Ann')"
        : `insert into "user" (id, "order", "UserId", "first name") values (1, 'o', 7, 'Ann')`,
    );

    const altered = await journey().migrateTo(ALTERED, {
      renames: ['user.first name:user.given name', 'group:Group Members'],
      dropColumns: true,
    });
    expect(altered.after.changes, altered.source).toEqual([]);
    expect(altered.after.warnings).toEqual([]);
    const [row] = await journey().sql(
      dialect === 'mysql'
        ? 'select `given name` as name from `user`'
        : 'select "given name" as name from "user"',
    );
    expect(row).toEqual({ name: 'Ann' });

    expect((await journey().stepBack()).changes).toEqual([]);
  });
});
