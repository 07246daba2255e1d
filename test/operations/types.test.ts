import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import { createOperations } from '../../src/operations/index.js';
import type { Operations } from '../../src/operations/operations.js';
import { type ColumnSpec, now, type ServerDefault, sqlExpression, t } from '../../src/operations/types.js';
import { describeEachDialect } from '../support/databases.js';
import { type OnlineTestContext, openOnlineContext } from './support/context.js';

/** Each neutral type, and the type each database reports for a column declared with it. */
const TYPE_CASES: readonly [ColumnSpec['type'], Record<DialectName, string>][] = [
  [t.text(), { sqlite: 'TEXT', postgresql: 'TEXT', mysql: 'TEXT' }],
  [t.string(), { sqlite: 'VARCHAR', postgresql: 'VARCHAR', mysql: 'VARCHAR(255)' }],
  [t.string(50), { sqlite: 'VARCHAR(50)', postgresql: 'VARCHAR(50)', mysql: 'VARCHAR(50)' }],
  [t.integer(), { sqlite: 'INTEGER', postgresql: 'INTEGER', mysql: 'INT' }],
  [t.bigint(), { sqlite: 'BIGINT', postgresql: 'BIGINT', mysql: 'BIGINT' }],
  [t.smallint(), { sqlite: 'SMALLINT', postgresql: 'SMALLINT', mysql: 'SMALLINT' }],
  [t.boolean(), { sqlite: 'BOOLEAN', postgresql: 'BOOLEAN', mysql: 'TINYINT(1)' }],
  [t.float(), { sqlite: 'FLOAT', postgresql: 'REAL', mysql: 'FLOAT' }],
  [t.double(), { sqlite: 'DOUBLE', postgresql: 'DOUBLE PRECISION', mysql: 'DOUBLE' }],
  [t.numeric(12, 3), { sqlite: 'NUMERIC(12, 3)', postgresql: 'NUMERIC(12, 3)', mysql: 'DECIMAL(12, 3)' }],
  [t.date(), { sqlite: 'DATE', postgresql: 'DATE', mysql: 'DATE' }],
  [t.time(), { sqlite: 'TIME', postgresql: 'TIME WITHOUT TIME ZONE', mysql: 'TIME' }],
  [t.datetime(), { sqlite: 'DATETIME', postgresql: 'TIMESTAMP WITHOUT TIME ZONE', mysql: 'DATETIME' }],
  [
    t.timestamp({ withTimeZone: true }),
    { sqlite: 'DATETIME', postgresql: 'TIMESTAMP WITH TIME ZONE', mysql: 'DATETIME' },
  ],
  [t.json(), { sqlite: 'JSON', postgresql: 'JSON', mysql: 'JSON' }],
  [t.jsonb(), { sqlite: 'JSON', postgresql: 'JSONB', mysql: 'JSON' }],
  [t.uuid(), { sqlite: 'CHAR(36)', postgresql: 'UUID', mysql: 'CHAR(36)' }],
  [t.binary(), { sqlite: 'BLOB', postgresql: 'BYTEA', mysql: 'BLOB' }],
  [t.raw('VARCHAR(7)'), { sqlite: 'VARCHAR(7)', postgresql: 'VARCHAR(7)', mysql: 'VARCHAR(7)' }],
];

/** Server defaults, and the text each database reports for them. */
const DEFAULT_CASES: readonly [ColumnSpec['type'], ServerDefault, Record<DialectName, string>][] = [
  [t.string(20), 'draft', { sqlite: "'draft'", postgresql: "'draft'::character varying", mysql: "'draft'" }],
  [t.integer(), 7, { sqlite: '7', postgresql: '7', mysql: '7' }],
  [t.boolean(), true, { sqlite: '1', postgresql: 'true', mysql: '1' }],
  [t.boolean(), false, { sqlite: '0', postgresql: 'false', mysql: '0' }],
  [t.datetime(), now(), { sqlite: 'CURRENT_TIMESTAMP', postgresql: 'now()', mysql: 'current_timestamp()' }],
  [t.json(), '{}', { sqlite: "'{}'", postgresql: "'{}'::json", mysql: "'{}'" }],
  [t.integer(), sqlExpression('1 + 2'), { sqlite: '1 + 2', postgresql: '(1 + 2)', mysql: '(1 + 2)' }],
];

describeEachDialect('neutral column types and server defaults', (dialect) => {
  let online: OnlineTestContext;
  let op: Operations;

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
    op = createOperations(online.context);
  });
  afterEach(async () => online.close());

  it('declares each neutral type as the type the database then reports', async () => {
    await op.createTable('typed', {
      columns: TYPE_CASES.map(([type], index) => ({ name: `c${index}`, type })),
    });
    const reported = (await op.inspect.getColumns('typed')).map((column) => column.type);
    expect(reported).toEqual(TYPE_CASES.map(([, expected]) => expected[dialect]));
  });

  it('writes each server default so the database reports the expected default', async () => {
    await op.createTable('defaulted', {
      columns: DEFAULT_CASES.map(([type, value], index) => ({ name: `c${index}`, type, default: value })),
    });
    const reported = (await op.inspect.getColumns('defaulted')).map((column) => column.default);
    expect(reported).toEqual(DEFAULT_CASES.map(([, , expected]) => expected[dialect]));
  });

  it('fills server defaults in rows inserted without those columns', async () => {
    await op.createTable('defaulted', {
      columns: [
        { name: 'id', type: t.integer(), primaryKey: true },
        { name: 'status', type: t.string(20), default: 'draft' },
        { name: 'flag', type: t.boolean(), default: true },
        { name: 'created', type: t.datetime(), default: now() },
      ],
    });
    await op.bulkInsert('defaulted', [{ id: 1 }]);
    const row = await online.db.selectFrom('defaulted').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('draft');
    expect(Number(row.flag)).toBe(1);
    expect(row.created).not.toBeNull();
  });

  it('bulkInsert binds text, numbers, booleans, nulls and JSON values', async () => {
    await op.createTable('mixed', {
      columns: [
        { name: 'id', type: t.integer(), primaryKey: true },
        { name: 'label', type: t.text() },
        { name: 'flag', type: t.boolean() },
        { name: 'meta', type: t.json() },
      ],
    });
    await op.bulkInsert('mixed', [
      { id: 1, label: "it's", flag: true, meta: { tags: ['a'], n: 1 } },
      { id: 2, label: null, flag: false, meta: null },
    ]);
    const rows = await online.db.selectFrom('mixed').selectAll().orderBy('id').execute();
    const decoded = rows.map((row) => ({
      ...row,
      flag: Boolean(row.flag),
      meta: typeof row.meta === 'string' ? JSON.parse(row.meta) : row.meta,
    }));
    expect(decoded).toEqual([
      { id: 1, label: "it's", flag: true, meta: { tags: ['a'], n: 1 } },
      { id: 2, label: null, flag: false, meta: null },
    ]);
  });

  it('bulkInsert binds a Date so the timestamp column holds that instant', async () => {
    await op.createTable('stamped', { columns: [{ name: 'at', type: t.datetime() }] });
    await op.bulkInsert('stamped', [{ at: new Date('2024-10-23T03:00:00Z') }]);
    const text =
      dialect === 'postgresql'
        ? "to_char(at, 'YYYY-MM-DD HH24:MI:SS')"
        : dialect === 'mysql'
          ? "date_format(at, '%Y-%m-%d %H:%i:%s')"
          : 'substr(at, 1, 19)';
    const result = await op.execute(`SELECT ${text} AS v FROM stamped`);
    expect(result.rows).toEqual([{ v: '2024-10-23 03:00:00' }]);
  });

  it('bulkInsert splits a large insert so no statement exceeds the bound-parameter limit', async () => {
    await op.createTable('wide', {
      columns: [
        { name: 'a', type: t.integer() },
        { name: 'b', type: t.integer() },
      ],
    });
    const rows = Array.from({ length: 20_000 }, (_, index) => ({ a: index, b: -index }));
    await op.bulkInsert('wide', rows);
    const inserts = online.statements.filter((statement) => statement.sql.startsWith('insert'));
    expect(inserts.map((statement) => statement.parameters.length)).toEqual([30_000, 10_000]);
    const counted = await online.db
      .selectFrom('wide')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(counted?.n)).toBe(20_000);
  });

  it('bulkInsert row by row issues one INSERT per row', async () => {
    await op.createTable('n', { columns: [{ name: 'v', type: t.integer() }] });
    await op.bulkInsert('n', [{ v: 1 }, { v: 2 }, { v: 3 }], { rowByRow: true });
    expect(online.statements.filter((statement) => statement.sql.startsWith('insert'))).toHaveLength(3);
    expect(await online.db.selectFrom('n').select('v').orderBy('v').execute()).toEqual([
      { v: 1 },
      { v: 2 },
      { v: 3 },
    ]);
  });
});
