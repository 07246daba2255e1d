import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchOperations } from '../../src/operations/batch/index.js';
import {
  batchAlterTable,
  RebuildBrokeForeignKeysError,
  ValueNotRepresentableError,
} from '../../src/operations/batch/index.js';
import {
  InvalidOperationError,
  OfflineNotSupportedError,
  OperationFailedError,
} from '../../src/operations/errors.js';
import { createOperations } from '../../src/operations/index.js';
import { createInspector, type Inspector } from '../../src/operations/inspect/index.js';
import { now, type TableSpec, t } from '../../src/operations/types.js';
import {
  type OnlineTestContext,
  offlineContext,
  openOnlineContext,
  TEST_REVISION,
} from './support/context.js';

const SCHEMA = [
  'CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT NOT NULL)',
  `CREATE TABLE member (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     team_id INTEGER NOT NULL,
     email VARCHAR(255),
     score TEXT DEFAULT '0',
     joined DATETIME DEFAULT CURRENT_TIMESTAMP,
     CONSTRAINT fk_member_team FOREIGN KEY (team_id) REFERENCES team (id) ON DELETE CASCADE,
     CONSTRAINT uq_member_email UNIQUE (email),
     CONSTRAINT ck_member_email CHECK (email LIKE '%@%')
   )`,
  'CREATE INDEX ix_member_team ON member (team_id)',
  'CREATE UNIQUE INDEX uq_member_email_lower ON member (lower(email)) WHERE email IS NOT NULL',
  "CREATE INDEX ix_member_joined ON member (joined) WHERE score <> '0'",
  'CREATE TABLE badge (id INTEGER PRIMARY KEY, member_id INTEGER REFERENCES member (id) ON DELETE CASCADE, label TEXT)',
  "INSERT INTO team (id, name) VALUES (1, 'red'), (2, 'blue')",
  `INSERT INTO member (id, team_id, email, score, joined) VALUES
     (1, 1, 'ann@example.org', '10', '2024-10-23 03:00:00'),
     (2, 1, 'bob@example.org', '0', '2024-10-24 04:00:00'),
     (3, 2, 'cy@example.org', '7', '2024-10-25 05:00:00')`,
  "INSERT INTO badge (id, member_id, label) VALUES (1, 1, 'gold'), (2, 2, 'silver'), (3, 3, 'bronze')",
];

describe('batchAlterTable on SQLite (table rebuild)', () => {
  let online: OnlineTestContext;
  let inspect: Inspector;

  const raw = (sql: string) => online.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sql));
  const rows = async (sql: string) => (await raw(sql)).rows;
  const batch = (
    work: (batch: BatchOperations) => void,
    options?: { recreate?: 'auto' | 'always' | 'never' },
  ) => batchAlterTable(online.context, createOperations(online.context), 'member', work, options);

  /** Everything reflection reports about a table. */
  async function schemaOf(table: string) {
    return {
      columns: await inspect.getColumns(table),
      primaryKey: await inspect.getPrimaryKey(table),
      uniques: await inspect.getUniqueConstraints(table),
      foreignKeys: await inspect.getForeignKeys(table),
      checks: await inspect.getCheckConstraints(table),
      indexes: await inspect.getIndexes(table),
    };
  }

  const allRows = async () => ({
    member: await rows('SELECT * FROM member ORDER BY id'),
    badge: await rows('SELECT * FROM badge ORDER BY id'),
    team: await rows('SELECT * FROM team ORDER BY id'),
  });

  beforeEach(async () => {
    online = await openOnlineContext('sqlite');
    for (const statement of SCHEMA) await raw(statement);
    inspect = createInspector(online.context);
  });
  afterEach(async () => online.close());

  it('changes a column type, converting the values and keeping rows, indexes, checks and keys in and out', async () => {
    const before = await schemaOf('member');
    const dataBefore = await allRows();
    await batch((member) => member.alterColumn('score', { type: t.integer() }));

    const after = await schemaOf('member');
    expect(after.columns.find((column) => column.name === 'score')).toEqual({
      name: 'score',
      type: 'INTEGER',
      nullable: true,
      default: "'0'",
      autoincrement: false,
      comment: null,
    });
    expect({ ...after, columns: after.columns.filter((column) => column.name !== 'score') }).toEqual({
      ...before,
      columns: before.columns.filter((column) => column.name !== 'score'),
    });
    expect(await rows('SELECT score, typeof(score) AS storage FROM member ORDER BY id')).toEqual([
      { score: 10, storage: 'integer' },
      { score: 0, storage: 'integer' },
      { score: 7, storage: 'integer' },
    ]);
    const dataAfter = await allRows();
    expect(dataAfter.badge).toEqual(dataBefore.badge);
    expect(dataAfter.team).toEqual(dataBefore.team);
    expect(dataAfter.member.map(({ score: _score, ...rest }) => rest)).toEqual(
      dataBefore.member.map(({ score: _score, ...rest }) => rest),
    );
  });

  it('is what op.batchAlterTable runs, with op.inspect seeing the result', async () => {
    const op = createOperations(online.context);
    await op.batchAlterTable('member', (member) => member.dropConstraint('uq_member_email'));
    expect(await op.inspect.getUniqueConstraints('member')).toEqual([]);
  });

  it('refuses a type change that would lose values and leaves the table as it was', async () => {
    const before = await schemaOf('member');
    const dataBefore = await allRows();
    const failure = batch((member) => member.alterColumn('joined', { type: t.bigint() }));
    await expect(failure).rejects.toBeInstanceOf(ValueNotRepresentableError);
    await expect(failure).rejects.toThrow(
      /column joined cannot hold the existing value '2024-10-23 03:00:00'/,
    );
    expect(await schemaOf('member')).toEqual(before);
    expect(await allRows()).toEqual(dataBefore);
  });

  it('undoes the renames of a batch whose rebuild fails', async () => {
    const before = await schemaOf('member');
    const failure = batch((member) => {
      member.alterColumn('score', { newName: 'points' });
      member.alterColumn('joined', { type: t.bigint() });
    });
    await expect(failure).rejects.toBeInstanceOf(ValueNotRepresentableError);
    expect(await schemaOf('member')).toEqual(before);
  });

  it('makes a column NOT NULL and back, keeping every row and object', async () => {
    const before = await schemaOf('member');
    await batch((member) => member.alterColumn('email', { nullable: false }));
    expect((await inspect.getColumns('member')).find((column) => column.name === 'email')?.nullable).toBe(
      false,
    );
    await batch((member) => member.alterColumn('email', { nullable: true }));
    expect(await schemaOf('member')).toEqual(before);
    expect(await rows('SELECT count(*) AS n FROM badge')).toEqual([{ n: 3 }]);
  });

  it('reports a NOT NULL change that existing rows violate with the revision, operation and SQL, changing nothing', async () => {
    await raw('INSERT INTO member (id, team_id, email) VALUES (4, 2, NULL)');
    const before = await schemaOf('member');
    const failure = batch((member) => member.alterColumn('email', { nullable: false }));
    await expect(failure).rejects.toBeInstanceOf(OperationFailedError);
    await expect(failure).rejects.toThrow(TEST_REVISION);
    await expect(failure).rejects.toThrow(
      /batchAlterTable\(member\) failed[\s\S]*SQL: INSERT INTO _ambix_tmp_member/,
    );
    expect(await schemaOf('member')).toEqual(before);
    expect(await rows('SELECT count(*) AS n FROM member')).toEqual([{ n: 4 }]);
  });

  it('drops a column together with the index that uses it, keeping the other objects and rows', async () => {
    const before = await schemaOf('member');
    await batch((member) => member.dropColumn('joined'));
    const after = await schemaOf('member');
    expect(after.columns.map((column) => column.name)).toEqual(['id', 'team_id', 'email', 'score']);
    expect(after.indexes).toEqual(before.indexes.filter((index) => index.name !== 'ix_member_joined'));
    expect({ ...after, columns: [], indexes: [] }).toEqual({ ...before, columns: [], indexes: [] });
    expect(await rows('SELECT id, email FROM member ORDER BY id')).toEqual([
      { id: 1, email: 'ann@example.org' },
      { id: 2, email: 'bob@example.org' },
      { id: 3, email: 'cy@example.org' },
    ]);
    expect(await rows('SELECT count(*) AS n FROM badge')).toEqual([{ n: 3 }]);
  });

  it('adds constraints, then drops them again to restore the original schema exactly', async () => {
    const before = await schemaOf('member');
    await raw('CREATE TABLE league (code TEXT PRIMARY KEY)');
    await batch((member) => {
      member.addColumn({ name: 'league_code', type: t.text() });
      member.createCheckConstraint('ck_member_score', "score <> ''");
      member.createUniqueConstraint('uq_member_team_email', ['team_id', 'email']);
      member.createForeignKey('fk_member_league', 'league', ['league_code'], ['code'], {
        onDelete: 'SET NULL',
      });
    });
    const added = await schemaOf('member');
    expect(added.checks).toEqual([
      { name: 'ck_member_email', sqltext: "email LIKE '%@%'" },
      { name: 'ck_member_score', sqltext: "score <> ''" },
    ]);
    expect(added.uniques).toEqual([
      { name: 'uq_member_email', columns: ['email'] },
      { name: 'uq_member_team_email', columns: ['team_id', 'email'] },
    ]);
    expect(added.foreignKeys).toEqual([
      {
        name: 'fk_member_league',
        columns: ['league_code'],
        referencedTable: 'league',
        referencedColumns: ['code'],
        onDelete: 'SET NULL',
        onUpdate: null,
      },
      before.foreignKeys[0],
    ]);
    await batch((member) => {
      member.dropConstraint('fk_member_league');
      member.dropConstraint('uq_member_team_email');
      member.dropConstraint('ck_member_score');
      member.dropColumn('league_code');
    });
    expect(await schemaOf('member')).toEqual(before);
    expect(await rows('SELECT count(*) AS n FROM member')).toEqual([{ n: 3 }]);
  });

  it('drops a named check constraint, so rows it rejected become insertable', async () => {
    await batch((member) => member.dropConstraint('ck_member_email'));
    expect(await inspect.getCheckConstraints('member')).toEqual([]);
    await raw("INSERT INTO member (id, team_id, email) VALUES (9, 1, 'no-at-sign')");
  });

  it('replaces the primary key, keeping the rows and the keys that reference the table', async () => {
    await raw('CREATE TABLE tag (id TEXT NOT NULL, user_id TEXT, name TEXT, PRIMARY KEY (id))');
    await raw("INSERT INTO tag VALUES ('a', 'u1', 'A'), ('a2', 'u1', 'A2')");
    await batchAlterTable(online.context, createOperations(online.context), 'tag', (tag) =>
      tag.createPrimaryKey('pk_id_user_id', ['id', 'user_id']),
    );
    expect(await inspect.getPrimaryKey('tag')).toEqual({ name: 'pk_id_user_id', columns: ['id', 'user_id'] });
    expect(await rows('SELECT * FROM tag ORDER BY id')).toEqual([
      { id: 'a', user_id: 'u1', name: 'A' },
      { id: 'a2', user_id: 'u1', name: 'A2' },
    ]);
    await batchAlterTable(online.context, createOperations(online.context), 'tag', (tag) => {
      tag.dropConstraint('pk_id_user_id');
      tag.createPrimaryKey('pk_id', ['id']);
    });
    expect(await inspect.getPrimaryKey('tag')).toEqual({ name: 'pk_id', columns: ['id'] });
  });

  it('changes the primary key of a table with data, indexes, checks and keys in and out, keeping them all', async () => {
    const before = await schemaOf('member');
    const dataBefore = await allRows();
    await batch((member) => {
      // badge references member(id), which must stay unique once it is no longer the whole key.
      member.createUniqueConstraint('uq_member_id', ['id']);
      member.createPrimaryKey('pk_member', ['id', 'team_id']);
    });
    const after = await schemaOf('member');
    expect(after.primaryKey).toEqual({ name: 'pk_member', columns: ['id', 'team_id'] });
    expect(after.uniques).toEqual([
      { name: 'uq_member_email', columns: ['email'] },
      { name: 'uq_member_id', columns: ['id'] },
    ]);
    expect({ ...after, primaryKey: null, uniques: [], columns: after.columns.map((c) => c.name) }).toEqual({
      ...before,
      primaryKey: null,
      uniques: [],
      columns: before.columns.map((c) => c.name),
    });
    expect(await allRows()).toEqual(dataBefore);
    expect(await rows('PRAGMA foreign_key_check')).toEqual([]);
  });

  it('keeps an AUTOINCREMENT key numbering after a rebuild, never reusing a deleted number', async () => {
    await raw('DELETE FROM member WHERE id = 3');
    await batch((member) => member.alterColumn('score', { default: '1' }));
    await raw("INSERT INTO member (team_id, email) VALUES (1, 'dee@example.org')");
    expect(await rows("SELECT id, score FROM member WHERE email = 'dee@example.org'")).toEqual([
      { id: 4, score: '1' },
    ]);
    expect((await inspect.getColumns('member'))[0]?.autoincrement).toBe(true);
  });

  it('keeps triggers, and views that read the table keep working', async () => {
    await raw('CREATE TABLE audit (member_id INTEGER)');
    await raw(
      'CREATE TRIGGER member_audit AFTER INSERT ON member BEGIN INSERT INTO audit VALUES (new.id); END',
    );
    await raw('CREATE VIEW member_emails AS SELECT email FROM member');
    await batch((member) => member.alterColumn('score', { type: t.integer() }));
    await raw("INSERT INTO member (id, team_id, email) VALUES (5, 1, 'eve@example.org')");
    expect(await rows('SELECT member_id FROM audit')).toEqual([{ member_id: 5 }]);
    expect(await rows('SELECT count(*) AS n FROM member_emails')).toEqual([{ n: 4 }]);
  });

  it('refuses to drop a column a view still reads, leaving table and view as they were', async () => {
    await raw('CREATE VIEW member_joins AS SELECT id, joined FROM member');
    const before = await schemaOf('member');
    const failure = batch((member) => member.dropColumn('joined'));
    await expect(failure).rejects.toBeInstanceOf(InvalidOperationError);
    await expect(failure).rejects.toThrow(
      /view member_joins would no longer work after the rebuild \(no such column: joined\)/,
    );
    expect(await schemaOf('member')).toEqual(before);
    expect(await rows('SELECT count(*) AS n FROM member_joins')).toEqual([{ n: 3 }]);
  });

  it('rebuilds a table whose name and columns are reserved words', async () => {
    await raw('CREATE TABLE "order" ("select" INTEGER, "from" TEXT CHECK ("from" <> \'\'))');
    await raw('INSERT INTO "order" VALUES (1, \'x\')');
    await batchAlterTable(online.context, createOperations(online.context), 'order', (order) =>
      order.alterColumn('select', { nullable: false }),
    );
    expect(await rows('SELECT * FROM "order"')).toEqual([{ select: 1, from: 'x' }]);
    expect(await inspect.getCheckConstraints('order')).toEqual([{ name: null, sqltext: '"from" <> \'\'' }]);
  });

  it('renames a column and changes its type in one batch, keeping the indexes on it', async () => {
    await batch((member) => {
      member.alterColumn('team_id', { newName: 'squad_id' });
      member.alterColumn('team_id', { type: t.bigint() });
    });
    const columns = await inspect.getColumns('member');
    expect(columns[1]).toMatchObject({ name: 'squad_id', type: 'BIGINT', nullable: false });
    expect(
      (await inspect.getIndexes('member')).find((index) => index.name === 'ix_member_team')?.columns,
    ).toEqual(['squad_id']);
    expect((await inspect.getForeignKeys('member'))[0]?.columns).toEqual(['squad_id']);
  });

  it('adds a column and an index in place, without rebuilding, when SQLite can', async () => {
    online.statements.length = 0;
    await batch((member) => {
      member.addColumn({ name: 'nickname', type: t.string(40) });
      member.createIndex('ix_member_nickname', ['nickname']);
    });
    expect(online.statements.map((statement) => statement.sql)).toEqual([
      'ALTER TABLE member ADD COLUMN nickname VARCHAR(40)',
      'CREATE INDEX ix_member_nickname ON member (nickname)',
    ]);
  });

  it('adds a NOT NULL column without a default by rebuilding, which ADD COLUMN cannot do', async () => {
    await raw('CREATE TABLE note (id INTEGER PRIMARY KEY)');
    await batchAlterTable(online.context, createOperations(online.context), 'note', (note) =>
      note.addColumn({ name: 'title', type: t.text(), nullable: false }),
    );
    expect((await inspect.getColumns('note'))[1]).toMatchObject({
      name: 'title',
      nullable: false,
      default: null,
    });
  });

  it('adds a column with an expression default by rebuilding, filling existing rows with it', async () => {
    await batch((member) => member.addColumn({ name: 'seen', type: t.datetime(), default: now() }));
    expect((await inspect.getColumns('member')).at(-1)).toMatchObject({
      name: 'seen',
      default: 'CURRENT_TIMESTAMP',
    });
    expect(await rows('SELECT count(*) AS n FROM member WHERE seen IS NULL')).toEqual([{ n: 0 }]);
  });

  it('rebuilds even simple changes when asked with recreate: always', async () => {
    online.statements.length = 0;
    await batch((member) => member.addColumn({ name: 'nickname', type: t.text() }), { recreate: 'always' });
    expect(
      online.statements.some((statement) => statement.sql.startsWith('CREATE TABLE _ambix_tmp_member')),
    ).toBe(true);
    expect((await inspect.getColumns('member')).at(-1)?.name).toBe('nickname');
  });

  it('names the constraints it has when asked to drop one it does not', async () => {
    const failure = batch((member) => member.dropConstraint('ck_nope'));
    await expect(failure).rejects.toBeInstanceOf(InvalidOperationError);
    await expect(failure).rejects.toThrow(
      'batchAlterTable(member).dropConstraint(ck_nope) in revision ae1027a6acf (migrations/versions/ae1027a6acf_test.ts): ' +
        'table member has no constraint named ck_nope (named constraints: uq_member_email, fk_member_team, ' +
        'ck_member_email; unnamed ones cannot be dropped by name).',
    );
  });

  it('rebuilds a table whose rows already break its foreign keys, keeping them as they were', async () => {
    await raw('PRAGMA foreign_keys = OFF');
    await raw("INSERT INTO badge (id, member_id, label) VALUES (8, 99, 'orphan')");
    await raw('PRAGMA foreign_keys = ON');
    await batchAlterTable(online.context, createOperations(online.context), 'badge', (badge) =>
      badge.alterColumn('label', { type: t.string(20) }),
    );
    expect(await rows('SELECT member_id, label FROM badge WHERE id = 8')).toEqual([
      { member_id: 99, label: 'orphan' },
    ]);
    expect(await rows('PRAGMA foreign_key_check(badge)')).toEqual([
      { table: 'badge', rowid: 8, parent: 'member', fkid: 0 },
    ]);
    expect((await inspect.getColumns('badge'))[2]?.type).toBe('VARCHAR(20)');
  });

  it('with enforcement off, refuses a new foreign key that existing rows break, changing nothing', async () => {
    await raw('PRAGMA foreign_keys = OFF');
    const before = await schemaOf('badge');
    const failure = batchAlterTable(online.context, createOperations(online.context), 'badge', (badge) =>
      badge.createForeignKey('fk_badge_team', 'team', ['member_id'], ['id']),
    );
    await expect(failure).rejects.toBeInstanceOf(RebuildBrokeForeignKeysError);
    await expect(failure).rejects.toThrow(
      /1 row\(s\) violate foreign keys \(e\.g\. a row of badge referencing team\)/,
    );
    expect(await schemaOf('badge')).toEqual(before);
  });

  it('with enforcement off, rebuilds a referenced table in place and leaves enforcement off', async () => {
    await raw('PRAGMA foreign_keys = OFF');
    online.statements.length = 0;
    await batchAlterTable(online.context, createOperations(online.context), 'team', (team) =>
      team.alterColumn('name', { nullable: true }),
    );
    expect(online.statements.some((statement) => statement.sql.startsWith('PRAGMA foreign_keys'))).toBe(
      false,
    );
    expect(await rows('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 0 }]);
    expect(await rows('SELECT count(*) AS n FROM member')).toEqual([{ n: 3 }]);
  });

  it('rebuilds a referenced table with foreign-key enforcement on without cascading deletes', async () => {
    expect(await rows('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    await batchAlterTable(online.context, createOperations(online.context), 'team', (team) =>
      team.alterColumn('name', { type: t.string(40) }),
    );
    expect(await rows('SELECT count(*) AS n FROM member')).toEqual([{ n: 3 }]);
    expect(await rows('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect((await inspect.getColumns('team'))[1]?.type).toBe('VARCHAR(40)');
  });
});

describe('batchAlterTable on SQLite offline', () => {
  it('fails a rebuild offline naming the revision, because it must read the table', async () => {
    const { context } = offlineContext('sqlite');
    const failure = batchAlterTable(context, createOperations(context), 'member', (member) =>
      member.dropColumn('joined'),
    );
    await expect(failure).rejects.toBeInstanceOf(OfflineNotSupportedError);
    await expect(failure).rejects.toThrow(TEST_REVISION);
  });

  it('renders a rebuild offline from copyFrom, as the exact move-and-copy script', async () => {
    const { context, statements } = offlineContext('sqlite');
    const tag: TableSpec = {
      name: 'tag',
      columns: [
        { name: 'id', type: t.string(), nullable: false },
        { name: 'name', type: t.string() },
        { name: 'user_id', type: t.string() },
        { name: 'data', type: t.text() },
      ],
      primaryKey: { columns: ['id'] },
      foreignKeys: [
        { columns: ['user_id'], referencedTable: 'user', referencedColumns: ['id'], onDelete: 'CASCADE' },
      ],
      indexes: [{ name: 'ix_tag_name', columns: ['name'] }],
    };
    await batchAlterTable(
      context,
      createOperations(context),
      'tag',
      (batch) => {
        batch.createUniqueConstraint('uq_id_user_id', ['id', 'user_id']);
        batch.dropColumn('data');
        batch.addColumn({ name: 'meta', type: t.json() });
      },
      { copyFrom: tag },
    );
    expect(statements.map((statement) => statement.sql)).toEqual([
      'CREATE TABLE _ambix_tmp_tag (\n' +
        '\tid VARCHAR NOT NULL, \n' +
        '\tname VARCHAR, \n' +
        '\tuser_id VARCHAR, \n' +
        '\tmeta JSON, \n' +
        '\tPRIMARY KEY (id), \n' +
        '\tCONSTRAINT uq_id_user_id UNIQUE (id, user_id), \n' +
        '\tFOREIGN KEY(user_id) REFERENCES user (id) ON DELETE CASCADE\n' +
        ')',
      'INSERT INTO _ambix_tmp_tag (id, name, user_id) SELECT id, name, user_id FROM tag',
      'DROP TABLE tag',
      'PRAGMA legacy_alter_table = ON',
      'ALTER TABLE _ambix_tmp_tag RENAME TO tag',
      'PRAGMA legacy_alter_table = OFF',
      'CREATE INDEX ix_tag_name ON tag (name)',
    ]);
  });

  it('renders a rename before an offline rebuild and copies the column under its new name', async () => {
    const { context, statements } = offlineContext('sqlite');
    await batchAlterTable(
      context,
      createOperations(context),
      'file',
      (batch) => batch.alterColumn('meta', { newName: 'info', type: t.json() }),
      {
        copyFrom: {
          name: 'file',
          columns: [
            { name: 'id', type: t.text(), primaryKey: true },
            { name: 'meta', type: t.text() },
          ],
        },
      },
    );
    expect(statements.map((statement) => statement.sql).slice(0, 3)).toEqual([
      'ALTER TABLE file RENAME COLUMN meta TO info',
      'CREATE TABLE _ambix_tmp_file (\n\tid TEXT NOT NULL, \n\tinfo JSON, \n\tPRIMARY KEY (id)\n)',
      'INSERT INTO _ambix_tmp_file (id, info) SELECT id, info FROM file',
    ]);
  });

  it('renders in-place changes offline', async () => {
    const { context, statements } = offlineContext('sqlite');
    await batchAlterTable(context, createOperations(context), 'member', (member) =>
      member.addColumn({ name: 'nickname', type: t.text(), nullable: false, default: '' }),
    );
    expect(statements.map((statement) => statement.sql)).toEqual([
      `ALTER TABLE member ADD COLUMN nickname TEXT DEFAULT '' NOT NULL`,
    ]);
  });
});
