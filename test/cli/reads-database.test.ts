import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createProject, LINEAR } from '../commands/project-fixture.js';
import { cli } from '../commands/run-cli.js';
import { versionRows } from '../runtime/support.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

describeEachDialect('history -i and show current read the version table and change nothing', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => database.drop());

  test('history -i on a database without a version table marks nothing and creates no table', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['history', '-i', '--url', database.url], { cwd: project.root });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('(current)');
    expect(run.stdout).toContain('bbbb -> cccc (head), msg cccc\n');
    expect(await versionRows(database.url)).toBeNull();
  });

  test('show current on a database without a version table creates no table', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['show', 'current', '--url', database.url], { cwd: project.root });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Rev: ');
    expect(await versionRows(database.url)).toBeNull();
  });

  test('history -i follows the database as it moves', async () => {
    const project = createProject(LINEAR);
    await cli(['upgrade', 'aaaa', '--url', database.url], { cwd: project.root });
    const first = await cli(['history', '-i', '--url', database.url], { cwd: project.root });
    expect(first.stdout).toContain('<base> -> aaaa (current), msg aaaa\n');
    await cli(['upgrade', 'head', '--url', database.url], { cwd: project.root });
    const second = await cli(['history', '-i', '--url', database.url], { cwd: project.root });
    expect(second.stdout).toContain('bbbb -> cccc (head) (current), msg cccc\n');
    expect(second.stdout).not.toContain('aaaa (current)');
  });
});

describe('reading a SQLite database that does not exist', () => {
  test('history -i and show current leave no file behind', async () => {
    const project = createProject(LINEAR);
    const file = join(mkdtempSync(join(tmpdir(), 'ambix-cli-missing-')), 'absent.db');
    const url = `sqlite:///${file}`;
    const history = await cli(['history', '-i', '--url', url], { cwd: project.root });
    const show = await cli(['show', 'current', '--url', url], { cwd: project.root });
    expect([history.code, show.code]).toEqual([0, 0]);
    expect(history.stdout).not.toContain('(current)');
    expect(existsSync(file)).toBe(false);
  });
});
