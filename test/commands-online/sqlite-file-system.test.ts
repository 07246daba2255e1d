import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { current } from '../../src/commands/current.js';
import { upgrade } from '../../src/commands/upgrade.js';
import { DatabaseFileError } from '../../src/runtime/errors.js';
import type { RunEvent } from '../../src/runtime/events.js';
import { cli } from '../commands/run-cli.js';
import { createProject, type RevisionSpec } from './project-fixture.js';

/**
 * A full disk and a read-only mount, made real with a small tmpfs: that needs root. Elsewhere the
 * suite skips, saying so in one line.
 */
function tryMount(dir: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const probe = mkdtempSync(join(tmpdir(), 'ambix-mount-probe-'));
const canMount = tryMount(probe, 'size=64k');
if (canMount) execFileSync('umount', [probe]);
rmSync(probe, { recursive: true, force: true });
if (!canMount)
  console.warn('skipping SQLite full-disk and read-only tests: cannot mount a tmpfs (needs root)');

const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) {
    execFileSync('umount', [dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh tmpfs of `size`, unmounted after the test. */
function mountTmpfs(size: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-tmpfs-'));
  if (!tryMount(dir, `size=${size}`)) throw new Error(`cannot mount a tmpfs on ${dir}`);
  mounts.push(dir);
  return dir;
}

function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir]);
}

/** A database with the revisions' log table and one row of its own. */
function seedDatabase(file: string): void {
  const db = new Database(file);
  db.exec('CREATE TABLE ran_log (id INTEGER PRIMARY KEY AUTOINCREMENT, entry VARCHAR(100) NOT NULL)');
  db.exec("CREATE TABLE keep (x TEXT); INSERT INTO keep VALUES ('before')");
  db.close();
}

/** Schema and rows, read without writing anything (the mount may be read-only). */
function snapshot(file: string): unknown {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all() as {
      name: string;
    }[];
    return tables.map((table) => ({
      ...table,
      rows: table.name.startsWith('sqlite_') ? [] : db.prepare(`SELECT * FROM "${table.name}"`).all(),
    }));
  } finally {
    db.close();
  }
}

const SMALL: RevisionSpec[] = [{ id: 'fs000001', upgradeSql: ['CREATE TABLE t1 (id INTEGER)'] }];
/** About 600 kB of rows: more than the 256 kB disk holds. */
const BIG: RevisionSpec[] = [
  {
    id: 'fs000001',
    upgradeSql: [
      'CREATE TABLE big (x TEXT)',
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) ' +
        'INSERT INTO big SELECT hex(randomblob(100)) FROM n',
    ],
  },
];

describe.skipIf(!canMount)('SQLite on a file system that refuses writes', () => {
  it('a full disk is a DISK_FULL error naming the file and its folder; nothing is reported done; the database is unchanged', async () => {
    const disk = mountTmpfs('256k');
    const file = join(disk, 'app.db');
    seedDatabase(file);
    const before = snapshot(file);
    const project = createProject(BIG);
    const events: RunEvent[] = [];
    const error = await upgrade({
      cwd: project.dir,
      migrations: [project.migrations],
      url: `sqlite:///${file}`,
      target: 'head',
      onEvent: (event) => events.push(event),
    }).catch((e: unknown) => e);
    project.remove();
    expect(error).toBeInstanceOf(DatabaseFileError);
    const failure = error as DatabaseFileError;
    expect(failure.code).toBe('DISK_FULL');
    expect(failure.file).toBe(file);
    expect(failure.folder).toBe(disk);
    expect(failure.message).toContain(`Free space in ${disk}`);
    expect(events.filter((event) => event.type === 'step-done' && event.committed)).toEqual([]);
    expect(snapshot(file)).toEqual(before);
  });

  it('the CLI reports a full disk in one message, without a stack trace, exit 1', async () => {
    const disk = mountTmpfs('256k');
    const file = join(disk, 'app.db');
    seedDatabase(file);
    const project = createProject(BIG);
    const run = await cli(['upgrade', 'head', '--url', `sqlite:///${file}`], { cwd: project.dir });
    project.remove();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`error: The disk holding the SQLite database ${file} is full`));
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toMatch(/done in/);
  });

  it('a read-only mount is a DATABASE_READ_ONLY error naming the file and folder, not the migration', async () => {
    const disk = mountTmpfs('1m');
    const file = join(disk, 'app.db');
    seedDatabase(file);
    // The lock side file from an earlier run is there: the first write is the migration's.
    new Database(`${file}-ambix-lock`).close();
    remountReadOnly(disk);
    const before = snapshot(file);
    const project = createProject(SMALL);
    const error = await upgrade({
      cwd: project.dir,
      migrations: [project.migrations],
      url: `sqlite:///${file}`,
      target: 'head',
    }).catch((e: unknown) => e);
    project.remove();
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect((error as DatabaseFileError).code).toBe('DATABASE_READ_ONLY');
    expect((error as DatabaseFileError).file).toBe(file);
    expect((error as Error).message).toContain(`its folder ${disk} is read-only`);
    expect(snapshot(file)).toEqual(before);
  });

  it('a read-only mount without the lock side file names the lock file it cannot create', async () => {
    const disk = mountTmpfs('1m');
    const file = join(disk, 'app.db');
    seedDatabase(file);
    remountReadOnly(disk);
    const before = snapshot(file);
    const project = createProject(SMALL);
    const run = await cli(['upgrade', 'head', '--url', `sqlite:///${file}`, '--json'], { cwd: project.dir });
    project.remove();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('"code":"LOCK_FILE_UNAVAILABLE"');
    expect(run.stderr).toContain(`Cannot open the lock side file ${file}-ambix-lock`);
    expect(run.stderr).toContain(`the folder ${disk} must be writable`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(file)).toEqual(before);
  });

  it('reading a database on a read-only mount still works', async () => {
    const disk = mountTmpfs('1m');
    const file = join(disk, 'app.db');
    seedDatabase(file);
    remountReadOnly(disk);
    const project = createProject(SMALL);
    const result = await current({
      cwd: project.dir,
      migrations: [project.migrations],
      url: `sqlite:///${file}`,
    });
    project.remove();
    expect(result.rows).toEqual([]);
  });
});
