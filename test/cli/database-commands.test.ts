import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BRANCHED, createProject, LINEAR } from '../commands/project-fixture.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

interface DoneEvent {
  readonly type: 'done';
  readonly heads: string[];
  readonly steps: number;
}

function events(stdout: string): { type: string }[] {
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { type: string });
}

function doneOf(stdout: string): DoneEvent {
  return events(stdout).find((event) => event.type === 'done') as DoneEvent;
}

describeEachDialect('upgrade, downgrade and stamp from the command line', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  test('upgrade logs each step on stderr and keeps stdout empty', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['upgrade', 'head', '--url', database.url], { cwd: project.root });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Running upgrade  -> aaaa, msg aaaa\n');
    expect(run.stderr).toContain('Running upgrade bbbb -> cccc, msg cccc\n');
    // SQLite's steps share the run's transaction: each ran, and all are done at its COMMIT.
    expect(run.stderr).toMatch(dialect === 'sqlite' ? /ran in \d+/ : /done in \d+/);
  });

  test('--json streams one event per line on stdout, ending with done and the new heads', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['--json', 'upgrade', 'head', '--url', database.url], { cwd: project.root });
    expect(run.code).toBe(0);
    const types = events(run.stdout).map((event) => event.type);
    expect(types.filter((type) => type === 'step-done')).toHaveLength(3);
    expect(doneOf(run.stdout).heads).toEqual(['cccc']);
  });

  test('downgrade -1 reverts the last revision', async () => {
    const project = createProject(LINEAR);
    await cli(['upgrade', 'head', '--url', database.url], { cwd: project.root });
    const run = await cli(['downgrade', '-1', '--url', database.url, '--json'], { cwd: project.root });
    expect(run.code).toBe(0);
    expect(doneOf(run.stdout).heads).toEqual(['bbbb']);
  });

  test('downgrade -1 with several current heads is an error naming them', async () => {
    const project = createProject(BRANCHED);
    await cli(['upgrade', 'heads', '--url', database.url], { cwd: project.root });
    const run = await cli(['downgrade', '-1', '--url', database.url], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('d1d1');
    expect(run.stderr).toContain('d2d2');
  });

  test('stamp sets the rows without running code; --quiet prints nothing', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['stamp', 'bbbb', '--url', database.url, '--quiet'], { cwd: project.root });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const next = await cli(['upgrade', 'head', '--url', database.url, '--json'], { cwd: project.root });
    expect(doneOf(next.stdout)).toMatchObject({ heads: ['cccc'], steps: 1 });
  });
});

describeEachDialect('reading the database state from the command line', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  test('current prints the revision the database is on with its head marker', async () => {
    const project = createProject(LINEAR);
    await cli(['upgrade', 'bbbb', '--url', database.url], { cwd: project.root });
    expect((await cli(['current', '--url', database.url], { cwd: project.root })).stdout).toBe('bbbb\n');
    await cli(['upgrade', 'head', '--url', database.url], { cwd: project.root });
    expect((await cli(['current', '--url', database.url], { cwd: project.root })).stdout).toBe(
      'cccc (head)\n',
    );
  });

  test('current -v starts with the database URL, password hidden', async () => {
    const project = createProject(LINEAR);
    await cli(['upgrade', 'head', '--url', database.url], { cwd: project.root });
    const run = await cli(['current', '-v', '--url', database.url], { cwd: project.root });
    expect(run.stdout.split('\n')[0]).toMatch(/^Current revision\(s\) for .+:$/);
    expect(run.stdout).toContain('Rev: cccc (head)');
  });

  test('current --check-heads fails below the heads', async () => {
    const project = createProject(LINEAR);
    await cli(['upgrade', 'aaaa', '--url', database.url], { cwd: project.root });
    const run = await cli(['current', '--check-heads', '--url', database.url], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Database is not on all head revisions');
  });

  test('current --json lists the rows and the current revisions', async () => {
    const project = createProject(BRANCHED);
    await cli(['upgrade', 'heads', '--url', database.url], { cwd: project.root });
    const run = await cli(['current', '--json', '--url', database.url], { cwd: project.root });
    const document = JSON.parse(run.stdout) as { current: { revision: string }[]; atHeads: boolean };
    expect(document.current.map((info) => info.revision)).toEqual(['d1d1', 'd2d2']);
    expect(document.atHeads).toBe(true);
  });

  test('history -i marks the revision the database is on', async () => {
    const project = createProject(LINEAR);
    await cli(['upgrade', 'bbbb', '--url', database.url], { cwd: project.root });
    const run = await cli(['history', '-i', '--url', database.url], { cwd: project.root });
    expect(run.stdout).toContain('aaaa -> bbbb (current), msg bbbb\n');
    expect(run.stdout).toContain('bbbb -> cccc (head), msg cccc\n');
  });

  test('show current shows the revision the database is on', async () => {
    const project = createProject(LINEAR);
    await cli(['upgrade', 'bbbb', '--url', database.url], { cwd: project.root });
    const run = await cli(['show', 'current', '--url', database.url], { cwd: project.root });
    expect(run.stdout.split('\n')[0]).toBe('Rev: bbbb');
  });

  test('ensure-version creates the table once', async () => {
    const project = createProject(LINEAR);
    const first = await cli(['ensure-version', '--json', '--url', database.url], { cwd: project.root });
    expect(JSON.parse(first.stdout)).toEqual({ table: 'alembic_version', created: true });
    const second = await cli(['ensure-version', '--url', database.url], { cwd: project.root });
    expect(second.stderr).toContain('already exists');
  });
});

describe('reading the database state without a URL', () => {
  test('history -i says a URL is needed', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['history', '-i'], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--url');
  });
});

describe('offline SQL', () => {
  test('upgrade --sql prints the script on stdout for the dialect given', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['upgrade', '--sql', 'head', '--dialect', 'postgresql'], { cwd: project.root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('CREATE TABLE alembic_version');
    expect(run.stdout).toContain("UPDATE alembic_version SET version_num='cccc'");
  });

  test('--sql with neither a URL nor --dialect is a usage error', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['upgrade', '--sql', 'head'], { cwd: project.root, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--dialect');
  });

  test('stamp --sql --purge is refused', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['stamp', '--sql', '--purge', 'head', '--dialect', 'sqlite'], {
      cwd: project.root,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--purge');
  });
});
