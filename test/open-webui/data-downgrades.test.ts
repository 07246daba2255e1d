/**
 * Downgrades carry the data back: a seeded database upgraded to head and downgraded to
 * 9f0c9cd09105 (where the seed's last kinds of data were written) holds that data in its old shape.
 */
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { downgradeTo, upgradeTo } from './support/project.js';
import { type AnyKysely, connect } from './support/reflect.js';
import { CONFIG_BLOB, KNOWLEDGE_ACCESS, seedOpenWebUi } from './support/seed.js';

describeEachDialect(
  'Open WebUI data, upgraded to head and downgraded again',
  (dialect) => {
    let database: TestDatabase;
    let db: AnyKysely;

    async function rows(sql: string): Promise<Record<string, unknown>[]> {
      return (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sql))).rows;
    }
    const text = (column: string) => `CAST(${column} AS TEXT) AS ${column}`;
    const parsed = (value: unknown) => (value === null ? null : (JSON.parse(String(value)) as unknown));

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      db = connect(database);
      await seedOpenWebUi(db, dialect, database.url);
      await upgradeTo(database.url, 'head');
      await downgradeTo(database.url, '9f0c9cd09105');
    }, 120_000);
    afterAll(async () => {
      await db?.destroy();
      await database?.drop();
    });

    it('group_member rows go back into group.user_ids', async () => {
      const groups = await rows(`SELECT id, ${text('user_ids')} FROM "group" ORDER BY id`);
      const members = groups.map((group) => [group.id, (parsed(group.user_ids) as string[]).sort()]);
      expect(members).toEqual([
        ['g1', ['u1', 'u2']],
        ['g2', []],
        ['g3', ['u3']],
      ]);
    });

    it('access grants go back into access_control: public as NULL, none as {}, lists as read/write', async () => {
      const knowledge = await rows(`SELECT id, ${text('access_control')} FROM knowledge ORDER BY id`);
      expect(knowledge.map((row) => [row.id, parsed(row.access_control)])).toEqual([
        ['col1', null],
        ['col2', null],
        ['k2', KNOWLEDGE_ACCESS],
      ]);
      const notes = await rows(`SELECT id, ${text('access_control')} FROM note ORDER BY id`);
      expect(notes.map((row) => [row.id, parsed(row.access_control)])).toEqual([
        ['n1', null],
        ['n2', {}],
      ]);
    });

    it('knowledge_file rows go back into knowledge.data.file_ids', async () => {
      const [papers] = await rows(`SELECT ${text('data')} FROM knowledge WHERE id = 'k2'`);
      expect(parsed(papers?.data)).toEqual({ file_ids: ['f1'] });
    });

    it('user.oauth and api_key rows go back into oauth_sub and api_key', async () => {
      const users = await rows('SELECT id, oauth_sub, api_key FROM "user" ORDER BY id');
      expect(users).toEqual([
        { id: 'u1', oauth_sub: 'google@123', api_key: 'sk-ada' },
        // As upstream: a sub stored without a provider comes back with the default one.
        { id: 'u2', oauth_sub: 'oidc@plain-sub', api_key: null },
        { id: 'u3', oauth_sub: null, api_key: null },
      ]);
    });

    it('info goes back to text', async () => {
      const [ada] = await rows(`SELECT info FROM "user" WHERE id = 'u1'`);
      expect(ada?.info).toBe('{"location": "Paris"}');
    });

    it('shared_chat rows go back to shared pseudo-chats', async () => {
      const shares = await rows("SELECT id, user_id, title FROM chat WHERE user_id LIKE 'shared-%'");
      expect(shares).toEqual([{ id: 'share-token-1', user_id: 'shared-c1', title: 'Trip' }]);
    });

    it('prompts go back to commands with their leading slash', async () => {
      const prompts = await rows('SELECT command, title, user_id FROM prompt ORDER BY command');
      expect(prompts).toEqual([
        { command: '/summarize', title: 'Summarize', user_id: 'u1' },
        { command: '/translate', title: 'Translate', user_id: 'u2' },
      ]);
    });

    it('the config blob table is restored from config_old', async () => {
      const config = await rows(`SELECT ${text('data')} FROM config`);
      expect(config.map((row) => parsed(row.data))).toEqual([CONFIG_BLOB]);
      const tables = await rows(
        dialect === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'config_old'"
          : "SELECT tablename AS name FROM pg_tables WHERE tablename = 'config_old'",
      );
      expect(tables).toEqual([]);
    });
  },
  ['sqlite', 'postgresql'],
);
