import { describe, expect, it } from 'vitest';
import { StatementRecord } from '../../src/runtime/statement-record.js';

const inTransaction = () => new StatementRecord({ autocommit: false, implicitDdlCommit: false });

describe('the statement record of a migration step', () => {
  it('blames the statement whose database error the migration failed with, through wrappers', () => {
    const record = inTransaction();
    const databaseError = new Error('no such table: missing');
    record.record('INSERT INTO missing VALUES (1)', databaseError);
    const wrapped = new Error('addColumn(missing.x) failed', { cause: databaseError });
    expect(record.failedStatementFor(wrapped)).toBe('INSERT INTO missing VALUES (1)');
  });

  it('does not blame a failed statement the revision recovered from', () => {
    const record = inTransaction();
    record.record('INSERT INTO t VALUES (1)', new Error('UNIQUE constraint failed'));
    record.record('SELECT 1', null);
    const laterDatabaseError = new Error('no such column: y');
    record.record('UPDATE t SET y = 1', laterDatabaseError);
    expect(record.failedStatementFor(laterDatabaseError)).toBe('UPDATE t SET y = 1');
    expect(record.failedStatementFor(new TypeError('the revision code itself threw'))).toBeNull();
  });

  it('keeps memory bounded: only the most recent statements, each shortened', () => {
    const record = inTransaction();
    const huge = `INSERT INTO chat_message VALUES ('${'x'.repeat(50_000)}')`;
    for (let i = 0; i < 10_000; i++) record.record(huge, null);
    const executed = record.executed();
    expect(executed.length).toBeLessThanOrEqual(400);
    expect(executed[0]!.sql.length).toBeLessThan(2_100);
    expect(record.omittedCount).toBe(10_000 - executed.length);
  });

  it('still knows which kept statements were committed after older ones were let go', () => {
    const record = new StatementRecord({ autocommit: false, implicitDdlCommit: true });
    for (let i = 0; i < 1_000; i++) record.record(`INSERT INTO t VALUES (${i})`, null);
    record.record('CREATE TABLE u (id INTEGER)', null);
    record.record('INSERT INTO u VALUES (1)', null);
    const executed = record.executed();
    expect(executed.at(-2)).toEqual({ sql: 'CREATE TABLE u (id INTEGER)', committed: true });
    expect(executed.at(-1)).toEqual({ sql: 'INSERT INTO u VALUES (1)', committed: false });
  });
});
