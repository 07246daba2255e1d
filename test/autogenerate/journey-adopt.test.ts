/**
 * Adopting a database ambix did not create: tables written by hand (or by another tool), in the
 * spellings people use, compared with a schema module that declares the same thing.
 */
import { expect, it } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import { describeEachDialect } from '../support/databases.js';
import { journeyPerTest } from './journey-fixture.js';

const HAND_WRITTEN: Record<DialectName, string[]> = {
  sqlite: [
    `create table account (id integer primary key autoincrement, email varchar(255) not null unique,
      name text, active boolean not null default 1, created_at timestamp default current_timestamp,
      score real default 0.0, balance decimal(10,2) default '0.00')`,
    'create index account_name_idx on account (name)',
  ],
  postgresql: [
    `create table account (id serial primary key, email varchar(255) not null unique, name text,
      active boolean not null default true, created_at timestamp default current_timestamp,
      score real default 0.0, balance decimal(10,2) default '0.00')`,
    'create index account_name_idx on account (name)',
  ],
  mysql: [
    `create table account (id int(11) not null auto_increment primary key, email varchar(255) not null unique,
      name text, active tinyint(1) not null default 1, created_at datetime default current_timestamp,
      score float default 0, balance decimal(10,2) default '0.00') engine=InnoDB default charset=utf8mb4`,
    'create index account_name_idx on account (name(50))',
  ],
};

describeEachDialect('autogenerate: adopting a hand-made database', (dialect) => {
  const journey = journeyPerTest(dialect);

  it('finds nothing to change when the schema declares what the hand-written tables hold', async () => {
    for (const statement of HAND_WRITTEN[dialect]) await journey().sql(statement);
    journey().project.writeSchema(`  account: table({
    id: column.integer().primaryKey(),
    email: column.string(255).notNull().unique(),
    name: column.text(),
    active: column.boolean().notNull().default(true),
    created_at: column.timestamp().default(now()),
    score: column.float().default(0),
    balance: column.numeric(10, 2).default(0),
  }, { indexes: [index('account_name_idx', ['name'])] }),`);
    const result = await journey().check();
    expect(result.changes).toEqual([]);
    expect(result.matches).toBe(true);
  });
});
