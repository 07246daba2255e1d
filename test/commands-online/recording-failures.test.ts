import { join } from 'node:path';
import { expect, it } from 'vitest';
import { current } from '../../src/commands/current.js';
import { upgrade } from '../../src/commands/upgrade.js';
import { RecordingFailedError, RevisionIdTooLongError, TableShapeError } from '../../src/runtime/errors.js';
import type { RunEvent } from '../../src/runtime/events.js';
import { cli } from '../commands/run-cli.js';
import { withSession } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';
import { scenarios } from './support.js';

const LONG_ID = 'abcdefghij'.repeat(4);

/** The user tables and the rows of the tables ambix and the revisions write: what "unchanged" means. */
async function snapshot(url: string): Promise<Record<string, readonly unknown[]>> {
  return withSession(url, async (session) => {
    const tables =
      session.spec.dialect === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        : session.spec.dialect === 'postgresql'
          ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
          : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1';
    const names = (await session.execute(tables)).rows.map((row) => String(row.name));
    const result: Record<string, readonly unknown[]> = {};
    for (const name of names) result[name] = (await session.execute(`SELECT * FROM ${name}`)).rows;
    return result;
  });
}

const HISTORY_COLUMNS =
  'id INTEGER, revision VARCHAR(64), direction VARCHAR(16), started_at VARCHAR(32), duration_ms INTEGER, ' +
  'host VARCHAR(255), user_name VARCHAR(255), ambix_version VARCHAR(32), checksum VARCHAR(64)';

describeEachDialect('failures while recording what ran', (dialect) => {
  const scenario = scenarios(dialect);
  const REVISIONS = [
    { id: 'rec00001', upgradeSql: ['CREATE TABLE first_table (id INTEGER)'] },
    { id: 'rec00002', down: 'rec00001', upgradeSql: ['CREATE TABLE second_table (id INTEGER)'] },
  ];

  it('a history row the database refuses is a typed error naming the table, revision and statement; no step is reported done', async () => {
    const s = await scenario(REVISIONS);
    // Readable as history, but every insert fails: a column ambix does not fill.
    await withSession(s.db.url, (session) =>
      session.execute(`CREATE TABLE ambix_history (${HISTORY_COLUMNS}, extra INTEGER NOT NULL)`),
    );
    const events: RunEvent[] = [];
    const error = await upgrade({ ...s.options, target: 'head', onEvent: (e) => events.push(e) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RecordingFailedError);
    const failure = error as RecordingFailedError;
    expect(failure.table).toBe('ambix_history');
    expect(failure.revisions[0]).toBe('rec00001');
    expect(failure.statement).toMatch(/^INSERT INTO ambix_history /);
    expect(failure.message).toMatch(/extra/);
    expect(failure.exitCode).toBe(1);
    expect(failure.heads).toEqual([]);
    expect(await s.rows()).toEqual(dialect === 'mysql' ? [] : null);
    expect(events.filter((e) => e.type === 'step-done' && e.committed)).toEqual([]);
    expect(events.some((e) => e.type === 'done')).toBe(false);
    // MySQL/MariaDB committed the first revision's CREATE TABLE implicitly; the report says so.
    const tables = Object.keys(await snapshot(s.db.url));
    expect(tables.includes('first_table')).toBe(dialect === 'mysql');
    expect(failure.message).toMatch(
      dialect === 'mysql' ? /DDL of revision rec00001 stays applied/ : /Nothing of/,
    );
  });

  it('the CLI prints the recording failure without a stack trace and exits 1', async () => {
    const s = await scenario(REVISIONS);
    await withSession(s.db.url, (session) =>
      session.execute(`CREATE TABLE ambix_history (${HISTORY_COLUMNS}, extra INTEGER NOT NULL)`),
    );
    const run = await cli(['upgrade', 'head', '--url', s.db.url], { cwd: s.project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: Could not write the history row/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toMatch(/done in/);
  });

  it('a version row the database refuses is a typed error naming the version table and statement', async () => {
    const s = await scenario(REVISIONS);
    // Alembic's table with a CHECK no id passes: reading works, the insert cannot.
    await withSession(s.db.url, (session) =>
      session.execute(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY, CHECK (version_num = 'x'))",
      ),
    );
    const before = await snapshot(s.db.url);
    const error = await upgrade({ ...s.options, target: 'rec00001' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordingFailedError);
    const failure = error as RecordingFailedError;
    expect(failure.table).toBe('alembic_version');
    expect(failure.revisions).toEqual(['rec00001']);
    expect(failure.statement).toMatch(/^INSERT INTO alembic_version \(version_num\)/);
    expect(failure.heads).toEqual([]);
    if (dialect !== 'mysql') expect(await snapshot(s.db.url)).toEqual(before);
  });

  it('a revision id longer than the version column fails before anything runs, naming the file', async () => {
    const s = await scenario([{ id: LONG_ID, upgradeSql: ['CREATE TABLE long_table (id INTEGER)'] }]);
    const before = await snapshot(s.db.url);
    const error = await upgrade({ ...s.options, target: 'head' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RevisionIdTooLongError);
    const failure = error as RevisionIdTooLongError;
    expect(failure.path).toBe(join(s.project.migrations, `${LONG_ID}.ts`));
    expect(failure.width).toBe(32);
    expect(failure.message).toContain(join(s.project.migrations, `${LONG_ID}.ts`));
    expect(await snapshot(s.db.url)).toEqual(before);
    expect(await s.ran()).toEqual([]);
  });

  it('a revision id fits a version column that was widened', async () => {
    const s = await scenario([{ id: LONG_ID }]);
    await withSession(s.db.url, (session) =>
      session.execute('CREATE TABLE alembic_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY)'),
    );
    await upgrade({ ...s.options, target: 'head' });
    expect(await s.rows()).toEqual([LONG_ID]);
  });

  it.each(['upgrade', 'current'] as const)(
    'a version table of another shape is a TableShapeError listing its columns (%s); nothing changes',
    async (command) => {
      const s = await scenario(REVISIONS);
      await withSession(s.db.url, (session) => session.execute('CREATE TABLE alembic_version (id INTEGER)'));
      const before = await snapshot(s.db.url);
      const run =
        command === 'upgrade' ? upgrade({ ...s.options, target: 'head' }) : current({ ...s.options });
      const error = await run.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TableShapeError);
      expect((error as TableShapeError).table).toBe('alembic_version');
      expect((error as TableShapeError).found.map((column) => column.name)).toEqual(['id']);
      expect((error as Error).message).toMatch(/version_num VARCHAR\(32\)/);
      expect(await snapshot(s.db.url)).toEqual(before);
    },
  );

  it.each([['upgrade', 'head'], ['log']])(
    'a history table of another shape is a TableShapeError from the CLI, without a stack trace (%s)',
    async (...argv) => {
      const s = await scenario(REVISIONS);
      await withSession(s.db.url, (session) => session.execute('CREATE TABLE ambix_history (x INTEGER)'));
      const before = await snapshot(s.db.url);
      const run = await cli([...argv, '--url', s.db.url, '--json'], { cwd: s.project.dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/The table 'ambix_history' .* does not have the shape/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toContain('"code":"TABLE_SHAPE"');
      expect(await snapshot(s.db.url)).toEqual(before);
    },
  );
});
