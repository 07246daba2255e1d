import { afterEach, beforeEach, expect, it } from 'vitest';
import { UnsupportedOperationError } from '../../src/operations/errors.js';
import { createOperations } from '../../src/operations/index.js';
import type { Operations } from '../../src/operations/operations.js';
import { sqlExpression, t } from '../../src/operations/types.js';
import { describeEachDialect } from '../support/databases.js';
import { type OnlineTestContext, openOnlineContext } from './support/context.js';
import { reflectSchema } from './support/schema.js';

function setUp(dialect: Parameters<typeof openOnlineContext>[0]) {
  const state = {} as { online: OnlineTestContext; op: Operations };
  beforeEach(async () => {
    state.online = await openOnlineContext(dialect);
    state.op = createOperations(state.online.context);
    await state.op.createTable('person', {
      columns: [
        { name: 'id', type: t.integer(), primaryKey: true },
        { name: 'email', type: t.string(100), nullable: false },
        { name: 'tenant', type: t.integer() },
        { name: 'deleted', type: t.integer(), nullable: false, default: 0 },
      ],
    });
  });
  afterEach(async () => state.online.close());
  return state;
}

async function indexNamed(op: Operations, name: string) {
  return (await op.inspect.getIndexes('person')).find((index) => index.name === name);
}

describeEachDialect('createIndex / dropIndex', (dialect) => {
  const state = setUp(dialect);

  it('creates a multi-column index and dropIndex removes it', async () => {
    const { op } = state;
    const before = await reflectSchema(op);
    await op.createIndex('ix_person_tenant_email', 'person', ['tenant', 'email']);
    expect(await indexNamed(op, 'ix_person_tenant_email')).toEqual({
      name: 'ix_person_tenant_email',
      unique: false,
      columns: ['tenant', 'email'],
      where: null,
    });
    await op.dropIndex('ix_person_tenant_email', { table: 'person' });
    expect(await reflectSchema(op)).toEqual(before);
  });

  it('creates a unique index that rejects duplicates, and dropIndex removes it', async () => {
    const { op, online } = state;
    const before = await reflectSchema(op);
    await op.createIndex('uq_person_email', 'person', ['email'], { unique: true });
    expect(await indexNamed(op, 'uq_person_email')).toMatchObject({ unique: true, columns: ['email'] });
    await online.db.insertInto('person').values({ id: 1, email: 'a' }).execute();
    await expect(online.db.insertInto('person').values({ id: 2, email: 'a' }).execute()).rejects.toThrow();
    await online.db.deleteFrom('person').execute();
    await op.dropIndex('uq_person_email', { table: 'person' });
    expect(await reflectSchema(op)).toEqual(before);
  });

  it('ifNotExists skips an index that exists and ifExists skips one that does not', async () => {
    const { op } = state;
    await op.createIndex('ix_person_email', 'person', ['email']);
    const withIndex = await reflectSchema(op);
    await op.createIndex('ix_person_email', 'person', ['tenant'], { ifNotExists: true });
    expect(await reflectSchema(op)).toEqual(withIndex);
    await op.dropIndex('ix_person_email', { table: 'person' });
    const without = await reflectSchema(op);
    await op.dropIndex('ix_person_email', { table: 'person', ifExists: true });
    expect(await reflectSchema(op)).toEqual(without);
  });
});

describeEachDialect(
  'partial and expression indexes',
  (dialect) => {
    const state = setUp(dialect);

    it('creates a unique partial expression index and dropIndex removes it', async () => {
      const { op } = state;
      const before = await reflectSchema(op);
      await op.createIndex('uq_person_lower_email', 'person', [sqlExpression('lower(email)')], {
        unique: true,
        where: 'deleted = 0',
      });
      const expectations = {
        sqlite: { expressions: ['lower(email)'], where: 'deleted = 0' },
        postgresql: { expressions: ['lower(email::text)'], where: 'deleted = 0' },
      }[dialect as 'sqlite' | 'postgresql'];
      expect(await indexNamed(op, 'uq_person_lower_email')).toEqual({
        name: 'uq_person_lower_email',
        unique: true,
        columns: [null],
        ...expectations,
      });
      await op.dropIndex('uq_person_lower_email');
      expect(await reflectSchema(op)).toEqual(before);
    });

    it('the partial unique index only constrains the rows its condition selects', async () => {
      const { op, online } = state;
      await op.createIndex('uq_live_email', 'person', ['email'], { unique: true, where: 'deleted = 0' });
      await online.db.insertInto('person').values({ id: 1, email: 'a', deleted: 1 }).execute();
      await online.db.insertInto('person').values({ id: 2, email: 'a', deleted: 0 }).execute();
      await expect(
        online.db.insertInto('person').values({ id: 3, email: 'a', deleted: 0 }).execute(),
      ).rejects.toThrow();
    });
  },
  ['sqlite', 'postgresql'],
);

describeEachDialect(
  'createIndex CONCURRENTLY',
  (dialect) => {
    const state = setUp(dialect);

    it('builds and drops the index outside the transaction', async () => {
      const { op } = state;
      const before = await reflectSchema(op);
      await op.createIndex('ix_person_tenant', 'person', ['tenant'], { concurrently: true });
      expect(await indexNamed(op, 'ix_person_tenant')).toMatchObject({ columns: ['tenant'] });
      await op.dropIndex('ix_person_tenant', { concurrently: true });
      expect(await reflectSchema(op)).toEqual(before);
    });
  },
  ['postgresql'],
);

describeEachDialect(
  'expression and partial indexes on MariaDB',
  (dialect) => {
    const state = setUp(dialect);

    it('refuses an expression index with a pointer to generated columns, before running anything', async () => {
      const { op, online } = state;
      const count = online.statements.length;
      const failure = await op
        .createIndex('ix_lower', 'person', [sqlExpression('lower(email)')])
        .catch((error) => error);
      expect(failure).toBeInstanceOf(UnsupportedOperationError);
      expect(failure.message).toContain('generated column');
      expect(online.statements.length).toBe(count);
    });
  },
  ['mysql'],
);
