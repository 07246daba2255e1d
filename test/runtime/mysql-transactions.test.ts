import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Session } from '../../src/runtime/session.js';
import { TransactionControl } from '../../src/runtime/transaction.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { withSession } from './support.js';

/** Runs `work` on a session whose statements (the runtime's own included) are listed in order. */
async function recording(db: TestDatabase, work: (session: Session) => Promise<void>): Promise<string[]> {
  const sent: string[] = [];
  await withSession(db.url, async (session) => {
    session.listen(({ sql }) => sent.push(sql));
    await work(session);
  });
  return sent;
}

const writeVersion = (session: Session) => async (records: readonly string[]) => {
  for (const id of records) await session.execute(`INSERT INTO v (num) VALUES ('${id}')`);
};

describeEachDialect(
  'MySQL/MariaDB transactions around DDL',
  (dialect) => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await createTestDatabase(dialect);
      await withSession(db.url, (session) => session.execute('CREATE TABLE v (num VARCHAR(32))'));
    });
    afterEach(async () => {
      await db.drop();
    });

    it('a migration of DDL only begins a transaction just for its version row: no START that DDL commits at once', async () => {
      const sent = await recording(db, async (session) => {
        const control = await TransactionControl.open(session, 'per-migration', writeVersion(session));
        await control.beginStep();
        await session.execute('CREATE TABLE t1 (id INTEGER)');
        await session.execute('CREATE INDEX ix_t1 ON t1 (id)');
        await control.completeStep('r1');
        await control.close();
      });
      expect(sent).toEqual([
        'CREATE TABLE t1 (id INTEGER)',
        'CREATE INDEX ix_t1 ON t1 (id)',
        'START TRANSACTION',
        "INSERT INTO v (num) VALUES ('r1')",
        'COMMIT',
      ]);
    });

    it('rows written after a DDL statement still roll back with the failed migration', async () => {
      await withSession(db.url, async (session) => {
        const control = await TransactionControl.open(session, 'per-migration', writeVersion(session));
        await control.beginStep();
        await session.execute('CREATE TABLE t1 (id INTEGER)');
        await session.execute('INSERT INTO t1 VALUES (1)');
        await control.abandon();
        await control.close();
        const { rows } = await session.execute('SELECT COUNT(*) AS n FROM t1');
        expect(Number(rows[0]?.n)).toBe(0);
      });
    });
  },
  ['mysql'],
);
