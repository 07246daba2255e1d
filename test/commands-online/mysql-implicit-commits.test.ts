import { expect, it } from 'vitest';
import { upgrade } from '../../src/commands/upgrade.js';
import { causesImplicitCommit } from '../../src/dialects/mysql/implicit-commit.js';
import { MigrationFailedError } from '../../src/runtime/errors.js';
import { withSession } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';
import { scenarios } from './support.js';

/**
 * Each revision logs itself in `ran_log`, then runs `sql`; the last statement fails. The report's
 * committed statements must be exactly what the database kept: the log row is there exactly
 * when its INSERT is reported committed, and so are the rows of `kept`.
 */
const CASES: readonly { name: string; sql: string[]; committed: string[] }[] = [
  {
    name: 'a failing ALTER TABLE commits everything before it (MariaDB commits as the DDL starts)',
    sql: [
      'CREATE TABLE kept (id INTEGER)',
      'INSERT INTO kept VALUES (1)',
      'ALTER TABLE nosuch ADD COLUMN x INTEGER',
    ],
    committed: ['CREATE TABLE kept (id INTEGER)', 'INSERT INTO kept VALUES (1)'],
  },
  {
    name: 'a failing CREATE INDEX and a failing DROP TABLE commit too',
    sql: ['CREATE TABLE kept (id INTEGER)', 'INSERT INTO kept VALUES (1)', 'CREATE INDEX ix ON nosuch (x)'],
    committed: ['CREATE TABLE kept (id INTEGER)', 'INSERT INTO kept VALUES (1)'],
  },
  {
    name: 'a failing INSERT commits nothing: the rows since the last DDL roll back',
    sql: ['CREATE TABLE kept (id INTEGER)', 'INSERT INTO kept VALUES (1)', 'INSERT INTO nosuch VALUES (1)'],
    committed: ['CREATE TABLE kept (id INTEGER)'],
  },
  {
    name: 'DDL the server cannot parse commits nothing',
    sql: ['CREATE TABLE kept (id INTEGER)', 'INSERT INTO kept VALUES (1)', 'ALTER TABL kept ADD x INTEGER'],
    committed: ['CREATE TABLE kept (id INTEGER)'],
  },
  {
    name: 'a temporary table commits nothing',
    sql: [
      'CREATE TABLE kept (id INTEGER)',
      'INSERT INTO kept VALUES (1)',
      'CREATE TEMPORARY TABLE scratch (id INTEGER)',
      'INSERT INTO nosuch VALUES (1)',
    ],
    committed: ['CREATE TABLE kept (id INTEGER)'],
  },
  {
    name: 'ANALYZE TABLE commits what came before it',
    sql: [
      'CREATE TABLE kept (id INTEGER)',
      'INSERT INTO kept VALUES (1)',
      'ANALYZE TABLE kept',
      'INSERT INTO nosuch VALUES (1)',
    ],
    committed: ['CREATE TABLE kept (id INTEGER)', 'INSERT INTO kept VALUES (1)', 'ANALYZE TABLE kept'],
  },
];

describeEachDialect(
  'what MySQL/MariaDB keep of a failed revision',
  (dialect) => {
    const scenario = scenarios(dialect);

    it.each(CASES)('$name, and the report says exactly that', async ({ sql, committed }) => {
      const s = await scenario([{ id: 'keep0001' }, { id: 'keep0002', down: 'keep0001', upgradeSql: sql }]);
      const error = await upgrade({ ...s.options, target: 'head' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationFailedError);
      const failure = error as MigrationFailedError;
      const reported = failure.executed.filter((x) => x.committed).map((x) => x.sql);
      const log = "INSERT INTO ran_log (entry) VALUES ('upgrade keep0002')";
      const logKept = (await s.ran()).includes('upgrade keep0002');
      // The revision's own log row is its first statement: kept exactly when reported kept.
      expect(reported.includes(log)).toBe(logKept);
      expect(reported.filter((statement) => statement !== log)).toEqual(committed);
      const rows = await withSession(s.db.url, async (session) =>
        session.execute('SELECT COUNT(*) AS n FROM kept').then(
          (result) => Number(result.rows[0]?.n),
          () => null,
        ),
      );
      expect(rows).toBe(committed.includes('INSERT INTO kept VALUES (1)') ? 1 : 0);
      expect(await s.rows()).toEqual(['keep0001']);
      // The message lists them, one per line.
      for (const statement of committed) expect(failure.message).toContain(`\n  ${statement}`);
    });
  },
  ['mysql'],
);

it.each([
  ['CREATE TABLE t (id INT)', true],
  ['  -- why\n  ALTER TABLE t ADD x INT', true],
  ['CREATE TEMPORARY TABLE t (id INT)', false],
  ['DROP TEMPORARY TABLE t', false],
  ['GRANT SELECT ON t TO u', true],
  ['LOCK TABLES t WRITE', true],
  ['SET autocommit = 1', true],
  ['OPTIMIZE TABLE t', true],
  ['INSERT INTO t VALUES (1)', false],
  ['UPDATE t SET x = 1', false],
] as const)('%j commits implicitly on MySQL/MariaDB: %s', (sql, expected) => {
  expect(causesImplicitCommit(sql)).toBe(expected);
});
