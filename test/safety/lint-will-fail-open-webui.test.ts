/**
 * The Open WebUI migration guide's InvalidForeignKey case: a `user` table whose `id` lost its
 * primary key (legacy databases), upgraded past 37f288994c47, whose group_member references user.id.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { lint } from '../../src/commands/lint.js';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { EXAMPLE_DIR, upgradeTo } from '../open-webui/support/project.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

describeEachDialect(
  'lint on an Open WebUI database whose user table has no primary key',
  (dialect) => {
    let database: TestDatabase;
    let session: Session;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      await upgradeTo(database.url, 'a5c220713937');
      session = await connect(parseDatabaseUrl(database.url));
      if (dialect === 'postgresql') {
        const { rows } = await session.execute(
          `SELECT conname FROM pg_constraint WHERE conrelid = '"user"'::regclass AND contype = 'p'`,
        );
        await session.execute(`ALTER TABLE "user" DROP CONSTRAINT ${String(rows[0]?.conname)} CASCADE`);
      } else {
        // SQLite cannot drop a key: the table is rebuilt without it, as legacy databases had it.
        await session.execute('CREATE TABLE user_without_key AS SELECT * FROM user');
        await session.execute('DROP TABLE user');
        await session.execute('ALTER TABLE user_without_key RENAME TO user');
      }
      await session.execute(
        `INSERT INTO "user" (id, name, email, role) VALUES ('u1', 'Ada', 'ada@example.org', 'admin')`,
      );
    }, 60_000);

    afterEach(async () => {
      await session.close();
      await database.drop();
    });

    const pending = async () => (await lint({ cwd: EXAMPLE_DIR, url: database.url })).revisions;

    test('37f288994c47 is named as the first revision that will fail, with the key to add first', async () => {
      const revisions = await pending();
      const first = revisions.find((revision) => revision.willFail.length > 0);
      expect(first?.revision).toBe('37f288994c47');
      expect(first?.willFail).toEqual([
        {
          operation: 'createTable(group_member)',
          reason:
            dialect === 'postgresql'
              ? 'the foreign key user_id references user(id), which has no primary key or unique constraint: PostgreSQL refuses it (InvalidForeignKey: there is no unique constraint matching given keys for referenced table "user")'
              : 'the foreign key user_id references user(id), which has no primary key or unique index: SQLite refuses it (foreign key mismatch)',
          fix:
            dialect === 'postgresql'
              ? 'ALTER TABLE "user" ADD PRIMARY KEY (id);'
              : 'CREATE UNIQUE INDEX user_id_key ON user (id);',
        },
      ]);
    }, 60_000);

    test('the prediction is true: without the fix, upgrade head fails at 37f288994c47', async () => {
      const error = await upgradeTo(database.url, 'head').catch((failure: unknown) => failure);
      expect(error).toMatchObject({ revision: '37f288994c47' });
    }, 120_000);

    test('after the suggested SQL, nothing is predicted to fail and the upgrade to head succeeds', async () => {
      const fix = (await pending()).find((revision) => revision.willFail.length > 0)?.willFail[0]?.fix;
      await session.execute(String(fix));
      expect((await pending()).filter((revision) => revision.willFail.length > 0)).toEqual([]);
      await upgradeTo(database.url, 'head');
    }, 120_000);
  },
  ['sqlite', 'postgresql'],
);

describeEachDialect(
  'lint on an Open WebUI database with two e-mails that differ only in case',
  (dialect) => {
    let database: TestDatabase;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      await upgradeTo(database.url, '959eaac8f909');
      const session = await connect(parseDatabaseUrl(database.url));
      try {
        await session.execute(
          `INSERT INTO "user" (id, name, email, role) VALUES ('u1', 'Ada', 'Ada@example.org', 'admin'), ('u2', 'Ada', 'ada@example.org', 'user')`,
        );
      } finally {
        await session.close();
      }
    }, 60_000);

    afterEach(async () => {
      await database.drop();
    });

    test('f0bd01a18a3d will fail: its own guard refuses the duplicates, and says what to do', async () => {
      const [revision, ...others] = (await lint({ cwd: EXAMPLE_DIR, url: database.url })).revisions;
      expect(others).toEqual([]);
      expect(revision?.revision).toBe('f0bd01a18a3d');
      expect(revision?.willFail).toEqual([
        {
          operation: 'upgrade()',
          reason:
            'its upgrade stops with an error on the database as it is now: Cannot add the unique normalized email index ' +
            'uq_user_email_lower: duplicate emails exist (case-insensitive): ada@example.org (x2). ' +
            'Merge or remove the duplicate users, then run the migrations again.',
          fix: 'do what the error asks before upgrading (the revision checks it itself and refuses to run until then)',
        },
      ]);
    }, 60_000);
  },
  ['sqlite', 'postgresql'],
);
