import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import { InvalidOperationError, UnsupportedOperationError } from '../../src/operations/errors.js';
import { createOperations } from '../../src/operations/index.js';
import type { Operations } from '../../src/operations/operations.js';
import { now, sqlExpression, t } from '../../src/operations/types.js';
import { offlineContext } from './support/context.js';

/** Runs `work` against an offline op and returns the SQL it recorded. */
async function render(dialect: DialectName, work: (op: Operations) => Promise<unknown>): Promise<string[]> {
  const { context, statements } = offlineContext(dialect);
  await work(createOperations(context));
  return statements.map((statement) => {
    expect(statement.parameters).toEqual([]);
    return statement.sql;
  });
}

describe('offline createTable', () => {
  const createAccount = (op: Operations) =>
    op.createTable('account', {
      columns: [
        { name: 'id', type: t.integer(), primaryKey: true },
        { name: 'name', type: t.string(50), nullable: false },
        { name: 'active', type: t.boolean(), default: true },
        { name: 'created_at', type: t.datetime(), default: now() },
      ],
    });

  it('renders columns, defaults and an auto-incrementing integer key on SQLite', async () => {
    expect(await render('sqlite', createAccount)).toEqual([
      'CREATE TABLE account (\n' +
        '\tid INTEGER NOT NULL, \n' +
        '\tname VARCHAR(50) NOT NULL, \n' +
        '\tactive BOOLEAN DEFAULT (1), \n' +
        '\tcreated_at DATETIME DEFAULT (CURRENT_TIMESTAMP), \n' +
        '\tPRIMARY KEY (id)\n' +
        ')',
    ]);
  });

  it('renders columns, defaults and a SERIAL key on PostgreSQL', async () => {
    expect(await render('postgresql', createAccount)).toEqual([
      'CREATE TABLE account (\n' +
        '\tid SERIAL NOT NULL, \n' +
        '\tname VARCHAR(50) NOT NULL, \n' +
        '\tactive BOOLEAN DEFAULT true, \n' +
        '\tcreated_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now(), \n' +
        '\tPRIMARY KEY (id)\n' +
        ')',
    ]);
  });

  it('renders columns, defaults and an AUTO_INCREMENT key on MySQL', async () => {
    expect(await render('mysql', createAccount)).toEqual([
      'CREATE TABLE account (\n' +
        '\tid INTEGER NOT NULL AUTO_INCREMENT, \n' +
        '\tname VARCHAR(50) NOT NULL, \n' +
        '\tactive BOOL DEFAULT true, \n' +
        '\tcreated_at DATETIME DEFAULT CURRENT_TIMESTAMP, \n' +
        '\tPRIMARY KEY (id)\n' +
        ')',
    ]);
  });

  const createPost = (op: Operations) =>
    op.createTable('post', {
      ifNotExists: true,
      columns: [
        { name: 'id', type: t.bigint(), nullable: false },
        {
          name: 'user_id',
          type: t.integer(),
          references: { table: 'user', column: 'id', onDelete: 'CASCADE' },
          index: true,
        },
        { name: 'slug', type: t.string(80), unique: true },
        { name: 'title', type: t.text() },
        { name: 'score', type: t.integer(), default: 0 },
      ],
      primaryKey: { name: 'pk_post', columns: ['id'] },
      uniqueConstraints: [{ name: 'uq_post_title', columns: ['title', 'user_id'] }],
      foreignKeys: [
        {
          name: 'fk_post_parent',
          columns: ['user_id', 'slug'],
          referencedTable: 'other',
          referencedColumns: ['a', 'b'],
          onUpdate: 'SET NULL',
        },
      ],
      checkConstraints: [{ name: 'ck_post_score', expression: 'score >= 0' }],
      indexes: [{ name: 'ix_post_lower_title', columns: [sqlExpression('lower(title)')] }],
    });

  it('renders named and unnamed constraints and the indexes that follow the table on PostgreSQL', async () => {
    expect(await render('postgresql', createPost)).toEqual([
      'CREATE TABLE IF NOT EXISTS post (\n' +
        '\tid BIGSERIAL NOT NULL, \n' +
        '\tuser_id INTEGER, \n' +
        '\tslug VARCHAR(80), \n' +
        '\ttitle TEXT, \n' +
        '\tscore INTEGER DEFAULT 0, \n' +
        '\tCONSTRAINT pk_post PRIMARY KEY (id), \n' +
        '\tCONSTRAINT ck_post_score CHECK (score >= 0), \n' +
        '\tCONSTRAINT fk_post_parent FOREIGN KEY(user_id, slug) REFERENCES other (a, b) ON UPDATE SET NULL, \n' +
        '\tCONSTRAINT uq_post_title UNIQUE (title, user_id), \n' +
        '\tFOREIGN KEY(user_id) REFERENCES "user" (id) ON DELETE CASCADE, \n' +
        '\tUNIQUE (slug)\n' +
        ')',
      'CREATE INDEX IF NOT EXISTS ix_post_user_id ON post (user_id)',
      'CREATE INDEX IF NOT EXISTS ix_post_lower_title ON post (lower(title))',
    ]);
  });

  it('makes a column marked unique and index a unique index rather than a constraint', async () => {
    const sql = await render('sqlite', (op) =>
      op.createTable('prompt', {
        columns: [
          { name: 'id', type: t.text(), primaryKey: true },
          { name: 'command', type: t.string(), unique: true, index: true },
        ],
      }),
    );
    expect(sql).toEqual([
      'CREATE TABLE prompt (\n\tid TEXT NOT NULL, \n\tcommand VARCHAR, \n\tPRIMARY KEY (id)\n)',
      'CREATE UNIQUE INDEX ix_prompt_command ON prompt (command)',
    ]);
  });

  it('does not auto-increment a key column that is also a foreign key or has autoincrement false', async () => {
    const sql = await render('postgresql', async (op) => {
      await op.createTable('a', {
        columns: [
          { name: 'id', type: t.integer(), primaryKey: true, references: { table: 'b', column: 'id' } },
        ],
      });
      await op.createTable('c', {
        columns: [{ name: 'id', type: t.integer(), primaryKey: true, autoincrement: false }],
      });
    });
    expect(sql[0]).toContain('id INTEGER NOT NULL');
    expect(sql[1]).toContain('id INTEGER NOT NULL');
  });

  const commented = (op: Operations) =>
    op.createTable('note', {
      comment: "Users' notes",
      columns: [{ name: 'body', type: t.text(), comment: 'markdown' }],
    });

  it('attaches comments with COMMENT ON statements on PostgreSQL', async () => {
    expect(await render('postgresql', commented)).toEqual([
      'CREATE TABLE note (\n\tbody TEXT\n)',
      `COMMENT ON TABLE note IS 'Users'' notes'`,
      `COMMENT ON COLUMN note.body IS 'markdown'`,
    ]);
  });

  it('writes comments inline on MySQL', async () => {
    expect(await render('mysql', commented)).toEqual([
      "CREATE TABLE note (\n\t`body` TEXT COMMENT 'markdown'\n) COMMENT='Users'' notes'",
    ]);
  });

  it('leaves comments out on SQLite, which cannot store them', async () => {
    expect(await render('sqlite', commented)).toEqual(['CREATE TABLE note (\n\tbody TEXT\n)']);
  });
});

describe('offline column types', () => {
  const everyType = (op: Operations) =>
    op.createTable('typed', {
      columns: [
        { name: 'a', type: t.text() },
        { name: 'b', type: t.string() },
        { name: 'c', type: t.string(20) },
        { name: 'd', type: t.integer() },
        { name: 'e', type: t.bigint() },
        { name: 'f', type: t.smallint() },
        { name: 'g', type: t.boolean() },
        { name: 'h', type: t.float() },
        { name: 'i', type: t.double() },
        { name: 'j', type: t.numeric(10, 2) },
        { name: 'k', type: t.date() },
        { name: 'l', type: t.time() },
        { name: 'm', type: t.datetime() },
        { name: 'n', type: t.timestamp({ withTimeZone: true }) },
        { name: 'o', type: t.json() },
        { name: 'p', type: t.jsonb() },
        { name: 'q', type: t.uuid() },
        { name: 'r', type: t.binary() },
        { name: 's', type: t.raw('CITEXT') },
      ],
    });

  const typesOf = async (dialect: DialectName) => {
    const [create] = await render(dialect, everyType);
    return [...create!.matchAll(/^\t\S+ (.+?),? ?$/gm)].map((match) => match[1]);
  };

  it('spells every neutral type for SQLite', async () => {
    expect(await typesOf('sqlite')).toEqual([
      'TEXT',
      'VARCHAR',
      'VARCHAR(20)',
      'INTEGER',
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
      'CITEXT',
    ]);
  });

  it('spells every neutral type for PostgreSQL', async () => {
    expect(await typesOf('postgresql')).toEqual([
      'TEXT',
      'VARCHAR',
      'VARCHAR(20)',
      'INTEGER',
      'BIGINT',
      'SMALLINT',
      'BOOLEAN',
      'REAL',
      'DOUBLE PRECISION',
      'NUMERIC(10, 2)',
      'DATE',
      'TIME',
      'TIMESTAMP WITHOUT TIME ZONE',
      'TIMESTAMP WITH TIME ZONE',
      'JSON',
      'JSONB',
      'UUID',
      'BYTEA',
      'CITEXT',
    ]);
  });

  it('spells every neutral type for MySQL, giving VARCHAR a length it requires', async () => {
    expect(await typesOf('mysql')).toEqual([
      'TEXT',
      'VARCHAR(255)',
      'VARCHAR(20)',
      'INTEGER',
      'BIGINT',
      'SMALLINT',
      'BOOL',
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
      'CITEXT',
    ]);
  });

  it('parenthesises SQL-expression defaults on SQLite but keeps literals bare', async () => {
    const sql = await render('sqlite', (op) =>
      op.createTable('d', {
        columns: [
          { name: 'a', type: t.text(), default: sqlExpression("lower('X')") },
          { name: 'b', type: t.text(), default: sqlExpression("'{}'") },
          { name: 'c', type: t.integer(), default: sqlExpression('CURRENT_TIMESTAMP') },
          { name: 'd', type: t.text(), default: "it's" },
          { name: 'e', type: t.boolean(), default: false },
        ],
      }),
    );
    expect(sql[0]).toBe(
      'CREATE TABLE d (\n' +
        `\ta TEXT DEFAULT (lower('X')), \n` +
        `\tb TEXT DEFAULT '{}', \n` +
        '\tc INTEGER DEFAULT CURRENT_TIMESTAMP, \n' +
        `\td TEXT DEFAULT 'it''s', \n` +
        '\te BOOLEAN DEFAULT (0)\n' +
        ')',
    );
  });
});

describe('offline table and column operations', () => {
  const tableOps = async (op: Operations) => {
    await op.renameTable('old', 'new');
    await op.dropTable('new');
    await op.dropTable('gone', { ifExists: true });
    await op.dropColumn('user', 'email');
  };

  it('renders rename, drop and drop-column on SQLite', async () => {
    expect(await render('sqlite', tableOps)).toEqual([
      'ALTER TABLE old RENAME TO new',
      'DROP TABLE new',
      'DROP TABLE IF EXISTS gone',
      'ALTER TABLE user DROP COLUMN email',
    ]);
  });

  it('renders rename, drop and drop-column on PostgreSQL', async () => {
    expect(await render('postgresql', tableOps)).toEqual([
      'ALTER TABLE "old" RENAME TO "new"',
      'DROP TABLE "new"',
      'DROP TABLE IF EXISTS gone',
      'ALTER TABLE "user" DROP COLUMN email',
    ]);
  });

  it('renders rename, drop and drop-column on MySQL', async () => {
    expect(await render('mysql', tableOps)).toEqual([
      'ALTER TABLE old RENAME TO new',
      'DROP TABLE new',
      'DROP TABLE IF EXISTS gone',
      'ALTER TABLE user DROP COLUMN email',
    ]);
  });

  const addColumns = async (op: Operations) => {
    await op.addColumn('user', { name: 'joined', type: t.datetime(), nullable: false, default: now() });
    await op.addColumn('user', {
      name: 'group_id',
      type: t.integer(),
      references: { table: 'group', column: 'id', name: 'fk_user_group', onDelete: 'SET NULL' },
      comment: 'membership',
    });
  };

  it('adds a column with a default and NOT NULL, and a foreign key as its own constraint, on PostgreSQL', async () => {
    expect(await render('postgresql', addColumns)).toEqual([
      'ALTER TABLE "user" ADD COLUMN joined TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL',
      'ALTER TABLE "user" ADD COLUMN group_id INTEGER',
      'ALTER TABLE "user" ADD CONSTRAINT fk_user_group FOREIGN KEY(group_id) REFERENCES "group" (id) ON DELETE SET NULL',
      `COMMENT ON COLUMN "user".group_id IS 'membership'`,
    ]);
  });

  it('adds a column with its comment inline and the foreign key after it on MySQL', async () => {
    expect(await render('mysql', addColumns)).toEqual([
      'ALTER TABLE user ADD COLUMN joined DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
      "ALTER TABLE user ADD COLUMN group_id INTEGER COMMENT 'membership'",
      'ALTER TABLE user ADD CONSTRAINT fk_user_group FOREIGN KEY(group_id) REFERENCES `group` (id) ON DELETE SET NULL',
    ]);
  });

  it('adds a foreign-key column with an inline REFERENCES on SQLite', async () => {
    expect(await render('sqlite', addColumns)).toEqual([
      'ALTER TABLE user ADD COLUMN joined DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL',
      'ALTER TABLE user ADD COLUMN group_id INTEGER CONSTRAINT fk_user_group REFERENCES "group" (id) ON DELETE SET NULL',
    ]);
  });
});

describe('offline addColumn flags', () => {
  const flagged = async (op: Operations) => {
    await op.addColumn('user', { name: 'handle', type: t.string(30), unique: true });
    await op.addColumn('user', { name: 'slug', type: t.string(30), unique: true, index: true });
    await op.addColumn('user', { name: 'tenant', type: t.integer(), index: true });
  };

  it('adds a unique constraint, a unique index and a plain index for the column flags on PostgreSQL', async () => {
    expect(await render('postgresql', flagged)).toEqual([
      'ALTER TABLE "user" ADD COLUMN handle VARCHAR(30)',
      'ALTER TABLE "user" ADD UNIQUE (handle)',
      'ALTER TABLE "user" ADD COLUMN slug VARCHAR(30)',
      'CREATE UNIQUE INDEX ix_user_slug ON "user" (slug)',
      'ALTER TABLE "user" ADD COLUMN tenant INTEGER',
      'CREATE INDEX ix_user_tenant ON "user" (tenant)',
    ]);
  });

  it('adds the primary key of a new key column on MySQL', async () => {
    const sql = await render('mysql', (op) =>
      op.addColumn('user', { name: 'id', type: t.integer(), nullable: false, primaryKey: true }),
    );
    expect(sql).toEqual([
      'ALTER TABLE user ADD COLUMN id INTEGER NOT NULL',
      'ALTER TABLE user ADD PRIMARY KEY (id)',
    ]);
  });

  it('indexes a new column on SQLite but refuses a new unique constraint there', async () => {
    expect(
      await render('sqlite', (op) =>
        op.addColumn('user', { name: 'tenant', type: t.integer(), index: true }),
      ),
    ).toEqual(['ALTER TABLE user ADD COLUMN tenant INTEGER', 'CREATE INDEX ix_user_tenant ON user (tenant)']);
    const failure = await render('sqlite', (op) =>
      op.addColumn('user', { name: 'handle', type: t.text(), unique: true }),
    ).catch((error) => error);
    expect(failure).toBeInstanceOf(UnsupportedOperationError);
    expect(failure.message).toContain('batchAlterTable');
  });
});

describe('offline alterColumn', () => {
  it('renders type with USING (after dropping the old default), nullability, default, comment, then the rename, on PostgreSQL', async () => {
    const sql = await render('postgresql', (op) =>
      op.alterColumn('event', 'at', {
        type: t.bigint(),
        using: 'extract(epoch from at)::bigint',
        nullable: false,
        default: 0,
        comment: 'seconds',
        newName: 'at_s',
      }),
    );
    expect(sql).toEqual([
      'ALTER TABLE event ALTER COLUMN at DROP DEFAULT',
      'ALTER TABLE event ALTER COLUMN at TYPE BIGINT USING extract(epoch from at)::bigint',
      'ALTER TABLE event ALTER COLUMN at SET NOT NULL',
      'ALTER TABLE event ALTER COLUMN at SET DEFAULT 0',
      `COMMENT ON COLUMN event.at IS 'seconds'`,
      'ALTER TABLE event RENAME COLUMN at TO at_s',
    ]);
  });

  it('drops the default before a type change that also removes it, on PostgreSQL', async () => {
    const sql = await render('postgresql', (op) =>
      op.alterColumn('event', 'at', { type: t.bigint(), default: null }),
    );
    expect(sql).toEqual([
      'ALTER TABLE event ALTER COLUMN at DROP DEFAULT',
      'ALTER TABLE event ALTER COLUMN at TYPE BIGINT',
    ]);
  });

  it('drops a default and nullability on PostgreSQL', async () => {
    const sql = await render('postgresql', (op) =>
      op.alterColumn('event', 'at', { nullable: true, default: null, comment: null }),
    );
    expect(sql).toEqual([
      'ALTER TABLE event ALTER COLUMN at DROP NOT NULL',
      'ALTER TABLE event ALTER COLUMN at DROP DEFAULT',
      'COMMENT ON COLUMN event.at IS NULL',
    ]);
  });

  it('restates the whole column with CHANGE COLUMN when MySQL renames and retypes it', async () => {
    const sql = await render('mysql', (op) =>
      op.alterColumn('event', 'at', {
        newName: 'at_s',
        type: t.bigint(),
        existingNullable: false,
        existingDefault: 0,
        existingComment: 'seconds',
      }),
    );
    expect(sql).toEqual(["ALTER TABLE event CHANGE at at_s BIGINT NOT NULL DEFAULT 0 COMMENT 'seconds'"]);
  });

  it('changes only the default with ALTER COLUMN and renames with RENAME COLUMN on MySQL', async () => {
    const sql = await render('mysql', (op) =>
      op.alterColumn('event', 'at', { default: 'x', newName: 'when' }),
    );
    expect(sql).toEqual([
      "ALTER TABLE event ALTER COLUMN at SET DEFAULT 'x'",
      'ALTER TABLE event RENAME COLUMN at TO `when`',
    ]);
  });

  it('asks for existingType and existingNullable when MySQL must restate a column offline', async () => {
    const failure = await render('mysql', (op) => op.alterColumn('event', 'at', { nullable: false })).catch(
      (error) => error,
    );
    expect(failure).toBeInstanceOf(InvalidOperationError);
    expect(failure.message).toContain('existingType');
    expect(failure.message).toContain('alterColumn(event.at)');
  });

  it('renames a column on SQLite', async () => {
    expect(await render('sqlite', (op) => op.alterColumn('event', 'at', { newName: 'happened_at' }))).toEqual(
      ['ALTER TABLE event RENAME COLUMN at TO happened_at'],
    );
  });

  it('refuses a type or nullability change on SQLite and points to batchAlterTable', async () => {
    const failure = await render('sqlite', (op) =>
      op.alterColumn('event', 'at', { type: t.bigint(), nullable: false }),
    ).catch((error) => error);
    expect(failure).toBeInstanceOf(UnsupportedOperationError);
    expect(failure.message).toContain("op.batchAlterTable('event'");
    expect(failure.message).toContain('its type, its nullability');
  });
});

describe('offline indexes', () => {
  const indexOps = async (op: Operations) => {
    await op.createIndex('ix_user_email', 'user', ['email']);
    await op.createIndex('uq_user_lower_email', 'user', [sqlExpression('lower(email)'), 'tenant'], {
      unique: true,
      where: 'deleted_at IS NULL',
      ifNotExists: true,
    });
    await op.dropIndex('ix_user_email', { table: 'user' });
    await op.dropIndex('uq_user_lower_email', { ifExists: true, table: 'user' });
  };

  it('renders plain, unique, expression and partial indexes on SQLite', async () => {
    expect(await render('sqlite', indexOps)).toEqual([
      'CREATE INDEX ix_user_email ON user (email)',
      'CREATE UNIQUE INDEX IF NOT EXISTS uq_user_lower_email ON user (lower(email), tenant) WHERE deleted_at IS NULL',
      'DROP INDEX ix_user_email',
      'DROP INDEX IF EXISTS uq_user_lower_email',
    ]);
  });

  it('renders plain, unique, expression and partial indexes on PostgreSQL', async () => {
    expect(await render('postgresql', indexOps)).toEqual([
      'CREATE INDEX ix_user_email ON "user" (email)',
      'CREATE UNIQUE INDEX IF NOT EXISTS uq_user_lower_email ON "user" (lower(email), tenant) WHERE deleted_at IS NULL',
      'DROP INDEX ix_user_email',
      'DROP INDEX IF EXISTS uq_user_lower_email',
    ]);
  });

  it('builds and drops an index CONCURRENTLY outside the transaction on PostgreSQL', async () => {
    const { context, outsideTransaction } = offlineContext('postgresql');
    const op = createOperations(context);
    await op.createIndex('ix_big', 'big', ['a'], { concurrently: true });
    await op.dropIndex('ix_big', { concurrently: true });
    expect(outsideTransaction).toEqual([
      'CREATE INDEX CONCURRENTLY ix_big ON big (a)',
      'DROP INDEX CONCURRENTLY ix_big',
    ]);
  });

  it('renders plain, unique and expression indexes on MySQL', async () => {
    const sql = await render('mysql', async (op) => {
      await op.createIndex('ix_user_email', 'user', ['email']);
      await op.createIndex('uq_user_lower_email', 'user', [sqlExpression('lower(email)'), 'tenant'], {
        unique: true,
        ifNotExists: true,
      });
    });
    expect(sql).toEqual([
      'CREATE INDEX ix_user_email ON user (email)',
      'CREATE UNIQUE INDEX IF NOT EXISTS uq_user_lower_email ON user ((lower(email)), tenant)',
    ]);
  });

  it('parenthesises an index expression that is not a single function call on PostgreSQL', async () => {
    const sql = await render('postgresql', async (op) => {
      await op.createIndex('ix_a', 't', [sqlExpression('lower(a) || b')]);
      await op.createIndex('ix_b', 't', [sqlExpression("coalesce(a, ')')")]);
      await op.createIndex('ix_c', 't', [sqlExpression('(a + b)')]);
    });
    expect(sql).toEqual([
      'CREATE INDEX ix_a ON t ((lower(a) || b))',
      `CREATE INDEX ix_b ON t (coalesce(a, ')'))`,
      'CREATE INDEX ix_c ON t (((a + b)))',
    ]);
  });

  it('names the table in DROP INDEX on MySQL and requires it', async () => {
    expect(await render('mysql', (op) => op.dropIndex('ix_a', { table: 't' }))).toEqual([
      'DROP INDEX ix_a ON t',
    ]);
    const failure = await render('mysql', (op) => op.dropIndex('ix_a')).catch((error) => error);
    expect(failure).toBeInstanceOf(InvalidOperationError);
    expect(failure.message).toContain("op.dropIndex('ix_a', { table:");
  });

  it('refuses a partial index on MySQL', async () => {
    const failure = await render('mysql', (op) =>
      op.createIndex('ix_a', 't', ['a'], { where: 'a > 0' }),
    ).catch((error) => error);
    expect(failure).toBeInstanceOf(UnsupportedOperationError);
    expect(failure.message).toContain('createIndex(ix_a on t)');
  });

  it('refuses CONCURRENTLY outside PostgreSQL', async () => {
    const failure = await render('sqlite', (op) =>
      op.createIndex('ix_a', 't', ['a'], { concurrently: true }),
    ).catch((error) => error);
    expect(failure).toBeInstanceOf(UnsupportedOperationError);
  });
});

describe('offline constraints', () => {
  const constraintOps = async (op: Operations) => {
    await op.createPrimaryKey('pk_member', 'member', ['group_id', 'user_id']);
    await op.createForeignKey('fk_member_user', 'member', 'user', ['user_id'], ['id'], {
      onDelete: 'CASCADE',
      onUpdate: 'RESTRICT',
    });
    await op.createUniqueConstraint('uq_member_code', 'member', ['code']);
    await op.createCheckConstraint('ck_member_rank', 'member', 'rank BETWEEN 0 AND 9');
  };

  it('adds every kind of constraint with ALTER TABLE on PostgreSQL and drops it by name', async () => {
    const sql = await render('postgresql', async (op) => {
      await constraintOps(op);
      await op.dropConstraint('fk_member_user', 'member');
    });
    expect(sql).toEqual([
      'ALTER TABLE member ADD CONSTRAINT pk_member PRIMARY KEY (group_id, user_id)',
      'ALTER TABLE member ADD CONSTRAINT fk_member_user FOREIGN KEY(user_id) REFERENCES "user" (id) ON DELETE CASCADE ON UPDATE RESTRICT',
      'ALTER TABLE member ADD CONSTRAINT uq_member_code UNIQUE (code)',
      'ALTER TABLE member ADD CONSTRAINT ck_member_rank CHECK (rank BETWEEN 0 AND 9)',
      'ALTER TABLE member DROP CONSTRAINT fk_member_user',
    ]);
  });

  it('drops each kind of constraint its own way on MySQL', async () => {
    const sql = await render('mysql', async (op) => {
      await op.dropConstraint('fk_member_user', 'member', { type: 'foreignkey' });
      await op.dropConstraint('pk_member', 'member', { type: 'primary' });
      await op.dropConstraint('uq_member_code', 'member', { type: 'unique' });
      await op.dropConstraint('ck_member_rank', 'member', { type: 'check' });
    });
    expect(sql).toEqual([
      'ALTER TABLE `member` DROP FOREIGN KEY fk_member_user',
      'ALTER TABLE `member` DROP PRIMARY KEY',
      'ALTER TABLE `member` DROP INDEX uq_member_code',
      'ALTER TABLE `member` DROP CONSTRAINT ck_member_rank',
    ]);
  });

  it('requires the constraint type to drop one on MySQL', async () => {
    const failure = await render('mysql', (op) => op.dropConstraint('x', 'member')).catch((error) => error);
    expect(failure).toBeInstanceOf(InvalidOperationError);
    expect(failure.message).toContain("type: 'foreignkey'");
  });

  it('adds constraints with ALTER TABLE on MySQL', async () => {
    expect(await render('mysql', constraintOps)).toEqual([
      'ALTER TABLE `member` ADD CONSTRAINT pk_member PRIMARY KEY (group_id, user_id)',
      'ALTER TABLE `member` ADD CONSTRAINT fk_member_user FOREIGN KEY(user_id) REFERENCES user (id) ON DELETE CASCADE ON UPDATE RESTRICT',
      'ALTER TABLE `member` ADD CONSTRAINT uq_member_code UNIQUE (code)',
      'ALTER TABLE `member` ADD CONSTRAINT ck_member_rank CHECK (rank BETWEEN 0 AND 9)',
    ]);
  });

  it.each([
    ['createPrimaryKey', (op: Operations) => op.createPrimaryKey('pk', 'member', ['id'])],
    ['createForeignKey', (op: Operations) => op.createForeignKey('fk', 'member', 'user', ['u'], ['id'])],
    ['createUniqueConstraint', (op: Operations) => op.createUniqueConstraint('uq', 'member', ['code'])],
    ['createCheckConstraint', (op: Operations) => op.createCheckConstraint('ck', 'member', 'a > 0')],
    ['dropConstraint', (op: Operations) => op.dropConstraint('ck', 'member')],
  ])('refuses %s on SQLite and points to batchAlterTable', async (method, work) => {
    const failure = await render('sqlite', work).catch((error) => error);
    expect(failure).toBeInstanceOf(UnsupportedOperationError);
    expect(failure.message).toContain(`op.batchAlterTable('member', (batch) => batch.${method}(`);
  });
});

describe('offline bulkInsert', () => {
  const rows = [
    { id: 1, label: "it's", flag: true, at: new Date('2024-10-23T03:00:00Z') },
    { id: 2, label: null, flag: false, at: null },
  ];

  it('writes rows as literals on SQLite, booleans as 1/0', async () => {
    expect(await render('sqlite', (op) => op.bulkInsert('item', rows))).toEqual([
      'insert into "item" ("id", "label", "flag", "at") values ' +
        "(1, 'it''s', 1, '2024-10-23 03:00:00.000'), (2, NULL, 0, NULL)",
    ]);
  });

  it('writes rows as literals on MySQL', async () => {
    expect(await render('mysql', (op) => op.bulkInsert('item', rows))).toEqual([
      'insert into `item` (`id`, `label`, `flag`, `at`) values ' +
        "(1, 'it''s', 1, '2024-10-23 03:00:00.000'), (2, NULL, 0, NULL)",
    ]);
  });

  it('writes rows as literals on PostgreSQL, booleans as true/false', async () => {
    expect(await render('postgresql', (op) => op.bulkInsert('item', rows))).toEqual([
      'insert into "item" ("id", "label", "flag", "at") values ' +
        "(1, 'it''s', true, '2024-10-23 03:00:00.000'), (2, NULL, false, NULL)",
    ]);
  });
});

describe('offline execute with named parameters', () => {
  it('binds :name placeholders but leaves casts, quoted text and comments alone on PostgreSQL', async () => {
    const sql = await render('postgresql', (op) =>
      op.execute(
        'SELECT id::text, \':skip\' AS ":quoted" FROM t -- :comment\nWHERE a = :a AND b = :b /* :block */ AND c = :a',
        { a: 1, b: 'x' },
      ),
    );
    expect(sql).toEqual([
      "SELECT id::text, ':skip' AS \":quoted\" FROM t -- :comment\nWHERE a = 1 AND b = 'x' /* :block */ AND c = 1",
    ]);
  });

  it('escapes backslashes in MySQL string literals', async () => {
    expect(await render('mysql', (op) => op.execute('SELECT :v', { v: 'a\\b' }))).toEqual([
      "SELECT 'a\\\\b'",
    ]);
  });
});
