/**
 * Data fidelity: every row Alembic keeps, ambix keeps, with the same values. Each test seeds the
 * rows that once differed at the revision before the one that moves them, upgrades, and compares
 * with what upstream's script produces (spec/openwebui/revisions.md), row by row.
 */
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { upgradeTo } from './support/project.js';
import { type AnyKysely, connect } from './support/reflect.js';

describeEachDialect(
  'Open WebUI data fidelity',
  (dialect) => {
    let database: TestDatabase;
    let db: AnyKysely;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      db = connect(database);
    });
    afterEach(async () => {
      await db.destroy();
      await database.drop();
    });

    async function rows(sql: string): Promise<Record<string, unknown>[]> {
      return (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sql))).rows;
    }
    /** A JSON column as its stored text, so the exact encoding is compared. */
    const text = (column: string) => `CAST(${column} AS TEXT) AS ${column}`;
    /** Upgrades to `target` and returns the notes the revisions' progress counters ended with. */
    async function progressNotesOf(target: string): Promise<string> {
      const notes: string[] = [];
      await upgradeTo(database.url, target, (event) => {
        if (event.type === 'progress' && event.note !== null) notes.push(`${event.label}: ${event.note}`);
      });
      return notes.join('\n');
    }
    const insert = (table: string, values: Record<string, unknown>[]) =>
      db.insertInto(table).values(values).execute();
    /** A chat row of the JSON-typed chat table (374d2f66af06 … e1f2a3b4c5d6). */
    const chat = (id: string, userId: string, value: unknown, extra: Record<string, unknown> = {}) => ({
      id,
      user_id: userId,
      title: id,
      chat: typeof value === 'string' ? value : JSON.stringify(value),
      meta: '{}',
      created_at: 1700000000,
      updated_at: 1700000000,
      ...extra,
    });

    it('242a2047eae0 keeps integers of any size, 1.0 and key order exactly as Python re-encodes them', async () => {
      await upgradeTo(database.url, '6a39f3d8e55c');
      const stored =
        '{"b": 9007199254740993, "a": 123456789012345678901234567890, "f": 1.0, "2": 1, "1": -0}';
      await insert('chat', [{ id: 'c1', user_id: 'u1', title: 't', chat: stored }]);
      await upgradeTo(database.url, '242a2047eae0');
      const [row] = await rows(`SELECT ${text('chat')} FROM chat`);
      // json.dumps(json.loads(stored)): ints exact, the float stays 1.0, -0 is the int 0.
      expect(row?.chat).toBe(
        '{"b": 9007199254740993, "a": 123456789012345678901234567890, "f": 1.0, "2": 1, "1": 0}',
      );
    });

    it('8452d01d26d7 copies message usage with its large integers exact', async () => {
      await upgradeTo(database.url, '374d2f66af06');
      const value =
        '{"history": {"messages": {"m1": {"role": "assistant", "timestamp": 1717000000, ' +
        '"usage": {"total_tokens": 9007199254740993, "cost": 123456789012345678901234567890, "rate": 2.50}}}}}';
      await insert('chat', [chat('c1', 'u1', value)]);
      await upgradeTo(database.url, '8452d01d26d7');
      const [row] = await rows(`SELECT id, ${text('usage')} FROM chat_message`);
      expect(row).toEqual({
        id: 'c1-m1',
        usage: '{"total_tokens": 9007199254740993, "cost": 123456789012345678901234567890, "rate": 2.5}',
      });
    });

    if (dialect === 'sqlite') {
      it('242a2047eae0 keeps a chat holding NaN and infinities, as Python json does', async () => {
        await upgradeTo(database.url, '6a39f3d8e55c');
        const stored = '{"score": NaN, "high": Infinity, "low": -Infinity, "title": "kept"}';
        await insert('chat', [{ id: 'c1', user_id: 'u1', title: 't', chat: stored }]);
        await upgradeTo(database.url, '242a2047eae0');
        const [row] = await rows(`SELECT ${text('chat')} FROM chat`);
        expect(row?.chat).toBe('{"score": NaN, "high": Infinity, "low": -Infinity, "title": "kept"}');
      });
    } else {
      it('242a2047eae0 stops on a chat holding NaN, which a PostgreSQL JSON column cannot store (as upstream)', async () => {
        await upgradeTo(database.url, '6a39f3d8e55c');
        await insert('chat', [{ id: 'c1', user_id: 'u1', title: 't', chat: '{"score": NaN}' }]);
        await expect(upgradeTo(database.url, '242a2047eae0')).rejects.toThrow(/chat c1.*NaN/s);
        const [row] = await rows('SELECT chat FROM chat');
        expect(row?.chat).toBe('{"score": NaN}');
      });
    }

    it('1af9b942657b renames the tag read first in storage order and deletes the rest, as upstream', async () => {
      await upgradeTo(database.url, '242a2047eae0');
      // Storage order differs from key order: upstream reads without ORDER BY.
      await insert('tag', [
        { id: 'Zeta', name: 'Travel Plans', user_id: 'u2' },
        { id: 'Alpha', name: 'travel plans', user_id: 'u1' },
        { id: 'music', name: 'music', user_id: 'u1' },
        { id: 'Pinned', name: 'pinned', user_id: 'u1' },
      ]);
      await upgradeTo(database.url, '1af9b942657b');
      // "music" is already normalised: upstream's existence check finds the tag itself and deletes it.
      expect(await rows('SELECT id, name, user_id FROM tag ORDER BY id')).toEqual([
        { id: 'travel_plans', name: 'Travel Plans', user_id: 'u2' },
      ]);
    });

    it('8452d01d26d7 keeps the message of the chat stored first when two message ids collide', async () => {
      await upgradeTo(database.url, '374d2f66af06');
      const withMessage = (mid: string, content: string) => ({
        history: { messages: { [mid]: { role: 'user', content, timestamp: 1717000000 } } },
      });
      // Both yield the id "x-y-z"; "x-y" is stored first, "x" sorts first.
      await insert('chat', [chat('x-y', 'u1', withMessage('z', 'from x-y'))]);
      await insert('chat', [chat('x', 'u1', withMessage('y-z', 'from x'))]);
      await upgradeTo(database.url, '8452d01d26d7');
      expect(await rows(`SELECT id, chat_id, ${text('content')} FROM chat_message`)).toEqual([
        { id: 'x-y-z', chat_id: 'x-y', content: '"from x-y"' },
      ]);
    });

    it('c1d2e3f4a5b6 dates the public grant from the share stored first when a chat was shared twice', async () => {
      await upgradeTo(database.url, 'e1f2a3b4c5d6');
      await insert('chat', [chat('orig', 'u1', {})]);
      await insert('chat', [chat('tok-b', 'shared-orig', { title: 'b' }, { created_at: 200 })]);
      await insert('chat', [chat('tok-a', 'shared-orig', { title: 'a' }, { created_at: 100 })]);
      await upgradeTo(database.url, 'c1d2e3f4a5b6');
      const grants = await rows(
        'SELECT resource_type, resource_id, principal_type, principal_id, permission, created_at FROM access_grant',
      );
      expect(grants.map((grant) => ({ ...grant, created_at: Number(grant.created_at) }))).toEqual([
        {
          resource_type: 'shared_chat',
          resource_id: 'orig',
          principal_type: 'user',
          principal_id: '*',
          permission: 'read',
          created_at: 200,
        },
      ]);
      expect(await rows('SELECT id, chat_id FROM shared_chat ORDER BY id')).toEqual([
        { id: 'tok-a', chat_id: 'orig' },
        { id: 'tok-b', chat_id: 'orig' },
      ]);
    });

    it('374d2f66af06 keeps the prompt stored first when two commands differ only by the leading slash', async () => {
      await upgradeTo(database.url, 'c440947495f3');
      const prompt = (command: string, title: string) => ({
        command,
        user_id: 'u1',
        title,
        content: title,
        timestamp: 1700000000,
      });
      // Upstream's unique index on the stripped command fails the revision here; "x" is stored first.
      await insert('prompt', [prompt('x', 'stored first'), prompt('/x', 'sorts first')]);
      await upgradeTo(database.url, '374d2f66af06');
      expect(await rows('SELECT command, name FROM prompt')).toEqual([
        { command: 'x', name: 'stored first' },
      ]);
    });

    it('4ace53fd72c8 converts timestamps at full precision, rounding as PostgreSQL does', async () => {
      await upgradeTo(database.url, 'af906e964978');
      await insert('folder', [
        {
          id: 'f1',
          user_id: 'u1',
          name: 'below half',
          is_expanded: dialect === 'sqlite' ? 0 : false,
          created_at: '2024-10-23 03:00:00.499999',
          updated_at: '2024-10-23 03:00:00.5',
        },
        {
          id: 'f2',
          user_id: 'u1',
          name: 'whole and before 1970',
          is_expanded: dialect === 'sqlite' ? 0 : false,
          created_at: '2024-10-23 03:00:00',
          updated_at: '1969-12-31 23:59:59.5',
        },
      ]);
      await upgradeTo(database.url, '4ace53fd72c8');
      const folders = await rows('SELECT id, created_at, updated_at FROM folder ORDER BY id');
      expect(folders.map((f) => [f.id, Number(f.created_at), Number(f.updated_at)])).toEqual([
        ['f1', 1729652400, 1729652401],
        ['f2', 1729652400, -1],
      ]);
    });

    it('37f288994c47 skips a user_ids entry naming a deleted user, as the foreign key would', async () => {
      await upgradeTo(database.url, 'a5c220713937');
      await insert('user', [{ id: 'u1', name: 'Ann', email: 'ann@example.org', role: 'user' }]);
      await insert('group', [{ id: 'g1', user_id: 'u1', name: 'team', user_ids: '["u1", "gone"]' }]);
      const progress = await progressNotesOf('37f288994c47');
      expect(progress).toContain('skipped 1 id(s) naming no user');
      expect(await rows('SELECT group_id, user_id FROM group_member')).toEqual([
        { group_id: 'g1', user_id: 'u1' },
      ]);
    });

    it('c1d2e3f4a5b6 removes the chat_file rows of deleted pseudo-chats, as ON DELETE CASCADE does', async () => {
      await upgradeTo(database.url, 'e1f2a3b4c5d6');
      await insert('chat', [chat('orig', 'u1', {}), chat('tok', 'shared-orig', {})]);
      await insert('file', [{ id: 'f1', user_id: 'u1', filename: 'a.txt' }]);
      const link = (id: string, chatId: string) => ({
        id,
        user_id: 'u1',
        chat_id: chatId,
        file_id: 'f1',
        created_at: 1,
        updated_at: 1,
      });
      await insert('chat_file', [link('cf-orig', 'orig'), link('cf-tok', 'tok')]);
      const progress = await progressNotesOf('c1d2e3f4a5b6');
      expect(progress).toContain('removed with the pseudo-chats (ON DELETE CASCADE): 1 chat_file row(s)');
      expect(await rows('SELECT id, chat_id FROM chat_file')).toEqual([{ id: 'cf-orig', chat_id: 'orig' }]);
      expect(await rows('SELECT id FROM chat')).toEqual([{ id: 'orig' }]);
    });
  },
  ['sqlite', 'postgresql'],
);
