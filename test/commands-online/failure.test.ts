import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { migrate } from '../../src/commands/migrate.js';
import { upgrade } from '../../src/commands/upgrade.js';
import { LockTimeoutError, MigrationFailedError } from '../../src/runtime/errors.js';
import type { RunEvent } from '../../src/runtime/events.js';
import { DEFAULT_VERSION_TABLE } from '../../src/runtime/version-table.js';
import { openSession, tableExists } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';
import type { RevisionSpec } from './project-fixture.js';
import { scenarios } from './support.js';
import { buildWorker, startWorker } from './worker.js';

let worker: string;
beforeAll(async () => {
  worker = await buildWorker();
});

const GOOD: RevisionSpec[] = [
  { id: 'good0001', upgradeSql: ['CREATE TABLE first_table (id INTEGER)'] },
  { id: 'good0002', down: 'good0001' },
];
const BROKEN: RevisionSpec = {
  id: 'bad00003',
  down: 'good0002',
  upgradeSql: ['CREATE TABLE half_done (id INTEGER)', 'INSERT INTO missing_table VALUES (1)'],
};
const FIXED: RevisionSpec = { ...BROKEN, upgradeSql: ['CREATE TABLE IF NOT EXISTS half_done (id INTEGER)'] };

describeEachDialect('a failing migration', (dialect) => {
  const scenario = scenarios(dialect);

  it('is reported with its revision, file, statement and database error; the table stays at the last good revision', async () => {
    const s = await scenario([...GOOD, BROKEN]);
    const events: RunEvent[] = [];
    const error = await upgrade({ ...s.options, target: 'head', onEvent: (e) => events.push(e) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationFailedError);
    const failure = error as MigrationFailedError;
    expect(failure.revision).toBe('bad00003');
    expect(failure.path).toBe(join(s.project.migrations, 'bad00003.ts'));
    expect(failure.statement).toBe('INSERT INTO missing_table VALUES (1)');
    expect(failure.databaseError).toMatch(/missing_table/);
    expect(failure.exitCode).toBe(1);
    expect(await s.rows()).toEqual(['good0002']);
    expect(events.at(-1)).toMatchObject({ type: 'step-failed', revision: 'bad00003' });
    // What survives depends on the database: MySQL committed the CREATE TABLE implicitly.
    expect(await tableExists(s.db.url, 'half_done')).toBe(dialect === 'mysql');
    expect(failure.executed.filter((x) => x.committed).map((x) => x.sql)).toEqual(
      dialect === 'mysql'
        ? ["INSERT INTO ran_log (entry) VALUES ('upgrade bad00003')", 'CREATE TABLE half_done (id INTEGER)']
        : [],
    );
  });

  it('succeeds on a rerun once the file is fixed', async () => {
    const s = await scenario([...GOOD, BROKEN]);
    await upgrade({ ...s.options, target: 'head' }).catch(() => {});
    s.project.write(FIXED);
    // A new process, as a real rerun is: this one has the broken module loaded already.
    const rerun = await startWorker(worker, [s.project.dir, s.project.migrations, s.db.url]).done;
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('"type":"step-done","direction":"upgrade","revision":"bad00003"');
    expect(await s.rows()).toEqual(['bad00003']);
  });
});

describeEachDialect('migrate()', (dialect) => {
  const scenario = scenarios(dialect);

  it('brings the database to head and resolves with what ran', async () => {
    const s = await scenario(GOOD);
    const result = await migrate(s.options);
    expect(result.ran.map((step) => step.revision)).toEqual(['good0001', 'good0002']);
    expect(result.heads).toEqual(['good0002']);
  });

  it('takes its settings from a config object passed in code', async () => {
    const s = await scenario(GOOD);
    const result = await migrate({
      cwd: s.project.dir,
      config: { url: s.db.url, migrations: 'migrations', versionTable: 'app_schema_version' },
    });
    expect(result.heads).toEqual(['good0002']);
    expect(await s.rows()).toBeNull();
  });

  it('rejects with the typed failure instead of swallowing it', async () => {
    const s = await scenario([...GOOD, BROKEN]);
    await expect(migrate(s.options)).rejects.toBeInstanceOf(MigrationFailedError);
  });

  it('at head runs nothing and loads no revision code', async () => {
    const s = await scenario(GOOD);
    await migrate(s.options);
    // Code that would not even compile proves that no revision code is read on the fast path.
    s.project.write({ id: 'good0002', down: 'good0001', upgradeCode: '  this is not TypeScript' });
    const result = await migrate(s.options);
    expect(result.ran).toEqual([]);
    expect(result.heads).toEqual(['good0002']);
  });
});

describeEachDialect('waiting for another run', (dialect) => {
  const scenario = scenarios(dialect);

  it('gives up after the configured lockTimeout with LockTimeoutError (exit code 3), changing nothing', async () => {
    const s = await scenario(GOOD);
    const holder = await openSession(s.db.url);
    try {
      const lock = holder.adapter.createLock(holder.spec, holder.execute, DEFAULT_VERSION_TABLE);
      expect(await lock.tryAcquire()).toBe(true);
      const events: RunEvent[] = [];
      const error = await migrate({
        cwd: s.project.dir,
        config: { url: s.db.url, migrations: 'migrations', lockTimeout: 300 },
        onEvent: (event) => events.push(event),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockTimeoutError);
      expect((error as LockTimeoutError).exitCode).toBe(3);
      expect(events.map((event) => event.type)).toEqual(['lock-waiting']);
      expect(await s.ran()).toEqual([]);
    } finally {
      await holder.close();
    }
  });
});
