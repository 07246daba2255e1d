import { afterEach, beforeEach, expect, it } from 'vitest';
import { UnsupportedOperationError } from '../../src/operations/errors.js';
import { createOperations } from '../../src/operations/index.js';
import type { Operations } from '../../src/operations/operations.js';
import { sqlExpression, t } from '../../src/operations/types.js';
import { describeEachDialect } from '../support/databases.js';
import { type OnlineTestContext, openOnlineContext } from './support/context.js';
import { reflectSchema } from './support/schema.js';

async function column(op: Operations, table: string, name: string) {
  const found = (await op.inspect.getColumns(table)).find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no column ${table}.${name}`);
  const { type, nullable, default: serverDefault, comment } = found;
  return { type, nullable, default: serverDefault, comment };
}

describeEachDialect('addColumn / dropColumn / alterColumn rename', (dialect) => {
  let online: OnlineTestContext;
  let op: Operations;

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
    op = createOperations(online.context);
    await op.createTable('account', {
      columns: [
        { name: 'id', type: t.integer(), primaryKey: true },
        { name: 'email', type: t.string(100), nullable: false },
      ],
    });
    await online.db.insertInto('account').values({ id: 1, email: 'a@b.c' }).execute();
  });
  afterEach(async () => online.close());

  it('addColumn adds a NOT NULL column with a default that fills existing rows, and dropColumn removes it', async () => {
    const before = await reflectSchema(op);
    await op.addColumn('account', { name: 'plan', type: t.string(20), nullable: false, default: 'free' });
    const defaults = { sqlite: "'free'", postgresql: "'free'::character varying", mysql: "'free'" };
    expect(await column(op, 'account', 'plan')).toEqual({
      type: 'VARCHAR(20)',
      nullable: false,
      default: defaults[dialect],
      comment: null,
    });
    expect(await online.db.selectFrom('account').select('plan').execute()).toEqual([{ plan: 'free' }]);
    await op.dropColumn('account', 'plan');
    expect(await reflectSchema(op)).toEqual(before);
  });

  it('addColumn with index creates ix_<table>_<column>, and dropIndex then dropColumn restore the schema', async () => {
    const before = await reflectSchema(op);
    await op.addColumn('account', { name: 'handle', type: t.string(30), unique: true, index: true });
    const indexes = await op.inspect.getIndexes('account');
    expect(indexes.find((index) => index.name === 'ix_account_handle')).toEqual({
      name: 'ix_account_handle',
      unique: true,
      columns: ['handle'],
      where: null,
      // MySQL has no unique index apart from a unique constraint, and reports it as both.
      ...(dialect === 'mysql' ? { duplicatesConstraint: 'ix_account_handle' } : {}),
    });
    await op.dropIndex('ix_account_handle', { table: 'account' });
    await op.dropColumn('account', 'handle');
    expect(await reflectSchema(op)).toEqual(before);
  });

  it('addColumn puts the new column last', async () => {
    await op.addColumn('account', { name: 'note', type: t.text() });
    expect((await op.inspect.getColumns('account')).map((found) => found.name)).toEqual([
      'id',
      'email',
      'note',
    ]);
  });

  it('addColumn with a reference adds the foreign key too', async () => {
    await op.createTable('team', { columns: [{ name: 'id', type: t.integer(), primaryKey: true }] });
    await op.addColumn('account', {
      name: 'team_id',
      type: t.integer(),
      references: { table: 'team', column: 'id', name: 'fk_account_team', onDelete: 'SET NULL' },
    });
    expect(await op.inspect.getForeignKeys('account')).toEqual([
      {
        name: 'fk_account_team',
        columns: ['team_id'],
        referencedTable: 'team',
        referencedColumns: ['id'],
        onDelete: 'SET NULL',
        onUpdate: null,
      },
    ]);
  });

  it('alterColumn renames a column, keeping its data, and renaming back restores the schema', async () => {
    const before = await reflectSchema(op);
    await op.alterColumn('account', 'email', { newName: 'login' });
    expect((await op.inspect.getColumns('account')).map((found) => found.name)).toEqual(['id', 'login']);
    expect(await online.db.selectFrom('account').select('login').execute()).toEqual([{ login: 'a@b.c' }]);
    await op.alterColumn('account', 'login', { newName: 'email' });
    expect(await reflectSchema(op)).toEqual(before);
  });
});

describeEachDialect(
  'alterColumn type, nullability, default and comment',
  (dialect) => {
    let online: OnlineTestContext;
    let op: Operations;

    beforeEach(async () => {
      online = await openOnlineContext(dialect);
      op = createOperations(online.context);
      await op.createTable('event', {
        columns: [
          { name: 'id', type: t.integer(), primaryKey: true },
          { name: 'count', type: t.string(20), default: '0', comment: 'how many' },
          { name: 'title', type: t.text(), nullable: false },
        ],
      });
      await online.db.insertInto('event').values({ id: 1, count: '42', title: 'x' }).execute();
    });
    afterEach(async () => online.close());

    it('changes the type, converting the data, and the reverse change restores the schema', async () => {
      const before = await reflectSchema(op);
      await op.alterColumn('event', 'count', {
        type: t.bigint(),
        using: 'count::bigint',
        default: 0,
        existingNullable: true,
        existingComment: 'how many',
      });
      expect(await column(op, 'event', 'count')).toEqual({
        type: 'BIGINT',
        nullable: true,
        default: '0',
        comment: 'how many',
      });
      expect(await online.db.selectFrom('event').select('count').execute()).toEqual([
        { count: dialect === 'postgresql' ? '42' : 42 },
      ]);
      await op.alterColumn('event', 'count', {
        type: t.string(20),
        default: '0',
        existingNullable: true,
        existingComment: 'how many',
      });
      expect(await reflectSchema(op)).toEqual(before);
    });

    it('makes a column nullable and NOT NULL again, keeping its type, default and comment', async () => {
      const before = await reflectSchema(op);
      await op.alterColumn('event', 'count', { nullable: false });
      const defaults = { postgresql: "'0'::character varying", mysql: "'0'" };
      expect(await column(op, 'event', 'count')).toEqual({
        type: 'VARCHAR(20)',
        nullable: false,
        default: defaults[dialect as 'postgresql' | 'mysql'],
        comment: 'how many',
      });
      await op.alterColumn('event', 'count', { nullable: true });
      expect(await reflectSchema(op)).toEqual(before);
    });

    it('sets and drops a server default', async () => {
      const before = await reflectSchema(op);
      await op.alterColumn('event', 'title', { default: sqlExpression("'untitled'") });
      const defaults = { postgresql: "'untitled'::text", mysql: "'untitled'" };
      expect((await column(op, 'event', 'title')).default).toBe(defaults[dialect as 'postgresql' | 'mysql']);
      await op.alterColumn('event', 'title', { default: null });
      expect(await reflectSchema(op)).toEqual(before);
    });

    it('sets and removes a column comment', async () => {
      const before = await reflectSchema(op);
      await op.alterColumn('event', 'title', { comment: 'shown in lists' });
      expect(await column(op, 'event', 'title')).toMatchObject({
        comment: 'shown in lists',
        nullable: false,
      });
      await op.alterColumn('event', 'title', { comment: null });
      expect(await reflectSchema(op)).toEqual(before);
    });
  },
  ['postgresql', 'mysql'],
);

describeEachDialect(
  'alterColumn on SQLite',
  (dialect) => {
    it('refuses a type change, pointing to batchAlterTable, and leaves the schema unchanged', async () => {
      const online = await openOnlineContext(dialect);
      try {
        const op = createOperations(online.context);
        await op.createTable('event', { columns: [{ name: 'count', type: t.text() }] });
        const before = await reflectSchema(op);
        const failure = await op.alterColumn('event', 'count', { type: t.integer() }).catch((error) => error);
        expect(failure).toBeInstanceOf(UnsupportedOperationError);
        expect(failure.message).toContain('batchAlterTable');
        expect(online.statements.some((statement) => statement.sql.includes('ALTER'))).toBe(false);
        expect(await reflectSchema(op)).toEqual(before);
      } finally {
        await online.close();
      }
    });
  },
  ['sqlite'],
);

describeEachDialect(
  'alterColumn restating a column on MySQL',
  (dialect) => {
    let online: OnlineTestContext;
    let op: Operations;

    beforeEach(async () => {
      online = await openOnlineContext(dialect);
      op = createOperations(online.context);
    });
    afterEach(async () => online.close());

    it('keeps a JSON column JSON when only its nullability changes', async () => {
      await op.createTable('doc', { columns: [{ name: 'body', type: t.json() }] });
      const before = await reflectSchema(op);
      await op.alterColumn('doc', 'body', { nullable: false });
      expect(await column(op, 'doc', 'body')).toEqual({
        type: 'JSON',
        nullable: false,
        default: null,
        comment: null,
      });
      await op.alterColumn('doc', 'body', { nullable: true });
      expect(await reflectSchema(op)).toEqual(before);
    });

    it('keeps an expression default and auto-increment when the column is restated', async () => {
      await op.createTable('log', {
        columns: [
          { name: 'id', type: t.integer(), primaryKey: true },
          { name: 'at', type: t.datetime(), default: { kind: 'now' } },
        ],
      });
      const before = await reflectSchema(op);
      await op.alterColumn('log', 'at', { nullable: false });
      await op.alterColumn('log', 'id', { comment: 'row id' });
      expect(await column(op, 'log', 'at')).toMatchObject({
        nullable: false,
        default: 'current_timestamp()',
      });
      expect((await op.inspect.getColumns('log'))[0]).toMatchObject({
        autoincrement: true,
        comment: 'row id',
      });
      await op.alterColumn('log', 'at', { nullable: true });
      await op.alterColumn('log', 'id', { comment: null });
      expect(await reflectSchema(op)).toEqual(before);
    });

    it('renames and retypes in one CHANGE COLUMN, keeping the data', async () => {
      await op.createTable('score', { columns: [{ name: 'points', type: t.string(10), nullable: false }] });
      await op.bulkInsert('score', [{ points: '12' }]);
      await op.alterColumn('score', 'points', { newName: 'total', type: t.integer() });
      expect(await column(op, 'score', 'total')).toEqual({
        type: 'INT',
        nullable: false,
        default: null,
        comment: null,
      });
      expect(await online.db.selectFrom('score').select('total').execute()).toEqual([{ total: 12 }]);
    });
  },
  ['mysql'],
);
