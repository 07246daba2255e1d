/**
 * What autogenerate compares is the tables of the current schema: views, triggers, sequences,
 * enum types, the partitions of a partitioned table and other schemas' tables are not tables of
 * the schema in code, and must neither be reported nor dropped.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkSchema } from '../../src/commands/autogenerate.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { type Journey, startJourney } from './journey-fixture.js';

const ITEM = `  item: table({
    id: column.integer().primaryKey(),
    name: column.string(20),
  }),`;

describeEachDialect('autogenerate: objects that are not tables of the schema', (dialect) => {
  let database: TestDatabase;
  let journey: Journey;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    journey = startJourney(database, { autogenerate: { exclude: ['events'] } });
  });

  afterEach(async () => {
    journey.remove();
    await database.drop();
  });

  it('ignores views and triggers, and drops nothing with dropTables', async () => {
    await journey.migrateTo(ITEM);
    await journey.sql('create view item_names as select name from item');
    if (dialect === 'sqlite') {
      await journey.sql('create trigger item_named after insert on item begin select 1; end');
    }
    const result = await journey.check();
    expect(result.matches).toBe(true);
    expect((await checkSchema({ cwd: journey.project.dir, dropTables: true })).changes).toEqual([]);
  });

  if (dialect === 'postgresql') {
    it('ignores materialized views, sequences, enum types, other schemas and the partitions of an excluded table', async () => {
      await journey.migrateTo(ITEM);
      await journey.sql('create materialized view item_ids as select id from item');
      await journey.sql('create sequence ticket_numbers');
      await journey.sql("create type mood as enum ('sad', 'happy')");
      await journey.sql('create schema archive');
      await journey.sql('create table archive.item (id integer primary key, extra integer)');
      await journey.sql('create table archive.old_item (id integer)');
      await journey.sql(
        'create table events (id integer not null, at date not null) partition by range (at)',
      );
      await journey.sql(
        "create table events_2026 partition of events for values from ('2026-01-01') to ('2027-01-01')",
      );
      const result = await journey.check();
      expect(result.warnings).toEqual([]);
      expect(result.matches).toBe(true);
    });

    it('reads a column of an enum type as its type, with its default, and does not churn', async () => {
      await journey.sql("create type mood as enum ('sad', 'happy')");
      const step = await journey.migrateTo(`  person: table({
    id: column.integer().primaryKey(),
    mood: column.raw('mood').notNull().default('happy'),
  }),`);
      expect(step.after.changes, step.source).toEqual([]);
    });
  }
});
