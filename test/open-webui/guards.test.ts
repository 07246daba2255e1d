/**
 * Guards as upstream: a revision that finds part of its work already done (a half-applied run,
 * or a table created by hand) skips that part, so the database can be finished.
 */
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { downgradeTo, upgradeTo } from './support/project.js';
import { type AnyKysely, connect, referenceHead, reflectSchema } from './support/reflect.js';

describeEachDialect(
  'Open WebUI guards',
  (dialect) => {
    let database: TestDatabase;
    let db: AnyKysely;
    const run = (sql: string) => db.executeQuery(CompiledQuery.raw(sql));

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      db = connect(database);
    });
    afterEach(async () => {
      await db.destroy();
      await database.drop();
    });

    it('a revision whose columns were partly added already is finished by the upgrade', async () => {
      await upgradeTo(database.url, '37f288994c47');
      // As if a previous attempt at 2f1211949ecc had added its first column and then died.
      await run('ALTER TABLE channel_member ADD COLUMN status TEXT');
      await upgradeTo(database.url, 'head');
      expect(await reflectSchema(db, dialect)).toEqual(referenceHead(dialect));
    });

    it('tables that already exist before the init revision are left as they are', async () => {
      await run(
        'CREATE TABLE auth (id VARCHAR NOT NULL, email VARCHAR, password TEXT, active BOOLEAN, PRIMARY KEY (id))',
      );
      await run("INSERT INTO auth (id, email) VALUES ('u1', 'a@example.org')");
      await upgradeTo(database.url, '7e5b5dc7342b');
      const { rows } = await run('SELECT id, email FROM auth');
      expect(rows).toEqual([{ id: 'u1', email: 'a@example.org' }]);
    });

    it('a legacy peewee table with UNIQUE(id) and no primary key gets pk_<table>, keeping its rows', async () => {
      // The shape databases created before May 2026 got from the peewee layer.
      await run(
        'CREATE TABLE chat (id VARCHAR(255) NOT NULL, user_id VARCHAR(255) NOT NULL, title TEXT NOT NULL, ' +
          'chat TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, share_id VARCHAR(255), ' +
          'archived BOOLEAN NOT NULL)',
      );
      await run('CREATE UNIQUE INDEX chat_id ON chat (id)');
      await run(
        "INSERT INTO chat (id, user_id, title, chat, created_at, updated_at, archived) VALUES ('c1', 'u1', 'Hi', '{}', 1, 2, false)",
      );
      await upgradeTo(database.url, 'head');
      const schema = await reflectSchema(db, dialect);
      expect(schema.tables.chat?.primary_key).toEqual({ name: 'pk_chat', columns: ['id'] });
      const { rows } = await run("SELECT id, title FROM chat WHERE id = 'c1'");
      expect(rows).toEqual([{ id: 'c1', title: 'Hi' }]);
    });

    it('the unique e-mail index refuses duplicate e-mails, naming them', async () => {
      await upgradeTo(database.url, '959eaac8f909');
      await run(`INSERT INTO "user" (id, email) VALUES ('u1', 'Ada@example.org'), ('u2', 'ada@example.org')`);
      await expect(upgradeTo(database.url, 'head')).rejects.toThrow(/ada@example\.org \(x2\)/);
    });

    it('downgrading and re-upgrading the e-mail index works on both databases', async () => {
      await upgradeTo(database.url, 'head');
      await downgradeTo(database.url, '959eaac8f909');
      expect((await reflectSchema(db, dialect)).unreflected_indexes).toEqual([]);
      await upgradeTo(database.url, 'head');
      expect((await reflectSchema(db, dialect)).unreflected_indexes).toEqual(['user.uq_user_email_lower']);
    });
  },
  ['sqlite', 'postgresql'],
);
