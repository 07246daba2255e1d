/**
 * Acceptance: a realistic database seeded at early revisions and upgraded to head holds, in each
 * table, the rows each data migration should have produced.
 */
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { upgradeTo } from './support/project.js';
import { type AnyKysely, connect, referenceHead, reflectSchema } from './support/reflect.js';
import {
  BRANCHED_CHAT,
  FOLDER_CREATED,
  FOLDER_UPDATED,
  KNOWLEDGE_ACCESS,
  seedOpenWebUi,
} from './support/seed.js';

describeEachDialect(
  'Open WebUI data, seeded early and upgraded to head',
  (dialect) => {
    let database: TestDatabase;
    let db: AnyKysely;
    let startedAt: number;
    let finishedAt: number;

    /** Rows of a query, with JSON columns read as text (CAST) so the exact encoding can be checked. */
    async function rows(sql: string): Promise<Record<string, unknown>[]> {
      return (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sql))).rows;
    }
    const text = (column: string) => `CAST(${column} AS TEXT) AS ${column}`;
    const parsed = (value: unknown) => JSON.parse(String(value)) as unknown;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      db = connect(database);
      // The seed's last stage already runs some data migrations (up to e1f2a3b4c5d6).
      startedAt = Math.floor(Date.now() / 1000);
      await seedOpenWebUi(db, dialect, database.url);
      await upgradeTo(database.url, 'head');
      finishedAt = Math.floor(Date.now() / 1000);
    }, 120_000);
    afterAll(async () => {
      await db?.destroy();
      await database?.drop();
    });

    it('the populated database ends with the reference head schema', async () => {
      expect(await reflectSchema(db, dialect)).toEqual(referenceHead(dialect));
    });

    it('6a39f3d8e55c copies each document into knowledge, tags from its content', async () => {
      const [handbook, notes] = await rows(
        `SELECT id, name, description, ${text('meta')}, created_at FROM knowledge WHERE id IN ('col1', 'col2') ORDER BY id`,
      );
      expect(handbook).toMatchObject({ id: 'col1', name: 'Employee Handbook', description: 'handbook' });
      expect(Number(handbook?.created_at)).toBe(1700000000);
      expect(handbook?.meta).toBe('{"legacy": true, "document": true, "tags": [{"name": "hr"}]}');
      expect(notes?.meta).toBe('{"legacy": true, "document": true, "tags": []}');
    });

    it('242a2047eae0 turns chat text into JSON, unparseable text into JSON null', async () => {
      const [broken] = await rows(`SELECT ${text('chat')} FROM chat WHERE id = 'c2'`);
      expect(broken?.chat).toBe('null');
      const [trip] = await rows(`SELECT ${text('chat')} FROM chat WHERE id = 'c1'`);
      expect(parsed(trip?.chat)).toEqual(BRANCHED_CHAT);
      // Re-encoded the way Python's json.dumps writes it: spaced separators, \u escapes.
      expect(String(trip?.chat)).toContain('"content": "Branch B: caf\\u00e9 \\u2615"');
    });

    it('1af9b942657b normalises tag ids, dropping duplicates, the pinned tag and (as upstream) an already normalised one', async () => {
      const tags = await rows('SELECT id, user_id FROM tag ORDER BY id, user_id');
      // "ideas" finds itself in upstream's "is the new id taken?" check and is deleted.
      expect(tags).toEqual([{ id: 'work_stuff', user_id: 'u1' }]);
    });

    it('1af9b942657b folds chatidtag rows into chat.meta.tags and chat.pinned', async () => {
      const chats = await rows(
        `SELECT id, pinned, ${text('meta')} FROM chat WHERE id IN ('c1', 'c2', 'c3') ORDER BY id`,
      );
      expect(
        chats.map((chat) => [chat.id, chat.pinned === null ? null : Boolean(chat.pinned), chat.meta]),
      ).toEqual([
        ['c1', true, '{"tags": ["work_stuff", "ideas"]}'],
        ['c2', null, '{}'],
        ['c3', false, '{"tags": ["work_stuff"]}'],
      ]);
    });

    it('c29facfe716b copies meta.path into file.path', async () => {
      const files = await rows('SELECT id, path FROM file ORDER BY id');
      expect(files).toEqual([
        { id: 'f1', path: '/data/uploads/a.pdf' },
        { id: 'f2', path: null },
      ]);
    });

    it('4ace53fd72c8 converts folder timestamps to epoch seconds, not to the year', async () => {
      const [folder] = await rows('SELECT created_at, updated_at FROM folder');
      expect(Number(folder?.created_at)).toBe(Date.parse(`${FOLDER_CREATED.replace(' ', 'T')}Z`) / 1000);
      expect(Number(folder?.updated_at)).toBe(Date.parse(`${FOLDER_UPDATED.replace(' ', 'T')}Z`) / 1000);
    });

    it('37f288994c47 explodes group.user_ids into group_member rows', async () => {
      const members = await rows('SELECT group_id, user_id FROM group_member ORDER BY group_id, user_id');
      expect(members).toEqual([
        { group_id: 'g1', user_id: 'u1' },
        { group_id: 'g1', user_id: 'u2' },
        { group_id: 'g3', user_id: 'u3' },
      ]);
    });

    it('2f1211949ecc fills joined_at of existing channel members from created_at', async () => {
      const [member] = await rows("SELECT joined_at FROM channel_member WHERE id = 'cm1'");
      expect(Number(member?.joined_at)).toBe(1700000100);
    });

    it('b10670c03dd5 moves oauth_sub into user.oauth as a JSON object, encoded once', async () => {
      const users = await rows(`SELECT id, ${text('oauth')} FROM "user" ORDER BY id`);
      expect(users).toEqual([
        { id: 'u1', oauth: '{"google": {"sub": "123"}}' },
        { id: 'u2', oauth: '{"oidc": {"sub": "plain-sub"}}' },
        { id: 'u3', oauth: null },
      ]);
    });

    it('b10670c03dd5 moves user.api_key into api_key rows, skipping empty keys', async () => {
      const keys = await rows('SELECT id, user_id, "key" FROM api_key ORDER BY id');
      expect(keys).toEqual([{ id: 'key_u1', user_id: 'u1', key: 'sk-ada' }]);
    });

    it('b10670c03dd5 turns info and settings into JSON', async () => {
      const [ada] = await rows(`SELECT ${text('info')}, ${text('settings')} FROM "user" WHERE id = 'u1'`);
      expect(parsed(ada?.info)).toEqual({ location: 'Paris' });
      expect(parsed(ada?.settings)).toEqual({ ui: { theme: 'dark' } });
    });

    it('b10670c03dd5 turns settings that are not JSON into JSON null on both databases', async () => {
      const [bob] = await rows(`SELECT ${text('settings')}, ${text('info')} FROM "user" WHERE id = 'u2'`);
      expect(bob).toEqual({ settings: 'null', info: null });
    });

    it('3e0e00844bb0 links knowledge to its existing files only', async () => {
      const links = await rows('SELECT knowledge_id, file_id, user_id FROM knowledge_file ORDER BY file_id');
      expect(links).toEqual([{ knowledge_id: 'k2', file_id: 'f1', user_id: 'u1' }]);
    });

    it('374d2f66af06 rebuilds prompts without the leading slash, each with a history snapshot', async () => {
      const prompts = await rows(
        'SELECT id, command, name, version_id, created_at FROM prompt ORDER BY command',
      );
      expect(prompts.map((prompt) => prompt.command)).toEqual(['summarize', 'translate']);
      const history = await rows(
        `SELECT id, prompt_id, ${text('snapshot')} FROM prompt_history ORDER BY created_at`,
      );
      expect(history.map((entry) => entry.id).sort()).toEqual(
        prompts.map((prompt) => prompt.version_id).sort(),
      );
      const summarize = history.find((entry) => entry.prompt_id === prompts[0]?.id);
      expect(summarize?.snapshot).toBe(
        '{"name": "Summarize", "content": "Summarize {{text}}", "command": "summarize", "data": {}, "meta": {}, "access_control": null}',
      );
    });

    it('8452d01d26d7 writes one chat_message per message of every branch, shared chats excluded', async () => {
      const messages = await rows(
        'SELECT id, chat_id, user_id, role, parent_id, model_id FROM chat_message ORDER BY id',
      );
      expect(messages).toEqual([
        { id: 'c1-m1', chat_id: 'c1', user_id: 'u1', role: 'user', parent_id: null, model_id: null },
        { id: 'c1-m2', chat_id: 'c1', user_id: 'u1', role: 'assistant', parent_id: 'm1', model_id: 'llama3' },
        {
          id: 'c1-m3',
          chat_id: 'c1',
          user_id: 'u1',
          role: 'assistant',
          parent_id: 'm1',
          model_id: 'mistral',
        },
        { id: 'c3-a', chat_id: 'c3', user_id: 'u2', role: 'user', parent_id: null, model_id: null },
        { id: 'c3-b', chat_id: 'c3', user_id: 'u2', role: 'assistant', parent_id: 'a', model_id: null },
        { id: 'c3-c', chat_id: 'c3', user_id: 'u2', role: 'assistant', parent_id: 'a', model_id: null },
        { id: 'c3-d', chat_id: 'c3', user_id: 'u2', role: 'user', parent_id: 'c', model_id: null },
      ]);
    });

    it('8452d01d26d7 normalises message timestamps to seconds', async () => {
      const stamps = await rows(
        "SELECT id, created_at FROM chat_message WHERE id IN ('c1-m2', 'c1-m3', 'c3-d') ORDER BY id",
      );
      expect(Number(stamps[0]?.created_at)).toBe(1717000005);
      expect(Number(stamps[1]?.created_at)).toBe(1717000010);
      const fallback = Number(stamps[2]?.created_at);
      expect(fallback).toBeGreaterThanOrEqual(startedAt);
      expect(fallback).toBeLessThanOrEqual(finishedAt);
    });

    it('8452d01d26d7 keeps content, done and usage, with JSON null for absent members', async () => {
      const [m3] = await rows(
        `SELECT ${text('content')}, done, ${text('usage')}, ${text('files')} FROM chat_message WHERE id = 'c1-m3'`,
      );
      expect(m3?.content).toBe('"Branch B: caf\\u00e9 \\u2615"');
      expect(Boolean(m3?.done)).toBe(false);
      expect(m3?.usage).toBe('{"total_tokens": 12}');
      expect(m3?.files).toBe('null');
    });

    it('f1e2d3c4b5a6 turns access_control into grants: NULL public, {} private, lists explicit', async () => {
      const grants = await rows(
        'SELECT g.resource_type, COALESCE(p.command, g.resource_id) AS resource, g.principal_type, g.principal_id, g.permission ' +
          "FROM access_grant g LEFT JOIN prompt p ON g.resource_type = 'prompt' AND p.id = g.resource_id " +
          "WHERE g.resource_type <> 'shared_chat'",
      );
      const keys = grants
        .map((g) => `${g.resource_type}:${g.resource} ${g.permission} ${g.principal_type}:${g.principal_id}`)
        .sort();
      expect(keys).toEqual([
        // NULL access_control means public read, except for files (private): f1 and f2 get none.
        'channel:ch1 read user:*',
        'knowledge:col1 read user:*',
        'knowledge:col2 read user:*',
        `knowledge:k2 read group:${KNOWLEDGE_ACCESS.read.group_ids[0]}`,
        `knowledge:k2 write user:${KNOWLEDGE_ACCESS.write.user_ids[0]}`,
        // n2 and the model m-private had {}: private, no grant.
        'note:n1 read user:*',
        'prompt:summarize read user:*',
        'prompt:translate read user:*',
      ]);
    });

    it('c1d2e3f4a5b6 moves shared pseudo-chats into shared_chat with a public grant', async () => {
      const shares = await rows('SELECT id, chat_id, user_id, title FROM shared_chat');
      expect(shares).toEqual([{ id: 'share-token-1', chat_id: 'c1', user_id: 'u1', title: 'Trip' }]);
      const grants = await rows(
        "SELECT resource_id, principal_id FROM access_grant WHERE resource_type = 'shared_chat'",
      );
      expect(grants).toEqual([{ resource_id: 'c1', principal_id: '*' }]);
      const pseudo = await rows("SELECT id FROM chat WHERE user_id LIKE 'shared-%'");
      expect(pseudo).toEqual([]);
    });

    it('4de81c2a3af1 turns pinned notes into pinned_note rows', async () => {
      const pins = await rows('SELECT user_id, note_id FROM pinned_note');
      expect(pins).toEqual([{ user_id: 'u1', note_id: 'n1' }]);
    });

    it('3ff2c63645b8 splits the config blob into one row per storage key', async () => {
      const config = await rows(`SELECT "key", ${text('value')} FROM config ORDER BY "key"`);
      expect(config).toEqual([
        { key: 'custom.thing', value: '1' },
        { key: 'openai.api_keys', value: '["sk-k"]' },
        { key: 'rag.ollama.base_url', value: '"http://ollama:11434"' },
        { key: 'ui.banners', value: '[]' },
        { key: 'ui.enable_signup', value: 'true' },
      ]);
      expect(await rows('SELECT id FROM config_old')).toHaveLength(1);
    });

    it('9a1b2c3d4e5f sets current_message_id from history.currentId, else the newest leaf', async () => {
      const chats = await rows(
        "SELECT id, current_message_id FROM chat WHERE id IN ('c1', 'c2', 'c3') ORDER BY id",
      );
      expect(chats).toEqual([
        { id: 'c1', current_message_id: 'm3' },
        { id: 'c2', current_message_id: null },
        // Leaves b (…01) and d (timestamp unusable in the chat_message table: now) — d is newest.
        { id: 'c3', current_message_id: 'd' },
      ]);
    });

    it('b7c8d9e0f1a2 sets last_read_at to updated_at', async () => {
      const chats = await rows('SELECT id, last_read_at, updated_at FROM chat ORDER BY id');
      for (const chat of chats) expect(Number(chat.last_read_at)).toBe(Number(chat.updated_at));
    });
  },
  ['sqlite', 'postgresql'],
);
