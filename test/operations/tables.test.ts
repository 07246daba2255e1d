import { afterEach, beforeEach, expect, it } from 'vitest';
import { createOperations } from '../../src/operations/index.js';
import type { Operations } from '../../src/operations/operations.js';
import { now, t } from '../../src/operations/types.js';
import { describeEachDialect } from '../support/databases.js';
import { type OnlineTestContext, openOnlineContext } from './support/context.js';
import { reflectSchema } from './support/schema.js';

/** How each dialect reports the types used below. */
const REFLECTED = {
  sqlite: {
    integer: 'INTEGER',
    string100: 'VARCHAR(100)',
    text: 'TEXT',
    boolean: 'BOOLEAN',
    datetime: 'DATETIME',
  },
  postgresql: {
    integer: 'INTEGER',
    string100: 'VARCHAR(100)',
    text: 'TEXT',
    boolean: 'BOOLEAN',
    datetime: 'TIMESTAMP WITHOUT TIME ZONE',
  },
  mysql: {
    integer: 'INT',
    string100: 'VARCHAR(100)',
    text: 'TEXT',
    boolean: 'TINYINT(1)',
    datetime: 'DATETIME',
  },
} as const;

describeEachDialect('createTable / dropTable / renameTable', (dialect) => {
  let online: OnlineTestContext;
  let op: Operations;
  const types = REFLECTED[dialect];

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
    op = createOperations(online.context);
    await op.createTable('team', { columns: [{ name: 'id', type: t.integer(), primaryKey: true }] });
  });
  afterEach(async () => online.close());

  const createMember = () =>
    op.createTable('member', {
      columns: [
        { name: 'id', type: t.integer(), primaryKey: true },
        { name: 'email', type: t.string(100), nullable: false },
        { name: 'bio', type: t.text() },
        { name: 'active', type: t.boolean(), nullable: false, default: true },
        { name: 'joined_at', type: t.datetime(), default: now() },
        {
          name: 'team_id',
          type: t.integer(),
          references: { table: 'team', column: 'id', onDelete: 'CASCADE' },
        },
      ],
      uniqueConstraints: [{ name: 'uq_member_email', columns: ['email'] }],
      checkConstraints: [{ name: 'ck_member_bio', expression: 'length(bio) < 500' }],
      indexes: [{ name: 'ix_member_team_active', columns: ['team_id', 'active'] }],
    });

  it('createTable creates the declared columns with their types, nullability and defaults', async () => {
    await createMember();
    const columns = await op.inspect.getColumns('member');
    const defaults = {
      sqlite: { id: null, active: '1', joined: 'CURRENT_TIMESTAMP' },
      postgresql: { id: "nextval('member_id_seq'::regclass)", active: 'true', joined: 'now()' },
      mysql: { id: null, active: '1', joined: 'current_timestamp()' },
    }[dialect];
    expect(
      columns.map(({ name, type, nullable, default: serverDefault, autoincrement }) => ({
        name,
        type,
        nullable,
        default: serverDefault,
        autoincrement,
      })),
    ).toEqual([
      { name: 'id', type: types.integer, nullable: false, default: defaults.id, autoincrement: true },
      { name: 'email', type: types.string100, nullable: false, default: null, autoincrement: false },
      { name: 'bio', type: types.text, nullable: true, default: null, autoincrement: false },
      {
        name: 'active',
        type: types.boolean,
        nullable: false,
        default: defaults.active,
        autoincrement: false,
      },
      {
        name: 'joined_at',
        type: types.datetime,
        nullable: true,
        default: defaults.joined,
        autoincrement: false,
      },
      { name: 'team_id', type: types.integer, nullable: true, default: null, autoincrement: false },
    ]);
  });

  it('createTable creates the primary key, unique, foreign key and check constraints and the indexes', async () => {
    await createMember();
    const inspect = op.inspect;
    expect((await inspect.getPrimaryKey('member')).columns).toEqual(['id']);
    expect(await inspect.getUniqueConstraints('member')).toEqual([
      { name: 'uq_member_email', columns: ['email'] },
    ]);
    const [foreignKey, ...otherForeignKeys] = await inspect.getForeignKeys('member');
    expect(otherForeignKeys).toEqual([]);
    expect(foreignKey).toMatchObject({
      columns: ['team_id'],
      referencedTable: 'team',
      referencedColumns: ['id'],
      onDelete: 'CASCADE',
      onUpdate: null,
    });
    const checks = await inspect.getCheckConstraints('member');
    expect(checks.map((check) => check.name)).toEqual(['ck_member_bio']);
    expect(checks[0]?.sqltext).toMatch(/length\(.?bio.?\) < 500/);
    const index = (await inspect.getIndexes('member')).find(
      (found) => found.name === 'ix_member_team_active',
    );
    expect(index).toMatchObject({ unique: false, columns: ['team_id', 'active'], where: null });
  });

  it('createTable with ifNotExists leaves an existing table alone', async () => {
    await createMember();
    const before = await reflectSchema(op);
    await op.createTable('member', { ifNotExists: true, columns: [{ name: 'other', type: t.text() }] });
    expect(await reflectSchema(op)).toEqual(before);
  });

  it('dropTable undoes createTable exactly', async () => {
    const before = await reflectSchema(op);
    await createMember();
    expect(await op.inspect.hasTable('member')).toBe(true);
    await op.dropTable('member');
    expect(await reflectSchema(op)).toEqual(before);
  });

  it('dropTable with ifExists does nothing for a missing table', async () => {
    const before = await reflectSchema(op);
    await op.dropTable('nothing_here', { ifExists: true });
    expect(await reflectSchema(op)).toEqual(before);
  });

  it('renameTable moves the table and renaming it back restores the schema', async () => {
    await createMember();
    await online.db.insertInto('member').values({ email: 'a@b.c' }).execute();
    const before = await reflectSchema(op);
    await op.renameTable('member', 'person');
    expect(await op.inspect.getTables()).toEqual(['person', 'team']);
    expect(await online.db.selectFrom('person').select('email').execute()).toEqual([{ email: 'a@b.c' }]);
    await op.renameTable('person', 'member');
    expect(await reflectSchema(op)).toEqual(before);
  });
});
