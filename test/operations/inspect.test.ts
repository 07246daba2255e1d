import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import { OfflineNotSupportedError, OperationFailedError } from '../../src/operations/errors.js';
import { createOperations } from '../../src/operations/index.js';
import { createInspector, type Inspector, TableNotFoundError } from '../../src/operations/inspect/index.js';
import { type ColumnType, now, t } from '../../src/operations/types.js';
import { describeEachDialect } from '../support/databases.js';
import {
  type OnlineTestContext,
  offlineContext,
  openOnlineContext,
  TEST_REVISION,
} from './support/context.js';

/**
 * One schema per dialect, written in native DDL so the reflection is checked against what the
 * database itself was told, independently of the operations that render DDL.
 */
const SCHEMA: Record<DialectName, string[]> = {
  sqlite: [
    'CREATE TABLE "group" (id INTEGER NOT NULL, name VARCHAR(50) NOT NULL, CONSTRAINT pk_group PRIMARY KEY (id))',
    `CREATE TABLE member (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       group_id INTEGER NOT NULL,
       email VARCHAR(255),
       score NUMERIC(10, 2) DEFAULT 0,
       created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
       nickname TEXT CONSTRAINT ck_member_nickname CHECK (length(nickname) > 1) UNIQUE,
       CONSTRAINT fk_member_group FOREIGN KEY (group_id) REFERENCES "group" (id) ON DELETE CASCADE,
       CONSTRAINT uq_member_email UNIQUE (email),
       CHECK (score >= 0)
     )`,
    'CREATE INDEX ix_member_group ON member (group_id, created_at DESC)',
    'CREATE UNIQUE INDEX uq_member_email_lower ON member (lower(email)) WHERE email IS NOT NULL',
  ],
  postgresql: [
    'CREATE TABLE "group" (id INTEGER NOT NULL, name VARCHAR(50) NOT NULL, CONSTRAINT pk_group PRIMARY KEY (id))',
    `CREATE TABLE member (
       id SERIAL PRIMARY KEY,
       group_id INTEGER NOT NULL,
       email VARCHAR(255),
       score NUMERIC(10, 2) DEFAULT 0,
       created_at TIMESTAMP DEFAULT now() NOT NULL,
       nickname TEXT CONSTRAINT ck_member_nickname CHECK (length(nickname) > 1),
       CONSTRAINT fk_member_group FOREIGN KEY (group_id) REFERENCES "group" (id) ON DELETE CASCADE,
       CONSTRAINT uq_member_email UNIQUE (email),
       CONSTRAINT ck_member_score CHECK (score >= 0)
     )`,
    "COMMENT ON COLUMN member.email IS 'where we write'",
    'CREATE INDEX ix_member_group ON member (group_id, created_at DESC)',
    'CREATE UNIQUE INDEX uq_member_email_lower ON member (lower(email)) WHERE email IS NOT NULL',
  ],
  mysql: [
    'CREATE TABLE `group` (id INT NOT NULL, name VARCHAR(50) NOT NULL, CONSTRAINT pk_group PRIMARY KEY (id))',
    `CREATE TABLE member (
       id INT AUTO_INCREMENT PRIMARY KEY,
       group_id INT NOT NULL,
       email VARCHAR(255) COMMENT 'where we write',
       score NUMERIC(10, 2) DEFAULT 0,
       created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
       nickname TEXT,
       meta JSON,
       CONSTRAINT fk_member_group FOREIGN KEY (group_id) REFERENCES \`group\` (id) ON DELETE CASCADE,
       CONSTRAINT uq_member_email UNIQUE (email),
       CONSTRAINT ck_member_nickname CHECK (length(nickname) > 1),
       CONSTRAINT ck_member_score CHECK (score >= 0)
     )`,
    'CREATE INDEX ix_member_group ON member (group_id, created_at DESC)',
  ],
};

describeEachDialect('op.inspect', (dialect) => {
  let online: OnlineTestContext;
  let inspect: Inspector;

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
    for (const statement of SCHEMA[dialect]) await online.db.executeQuery(CompiledQuery.raw(statement));
    inspect = createInspector(online.context);
  });
  afterEach(async () => online.close());

  it('lists the tables sorted by name and answers hasTable', async () => {
    expect(await inspect.getTables()).toEqual(['group', 'member']);
    expect(await inspect.hasTable('member')).toBe(true);
    expect(await inspect.hasTable('members')).toBe(false);
  });

  it('reports each column with its type, nullability, default, autoincrement and comment', async () => {
    const columns = await inspect.getColumns('member');
    const expected = {
      sqlite: [
        ['id', 'INTEGER', false, null, true, null],
        ['group_id', 'INTEGER', false, null, false, null],
        ['email', 'VARCHAR(255)', true, null, false, null],
        ['score', 'NUMERIC(10, 2)', true, '0', false, null],
        ['created_at', 'DATETIME', false, 'CURRENT_TIMESTAMP', false, null],
        ['nickname', 'TEXT', true, null, false, null],
      ],
      postgresql: [
        ['id', 'INTEGER', false, "nextval('member_id_seq'::regclass)", true, null],
        ['group_id', 'INTEGER', false, null, false, null],
        ['email', 'VARCHAR(255)', true, null, false, 'where we write'],
        ['score', 'NUMERIC(10, 2)', true, '0', false, null],
        ['created_at', 'TIMESTAMP WITHOUT TIME ZONE', false, 'now()', false, null],
        ['nickname', 'TEXT', true, null, false, null],
      ],
      mysql: [
        ['id', 'INT', false, null, true, null],
        ['group_id', 'INT', false, null, false, null],
        ['email', 'VARCHAR(255)', true, null, false, 'where we write'],
        ['score', 'DECIMAL(10, 2)', true, '0.00', false, null],
        ['created_at', 'DATETIME', false, 'current_timestamp()', false, null],
        ['nickname', 'TEXT', true, null, false, null],
        ['meta', 'JSON', true, null, false, null],
      ],
    }[dialect];
    expect(
      columns.map((column) => [
        column.name,
        column.type,
        column.nullable,
        column.default,
        column.autoincrement,
        column.comment,
      ]),
    ).toEqual(expected);
  });

  it('reports every neutral column type the way the database declares it', async () => {
    const op = createOperations(online.context);
    const kinds: [string, ColumnType][] = [
      ['a_text', t.text()],
      ['a_string', t.string(50)],
      ['a_bigint', t.bigint()],
      ['a_smallint', t.smallint()],
      ['a_boolean', t.boolean()],
      ['a_float', t.float()],
      ['a_double', t.double()],
      ['a_numeric', t.numeric(10, 2)],
      ['a_date', t.date()],
      ['a_time', t.time()],
      ['a_datetime', t.datetime()],
      ['a_timestamptz', t.timestamp({ withTimeZone: true })],
      ['a_json', t.json()],
      ['a_jsonb', t.jsonb()],
      ['a_uuid', t.uuid()],
      ['a_binary', t.binary()],
    ];
    await op.createTable('kinds', { columns: kinds.map(([name, type]) => ({ name, type })) });
    const expected = {
      sqlite: [
        'TEXT',
        'VARCHAR(50)',
        'BIGINT',
        'SMALLINT',
        'BOOLEAN',
        'FLOAT',
        'DOUBLE',
        'NUMERIC(10, 2)',
        'DATE',
        'TIME',
        'DATETIME',
        'DATETIME',
        'JSON',
        'JSON',
        'CHAR(36)',
        'BLOB',
      ],
      postgresql: [
        'TEXT',
        'VARCHAR(50)',
        'BIGINT',
        'SMALLINT',
        'BOOLEAN',
        'REAL',
        'DOUBLE PRECISION',
        'NUMERIC(10, 2)',
        'DATE',
        'TIME WITHOUT TIME ZONE',
        'TIMESTAMP WITHOUT TIME ZONE',
        'TIMESTAMP WITH TIME ZONE',
        'JSON',
        'JSONB',
        'UUID',
        'BYTEA',
      ],
      mysql: [
        'TEXT',
        'VARCHAR(50)',
        'BIGINT',
        'SMALLINT',
        'TINYINT(1)',
        'FLOAT',
        'DOUBLE',
        'DECIMAL(10, 2)',
        'DATE',
        'TIME',
        'DATETIME',
        'DATETIME',
        'JSON',
        'JSON',
        'CHAR(36)',
        'BLOB',
      ],
    }[dialect];
    expect((await inspect.getColumns('kinds')).map((column) => column.type)).toEqual(expected);
  });

  it('reports server defaults written by the operations as the database stores them', async () => {
    const op = createOperations(online.context);
    await op.createTable('defaults', {
      columns: [
        { name: 'flag', type: t.boolean(), default: true },
        { name: 'label', type: t.string(20), default: "it's" },
        { name: 'created', type: t.datetime(), default: now() },
      ],
    });
    const expected = {
      sqlite: ['1', "'it''s'", 'CURRENT_TIMESTAMP'],
      postgresql: ['true', "'it''s'::character varying", 'now()'],
      mysql: ['1', "'it''s'", 'current_timestamp()'],
    }[dialect];
    expect((await inspect.getColumns('defaults')).map((column) => column.default)).toEqual(expected);
  });

  it('reports the primary key with its name and columns', async () => {
    expect(await inspect.getPrimaryKey('group')).toEqual({
      name: dialect === 'mysql' ? 'PRIMARY' : 'pk_group',
      columns: ['id'],
    });
    expect(await inspect.getPrimaryKey('member')).toEqual({
      name: { sqlite: null, postgresql: 'member_pkey', mysql: 'PRIMARY' }[dialect],
      columns: ['id'],
    });
  });

  it('reports a table without a primary key as an unnamed key with no columns', async () => {
    await online.db.executeQuery(CompiledQuery.raw('CREATE TABLE loose (a INTEGER, b INTEGER)'));
    expect(await inspect.getPrimaryKey('loose')).toEqual({ name: null, columns: [] });
  });

  it('reports unique constraints, named and unnamed', async () => {
    const expected = {
      sqlite: [
        { name: 'uq_member_email', columns: ['email'] },
        { name: null, columns: ['nickname'] },
      ],
      postgresql: [{ name: 'uq_member_email', columns: ['email'] }],
      mysql: [{ name: 'uq_member_email', columns: ['email'] }],
    }[dialect];
    expect(await inspect.getUniqueConstraints('member')).toEqual(expected);
  });

  it('reports foreign keys with their referenced columns and actions', async () => {
    expect(await inspect.getForeignKeys('member')).toEqual([
      {
        name: 'fk_member_group',
        columns: ['group_id'],
        referencedTable: 'group',
        referencedColumns: ['id'],
        onDelete: 'CASCADE',
        onUpdate: null,
      },
    ]);
  });

  it('reports check constraints with their condition text', async () => {
    const expected = {
      sqlite: [
        { name: 'ck_member_nickname', sqltext: 'length(nickname) > 1' },
        { name: null, sqltext: 'score >= 0' },
      ],
      postgresql: [
        { name: 'ck_member_nickname', sqltext: 'length(nickname) > 1' },
        { name: 'ck_member_score', sqltext: 'score >= 0::numeric' },
      ],
      mysql: [
        { name: 'ck_member_nickname', sqltext: 'octet_length(`nickname`) > 1' },
        { name: 'ck_member_score', sqltext: '`score` >= 0' },
      ],
    }[dialect];
    expect(await inspect.getCheckConstraints('member')).toEqual(expected);
  });

  it('reports plain, unique, expression and partial indexes', async () => {
    const expected = {
      sqlite: [
        { name: 'ix_member_group', unique: false, columns: ['group_id', 'created_at'], where: null },
        {
          name: 'uq_member_email_lower',
          unique: true,
          columns: [null],
          expressions: ['lower(email)'],
          where: 'email IS NOT NULL',
        },
      ],
      postgresql: [
        { name: 'ix_member_group', unique: false, columns: ['group_id', 'created_at'], where: null },
        {
          name: 'uq_member_email',
          unique: true,
          columns: ['email'],
          where: null,
          duplicatesConstraint: 'uq_member_email',
        },
        {
          name: 'uq_member_email_lower',
          unique: true,
          columns: [null],
          expressions: ['lower(email::text)'],
          where: 'email IS NOT NULL',
        },
      ],
      mysql: [
        { name: 'ix_member_group', unique: false, columns: ['group_id', 'created_at'], where: null },
        {
          name: 'uq_member_email',
          unique: true,
          columns: ['email'],
          where: null,
          duplicatesConstraint: 'uq_member_email',
        },
      ],
    }[dialect];
    expect(await inspect.getIndexes('member')).toEqual(expected);
  });

  it('sees a change made after an earlier answer, because nothing is cached', async () => {
    expect((await inspect.getColumns('group')).map((column) => column.name)).toEqual(['id', 'name']);
    const group = dialect === 'mysql' ? '`group`' : '"group"';
    await online.db.executeQuery(CompiledQuery.raw(`ALTER TABLE ${group} ADD COLUMN extra INTEGER`));
    expect((await inspect.getColumns('group')).map((column) => column.name)).toEqual(['id', 'name', 'extra']);
  });

  it('fails with TableNotFoundError naming the table and the revision for a missing table', async () => {
    const failure = inspect.getColumns('ghost');
    await expect(failure).rejects.toBeInstanceOf(TableNotFoundError);
    await expect(failure).rejects.toThrow('table "ghost" does not exist');
    await expect(inspect.getIndexes('ghost')).rejects.toThrow(TEST_REVISION);
  });
});

describeEachDialect(
  'op.inspect on PostgreSQL details',
  (dialect) => {
    it('reports an identity column as autoincrement, with no default', async () => {
      const online = await openOnlineContext(dialect);
      try {
        await online.db.executeQuery(
          CompiledQuery.raw('CREATE TABLE ident (id INTEGER GENERATED ALWAYS AS IDENTITY)'),
        );
        expect(await createInspector(online.context).getColumns('ident')).toEqual([
          { name: 'id', type: 'INTEGER', nullable: false, default: null, autoincrement: true, comment: null },
        ]);
      } finally {
        await online.close();
      }
    });
  },
  ['postgresql'],
);

describeEachDialect(
  'op.inspect on MySQL/MariaDB details',
  (dialect) => {
    it('spells enum types in upper case but keeps their values as declared', async () => {
      const online = await openOnlineContext(dialect);
      try {
        await online.db.executeQuery(
          CompiledQuery.raw("CREATE TABLE mood (feeling ENUM('ok,ish', 'Great'))"),
        );
        expect((await createInspector(online.context).getColumns('mood'))[0]?.type).toBe(
          "ENUM('ok,ish', 'Great')",
        );
      } finally {
        await online.close();
      }
    });
  },
  ['mysql'],
);

describeEachDialect('op.inspect failures', (dialect) => {
  it('reports a failed catalog read with the revision, the call and the SQL', async () => {
    const online = await openOnlineContext(dialect);
    await online.db.destroy();
    try {
      const failure = createInspector(online.context).getTables();
      await expect(failure).rejects.toBeInstanceOf(OperationFailedError);
      await expect(failure).rejects.toThrow(
        /op\.inspect\.getTables\(\) failed in revision ae1027a6acf[\s\S]*SQL: select/,
      );
    } finally {
      await online.close();
    }
  });
});

describeEachDialect('op.inspect offline', (dialect) => {
  it('fails with OfflineNotSupportedError naming the revision and the call', async () => {
    const inspect = createInspector(offlineContext(dialect).context);
    const failure = inspect.hasTable('user');
    await expect(failure).rejects.toBeInstanceOf(OfflineNotSupportedError);
    await expect(failure).rejects.toThrow(`op.inspect.hasTable(user)`);
    await expect(inspect.getColumns('user')).rejects.toThrow(TEST_REVISION);
  });
});
