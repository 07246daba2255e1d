/**
 * The example's data migrations export verify(op): `doctor` reruns them on a database upgraded to
 * head and names the one whose post-condition no longer holds.
 */
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { doctor } from '../../src/commands/doctor.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { EXAMPLE_DIR, upgradeTo } from './support/project.js';
import { type AnyKysely, connect } from './support/reflect.js';
import { BRANCHED_CHAT, LEAF_CHAT } from './support/seed.js';

describeEachDialect(
  'Open WebUI verify functions, run by doctor',
  (dialect) => {
    let database: TestDatabase;
    let db: AnyKysely;

    const run = (sql: string) => db.executeQuery(CompiledQuery.raw(sql));
    const verifyFindings = async () =>
      (await doctor({ cwd: EXAMPLE_DIR, url: database.url })).findings
        .filter((finding) => finding.check === 'verify')
        .map((finding) => finding.message);

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      db = connect(database);
      await upgradeTo(database.url, 'c0fbf31ca0db');
      const archived = dialect === 'sqlite' ? 0 : false;
      await db
        .insertInto('user')
        .values({ id: 'u1', name: 'Ada', email: 'ada@example.org', role: 'admin' })
        .execute();
      await db
        .insertInto('chat')
        .values([
          { id: 'c1', user_id: 'u1', title: 'Trip', chat: JSON.stringify(BRANCHED_CHAT), archived },
          { id: 'c3', user_id: 'u1', title: 'Leaves', chat: JSON.stringify(LEAF_CHAT), archived },
          { id: 'tok', user_id: 'shared-c1', title: 'Trip', chat: JSON.stringify(BRANCHED_CHAT), archived },
        ])
        .execute();
      // Each verify also runs inside the upgrade: reaching head means they all held.
      await upgradeTo(database.url, 'head');
    }, 180_000);
    afterAll(async () => {
      await db?.destroy();
      await database?.drop();
    });

    it('a database upgraded to head passes every verify', async () => {
      expect(await verifyFindings()).toEqual([]);
    });

    it('a chat message missing from chat_message fails 8452d01d26d7 verify, naming the message', async () => {
      await run("DELETE FROM chat_message WHERE id = 'c3-b'");
      try {
        const [finding, ...others] = await verifyFindings();
        expect(others).toEqual([]);
        expect(finding).toMatch(
          /^Revision 8452d01d26d7 is applied but its verify\(\) fails \(.*8452d01d26d7_add_chat_message_table\.ts\): /,
        );
        expect(finding).toContain(
          'chat_message lacks 1 of the 7 messages in chat histories (first: c3-b); copy them from chat.chat, ' +
            'or restore the backup taken before 8452d01d26d7 and upgrade again',
        );
      } finally {
        await run(
          "INSERT INTO chat_message (id, chat_id, user_id, role, created_at, updated_at) VALUES ('c3-b', 'c3', 'u1', 'assistant', 1, 1)",
        );
      }
      expect(await verifyFindings()).toEqual([]);
    });

    it('a shared-link pseudo-chat left in chat fails c1d2e3f4a5b6 verify', async () => {
      await run(
        "INSERT INTO chat (id, user_id, title, chat, created_at, updated_at, archived) VALUES ('tok2', 'shared-c1', 'Trip', '{}', 1, 1, " +
          (dialect === 'sqlite' ? '0' : 'false') +
          ')',
      );
      try {
        const findings = await verifyFindings();
        expect(findings).toHaveLength(1);
        expect(findings[0]).toContain('Revision c1d2e3f4a5b6 is applied but its verify() fails');
        expect(findings[0]).toContain('chat still holds shared-link pseudo-chats (tok2)');
      } finally {
        await run("DELETE FROM chat WHERE id = 'tok2'");
      }
    });

    it('a chat with messages but no current message fails 9a1b2c3d4e5f verify, naming the chat', async () => {
      const before = await db
        .selectFrom('chat')
        .select('current_message_id')
        .where('id', '=', 'c1')
        .executeTakeFirstOrThrow();
      expect(before.current_message_id).toBeTruthy();
      await run("UPDATE chat SET current_message_id = NULL WHERE id = 'c1'");
      try {
        const findings = await verifyFindings();
        expect(findings).toHaveLength(1);
        expect(findings[0]).toContain('Revision 9a1b2c3d4e5f is applied but its verify() fails');
        expect(findings[0]).toContain('1 chat(s) with messages have no current_message_id (first: c1)');
      } finally {
        await db
          .updateTable('chat')
          .set({ current_message_id: before.current_message_id })
          .where('id', '=', 'c1')
          .execute();
      }
      expect(await verifyFindings()).toEqual([]);
    });
  },
  ['sqlite', 'postgresql'],
);
