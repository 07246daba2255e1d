import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidOperationError,
  OfflineNotSupportedError,
  OperationFailedError,
} from '../../src/operations/errors.js';
import { createOperations } from '../../src/operations/index.js';
import type { Operations } from '../../src/operations/operations.js';
import { describeEachDialect } from '../support/databases.js';
import {
  type OnlineTestContext,
  offlineContext,
  openOnlineContext,
  TEST_REVISION,
  TEST_REVISION_PATH,
} from './support/context.js';

describeEachDialect('op core', (dialect) => {
  let online: OnlineTestContext;
  let op: Operations;

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
    op = createOperations(online.context);
    await online.db.schema
      .createTable('item')
      .addColumn('id', 'integer', (column) => column.primaryKey())
      .addColumn('label', 'varchar(50)')
      .execute();
  });
  afterEach(async () => online.close());

  it('reports the dialect name and the server version', () => {
    expect(op.dialect.name).toBe(dialect);
    expect(op.dialect.serverVersion).toMatch(/^\d+\.\d+/);
  });

  it('executes SQL text with positional parameters in the dialect placeholder style', async () => {
    const placeholders = dialect === 'postgresql' ? '($1, $2)' : '(?, ?)';
    await op.execute(`INSERT INTO item (id, label) VALUES ${placeholders}`, [1, 'one']);
    const rows = await online.db.selectFrom('item').selectAll().execute();
    expect(rows).toEqual([{ id: 1, label: 'one' }]);
  });

  it('executes SQL text with named parameters on every dialect', async () => {
    await op.execute('INSERT INTO item (id, label) VALUES (:id, :label)', {
      id: 2,
      label: "it's :not a param",
    });
    const rows = await online.db.selectFrom('item').selectAll().execute();
    expect(rows).toEqual([{ id: 2, label: "it's :not a param" }]);
  });

  it('returns the rows a query reads', async () => {
    await online.db.insertInto('item').values({ id: 3, label: 'three' }).execute();
    const result = await op.execute('SELECT label FROM item WHERE id = :id', { id: 3 });
    expect(result.rows).toEqual([{ label: 'three' }]);
  });

  it('executes a Kysely query builder and an sql template', async () => {
    await op.execute(op.db.insertInto('item').values({ id: 4, label: 'four' }));
    await op.execute(sql`UPDATE item SET label = ${'FOUR'} WHERE id = ${4}`);
    const rows = await online.db.selectFrom('item').selectAll().execute();
    expect(rows).toEqual([{ id: 4, label: 'FOUR' }]);
  });

  it('gives op.db on the migration connection for typed reads', async () => {
    await online.db.insertInto('item').values({ id: 5, label: 'five' }).execute();
    const row = await op.db.selectFrom('item').select('label').where('id', '=', 5).executeTakeFirst();
    expect(row).toEqual({ label: 'five' });
  });

  it('runs work through the outside-transaction hook and returns its result', async () => {
    const result = await op.outsideTransaction(async () => {
      await op.execute('INSERT INTO item (id, label) VALUES (:id, :label)', { id: 6, label: 'six' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(await online.db.selectFrom('item').select('id').execute()).toEqual([{ id: 6 }]);
  });

  it('bulk-inserts rows, one statement for all of them', async () => {
    await op.bulkInsert('item', [
      { id: 7, label: 'seven' },
      { id: 8, label: null },
    ]);
    const rows = await online.db.selectFrom('item').selectAll().orderBy('id').execute();
    expect(rows).toEqual([
      { id: 7, label: 'seven' },
      { id: 8, label: null },
    ]);
    expect(online.statements.filter((statement) => statement.sql.startsWith('insert'))).toHaveLength(1);
  });

  it('surfaces a database error with the revision, the operation and the failing SQL', async () => {
    const failure = await op
      .addColumn('missing_table', { name: 'email', type: { kind: 'text' } })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(OperationFailedError);
    expect(failure.code).toBe('OPERATION_FAILED');
    expect(failure.revision).toBe(TEST_REVISION);
    expect(failure.operation).toBe('addColumn(missing_table.email)');
    expect(failure.sql).toMatch(/^ALTER TABLE missing_table ADD COLUMN email TEXT$/);
    expect(failure.message).toContain(TEST_REVISION_PATH);
    expect(failure.message).toContain(failure.sql);
    expect(failure.cause).toBeInstanceOf(Error);
  });

  it('names the statement that failed when an operation issues several', async () => {
    const failure = await op
      .createTable('tagged', {
        columns: [{ name: 'id', type: { kind: 'integer' } }],
        indexes: [{ name: 'ix_tagged_missing', columns: ['missing'] }],
      })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(OperationFailedError);
    expect(failure.operation).toBe('createTable(tagged)');
    expect(failure.sql).toMatch(/^CREATE INDEX ix_tagged_missing ON tagged \(missing\)$/);
  });

  it('refuses to run a query with a named parameter that has no value', async () => {
    const failure = await op.execute('SELECT * FROM item WHERE id = :id', {}).catch((e) => e);
    expect(failure).toBeInstanceOf(InvalidOperationError);
    expect(failure.message).toContain(':id');
  });
});

describeEachDialect('op core offline', (dialect) => {
  it('refuses op.db offline, naming the revision', () => {
    const op = createOperations(offlineContext(dialect).context);
    expect(() => op.db).toThrow(OfflineNotSupportedError);
    expect(() => op.db).toThrow(TEST_REVISION);
  });

  it('refuses op.inspect offline, naming the revision', async () => {
    const op = createOperations(offlineContext(dialect).context);
    await expect(op.inspect.hasTable('item')).rejects.toThrow(OfflineNotSupportedError);
    await expect(op.inspect.getColumns('item')).rejects.toThrow(TEST_REVISION);
  });

  it('records statements offline with parameters written as literals', async () => {
    const { context, statements } = offlineContext(dialect);
    const op = createOperations(context);
    await op.execute('UPDATE item SET label = :label, flag = :flag WHERE id = :id', {
      label: "O'Brien",
      flag: true,
      id: 3,
    });
    const flag = dialect === 'postgresql' ? 'true' : '1';
    expect(statements).toEqual([
      { sql: `UPDATE item SET label = 'O''Brien', flag = ${flag} WHERE id = 3`, parameters: [] },
    ]);
  });

  it('reports no server version offline', () => {
    const op = createOperations(offlineContext(dialect).context);
    expect(op.dialect).toEqual({ name: dialect, serverVersion: null });
    expect(op.offline).toBe(true);
  });
});

describe('op.bulkInsert offline', () => {
  it('writes every row as literals in one multi-row INSERT', async () => {
    const { context, statements } = offlineContext('postgresql');
    await createOperations(context).bulkInsert('item', [
      { id: 1, label: 'a', meta: { x: 1 } },
      { id: 2, label: null, meta: [1, 2] },
    ]);
    expect(statements).toEqual([
      {
        sql: `insert into "item" ("id", "label", "meta") values (1, 'a', '{"x":1}'), (2, NULL, '[1,2]')`,
        parameters: [],
      },
    ]);
  });
});
