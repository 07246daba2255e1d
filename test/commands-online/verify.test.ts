import { expect, it } from 'vitest';
import { doctor } from '../../src/commands/doctor.js';
import { upgrade } from '../../src/commands/upgrade.js';
import { MigrationFailedError } from '../../src/runtime/errors.js';
import { withSession } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';
import type { RevisionSpec } from './project-fixture.js';
import { scenarios } from './support.js';

/** Two messages to copy, and the table a backfill copies them into. */
const TABLES: RevisionSpec = {
  id: 'tabl0001',
  upgradeSql: [
    'CREATE TABLE message (id INTEGER PRIMARY KEY, body VARCHAR(50))',
    "INSERT INTO message VALUES (1, 'hello'), (2, 'world')",
    'CREATE TABLE chat_message (id INTEGER PRIMARY KEY, body VARCHAR(50))',
  ],
};

/** Every message must be in chat_message once the backfill has run. */
const VERIFY = `  const copied = Number((await op.execute('SELECT COUNT(*) AS n FROM chat_message')).rows[0].n);
  const total = Number((await op.execute('SELECT COUNT(*) AS n FROM message')).rows[0].n);
  if (copied !== total) throw new Error(\`chat_message holds \${copied} of \${total} messages\`);`;

const BACKFILL: RevisionSpec = {
  id: 'fill0002',
  down: 'tabl0001',
  upgradeSql: ['INSERT INTO chat_message SELECT id, body FROM message'],
  verifyCode: VERIFY,
};

/** Copies only the first message: the half-done backfill verify() is there to catch. */
const HALF_BACKFILL: RevisionSpec = {
  ...BACKFILL,
  upgradeSql: ['INSERT INTO chat_message SELECT id, body FROM message WHERE id = 1'],
};

async function copiedRows(url: string): Promise<number> {
  return withSession(
    url,
    async (session) => (await session.execute('SELECT id FROM chat_message', [])).rows.length,
  );
}

describeEachDialect('a revision that exports verify(op)', (dialect) => {
  const scenario = scenarios(dialect);

  it('runs verify after upgrade and records the revision when it holds', async () => {
    const s = await scenario([TABLES, BACKFILL]);
    await upgrade({ ...s.options, target: 'head' });
    expect(await s.rows()).toEqual(['fill0002']);
    expect(await copiedRows(s.db.url)).toBe(2);
  });

  it('fails the migration naming verify when it throws, and rolls the upgrade back', async () => {
    const s = await scenario([TABLES, HALF_BACKFILL]);
    await upgrade({ ...s.options, target: 'tabl0001' });

    const error = await upgrade({ ...s.options, target: 'head' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationFailedError);
    const failure = error as MigrationFailedError;
    expect(failure.revision).toBe('fill0002');
    expect(failure.databaseError).toBe(
      'verify() of revision fill0002 failed: chat_message holds 1 of 2 messages',
    );
    expect(failure.message.split('\n').at(-1)).toBe(
      'The version table is at tabl0001; fix the revision and rerun.',
    );
    expect(await s.rows()).toEqual(['tabl0001']);
    expect(await copiedRows(s.db.url)).toBe(0);
  });

  it('doctor runs verify of every applied revision and reports the one that fails, changing nothing', async () => {
    const s = await scenario([TABLES, BACKFILL]);
    await upgrade({ ...s.options, target: 'head' });
    const healthy = await doctor(s.options);
    expect(healthy.findings.filter((finding) => finding.check === 'verify')).toEqual([]);

    await withSession(s.db.url, (session) => session.execute('DELETE FROM chat_message WHERE id = 2', []));
    const result = await doctor(s.options);

    expect(result.healthy).toBe(false);
    expect(result.findings.filter((finding) => finding.check === 'verify')).toEqual([
      {
        check: 'verify',
        severity: 'error',
        message: `Revision fill0002 is applied but its verify() fails (${s.project.migrations}/fill0002.ts): chat_message holds 1 of 2 messages`,
        fix:
          'complete by hand what the upgrade of fill0002 should have left (its verify() says what is missing), ' +
          'for instance from a backup, then run `ambix doctor` again',
      },
    ]);
    expect(await copiedRows(s.db.url)).toBe(1);
  });

  it('doctor reports a verify that tries to write, and the write does not happen', async () => {
    const writing: RevisionSpec = {
      ...BACKFILL,
      verifyCode: "  await op.execute('DELETE FROM chat_message');",
    };
    const s = await scenario([TABLES, writing]);
    await upgrade({ ...s.options, target: 'head' });
    await withSession(s.db.url, (session) => session.execute("INSERT INTO chat_message VALUES (3, 'x')", []));
    const before = await copiedRows(s.db.url);

    const result = await doctor(s.options);

    expect(result.findings.find((finding) => finding.check === 'verify')?.message).toContain(
      'verify() may only read, but it ran: DELETE FROM chat_message',
    );
    expect(before).toBe(1);
    expect(await copiedRows(s.db.url)).toBe(before);
  });
});
