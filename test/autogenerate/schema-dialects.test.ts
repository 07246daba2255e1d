/**
 * `schemaModel(schema, { dialect })` says what each database holds after the schema as declared
 * is created there: create the tables from the declared model, reflect them, and compare.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  column,
  defineSchema,
  foreignKey,
  schemaModel,
  table,
  unique,
} from '../../src/autogenerate/schema/index.js';
import { createOperations } from '../../src/operations/index.js';
import type { Operations } from '../../src/operations/operations.js';
import { type OnlineTestContext, openOnlineContext } from '../operations/support/context.js';
import { describeEachDialect } from '../support/databases.js';
import { createTables } from './schema-support.js';

const schema = defineSchema({
  account: table(
    {
      // Primary key and unique, as several Open WebUI tables declare.
      id: column.integer().primaryKey().unique(),
      email: column.string(100).notNull().unique(),
      note: column.text().comment('free text'),
    },
    { comment: 'accounts' },
  ),
  ledger: table({
    id: column.bigint().primaryKey(),
    account_id: column.integer().notNull().references('account.id'),
  }),
  pair: table(
    {
      a: column.string(20).primaryKey(),
      b: column.string(20).primaryKey(),
      account_id: column.integer(),
      ledger_id: column.bigint(),
    },
    {
      uniques: [unique(['account_id', 'ledger_id'])],
      foreignKeys: [foreignKey(['ledger_id'], 'ledger', ['id'], { onDelete: 'CASCADE' })],
    },
  ),
});

describeEachDialect('schemaModel for a dialect', (dialect) => {
  let online: OnlineTestContext;
  let op: Operations;
  beforeEach(async () => {
    online = await openOnlineContext(dialect);
    op = createOperations(online.context);
    await createTables(op, schemaModel(schema).tables);
  });
  afterEach(async () => online.close());

  it('matches what the database reports after the declared schema is created', async () => {
    const model = schemaModel(schema, { dialect });
    for (const table of model.tables) {
      const columns = await op.inspect.getColumns(table.name);
      expect(
        columns.map((c) => [c.name, c.nullable, c.autoincrement, c.comment]),
        `${table.name} columns`,
      ).toEqual(table.columns.map((c) => [c.name, c.nullable, c.autoincrement, c.comment]));
      expect((await op.inspect.getPrimaryKey(table.name)).columns).toEqual(table.primaryKey?.columns);
      const uniques = await op.inspect.getUniqueConstraints(table.name);
      expect(
        uniques
          .map((u) => [
            u.name ?? table.uniqueConstraints.find((d) => d.columns.join() === u.columns.join())?.name,
            u.columns,
          ])
          .sort(),
        `${table.name} unique constraints`,
      ).toEqual(table.uniqueConstraints.map((u) => [u.name, u.columns]).sort());
      const foreignKeys = await op.inspect.getForeignKeys(table.name);
      expect(
        foreignKeys.map((f) => [
          f.name ?? table.foreignKeys.find((d) => d.columns.join() === f.columns.join())?.name,
          f.columns,
          f.referencedTable,
          f.onDelete,
        ]),
        `${table.name} foreign keys`,
      ).toEqual(table.foreignKeys.map((f) => [f.name, f.columns, f.referencedTable, f.onDelete]));
    }
  });
});
