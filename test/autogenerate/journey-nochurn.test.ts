/**
 * No churn on real databases: what a user writes (check conditions, server defaults) comes back
 * from each database in its own words (PostgreSQL expands BETWEEN and spells LIKE `~~`, MariaDB
 * prints `curdate()` and escapes backslashes), and `check` must still find nothing to do right
 * after the generated revision ran.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases.js';
import { journeyPerTest } from './journey-fixture.js';

describeEachDialect('autogenerate: no churn after applying', (dialect) => {
  const journey = journeyPerTest(dialect);

  it('check conditions with IN, LIKE, BETWEEN, IS NOT NULL and functions are clean once applied', async () => {
    const postgresOnly =
      dialect === 'postgresql' ? `check('ck_ilike', "name ILIKE 'b%' AND name NOT ILIKE 'bz%'"),` : '';
    const step = await journey().migrateTo(`  item: table({
    id: column.integer().primaryKey(),
    kind: column.string(10),
    name: column.string(20),
    n: column.integer(),
    price: column.numeric(8, 2),
  }, { checks: [
    check('ck_in', "kind IN ('a', 'b')"),
    check('ck_not_in', "kind NOT IN ('c', 'd')"),
    check('ck_like', "name LIKE 'x%' OR name NOT LIKE 'y%'"),
    check('ck_between', 'n BETWEEN 1 AND 10'),
    check('ck_not_between', 'n NOT BETWEEN -5 AND -1'),
    check('ck_length_between', 'length(name) BETWEEN 1 AND 20 AND price BETWEEN 0.5 AND 99.99'),
    check('ck_not_null', 'kind IS NOT NULL'),
    check('ck_length', 'length(name) > 3'),
    ${postgresOnly}
  ] }),`);
    expect(step.after.changes, step.source).toEqual([]);
  });

  it('server defaults of every common spelling are clean once applied', async () => {
    const step = await journey().migrateTo(`  setting: table({
    id: column.integer().primaryKey(),
    negative: column.integer().default(-5),
    decimal: column.numeric(10, 2).default(1.5),
    negative_decimal: column.numeric(10, 2).default(-0.25),
    empty: column.string(10).default(''),
    quoted: column.string(40).default("it's \\"quoted\\""),
    backslash: column.string(40).default('C:\\\\temp\\\\new'),
    flag: column.boolean().notNull().default(true),
    off: column.boolean().notNull().default(false),
    created_at: column.timestamp({ withTimeZone: true }).notNull().default(now()),
    updated_at: column.timestamp().default(sql\`CURRENT_TIMESTAMP\`),
    day: column.date().default(sql\`CURRENT_DATE\`),
    settings: column.json().default(sql\`'{}'\`),
  }),`);
    expect(step.after.changes, step.source).toEqual([]);
    await journey().sql('insert into setting (id) values (1)');
    const [row] = await journey().sql('select quoted, backslash from setting');
    expect(row).toEqual({ quoted: 'it\'s "quoted"', backslash: 'C:\\temp\\new' });
  });
});
