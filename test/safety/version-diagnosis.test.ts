import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

function revision(dir: string, id: string, down: string | readonly string[] | null): void {
  writeFileSync(
    join(dir, 'migrations', `${id}.ts`),
    `export const revision = '${id}';
export const downRevision = ${JSON.stringify(down)};
export async function upgrade(op: any) {
  await op.createTable('t_${id}', { columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] });
}
export async function downgrade(op: any) { await op.dropTable('t_${id}'); }
`,
  );
}

function createProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-diagnosis-'));
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'ambix.config.json'), JSON.stringify({ migrations: 'migrations' }));
  revision(dir, 'a1', null);
  revision(dir, 'b2', 'a1');
  revision(dir, 'c3', 'b2');
  return dir;
}

/** Every command that reads the version rows, each run once, its exit code and what it printed. */
const READERS = [
  ['doctor'],
  ['current'],
  ['current', '--check-heads'],
  ['lint'],
  ['upgrade', '--plan', 'head'],
  ['upgrade', 'head'],
] as const;

describeEachDialect('one diagnosis of the version rows', (dialect) => {
  let database: TestDatabase;
  let dir: string;
  let session: Session;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dir = createProject();
    expect((await cli(['upgrade', 'b2', '--url', database.url], { cwd: dir })).code).toBe(0);
    session = await connect(parseDatabaseUrl(database.url));
  });

  afterEach(async () => {
    await session.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (argv: readonly string[]) => cli([...argv, '--url', database.url], { cwd: dir });
  const rows = async () =>
    (await session.execute('SELECT version_num FROM alembic_version')).rows
      .map((row) => row.version_num)
      .sort();

  test('overlapping rows: every command stops with the same finding and `stamp --purge` of the newest row', async () => {
    await session.execute("INSERT INTO alembic_version (version_num) VALUES ('a1')");
    for (const argv of READERS) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(1);
      const printed = result.stdout + result.stderr;
      expect(printed, argv.join(' ')).toContain('alembic_version holds b2 together with its ancestor a1');
      expect(printed, argv.join(' ')).toContain('`ambix stamp --purge b2`');
      expect(printed).not.toContain('upgrade heads`.');
    }
    expect(await rows()).toEqual(['a1', 'b2']);
    expect((await run(['stamp', '--purge', 'b2'])).code).toBe(0);
    expect((await run(['upgrade', 'head'])).code).toBe(0);
    expect(await rows()).toEqual(['c3']);
  });

  test('an unknown id: every command stops with the same finding and command', async () => {
    await session.execute("UPDATE alembic_version SET version_num = 'dead00'");
    for (const argv of READERS) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(1);
      const printed = result.stdout + result.stderr;
      expect(printed, argv.join(' ')).toContain(
        'alembic_version holds revision dead00, which no revision file defines',
      );
      expect(printed, argv.join(' ')).toContain('`ambix stamp --purge ');
    }
    expect(await rows()).toEqual(['dead00']);
  });

  test('a prefix of an id: the exact full id to stamp', async () => {
    await session.execute("UPDATE alembic_version SET version_num = 'b'");
    const doctor = await run(['doctor']);
    expect(doctor.stdout).toContain("holds 'b', which is only a prefix of revision b2");
    expect(doctor.stdout).toContain('`ambix stamp --purge b2`');
    expect((await run(['upgrade', 'head'])).stderr).toContain('`ambix stamp --purge b2`');
  });

  test('tables but no version table: doctor, current and the plan say ambix takes it for empty, and to stamp', async () => {
    await session.execute('DROP TABLE alembic_version');
    const doctor = await run(['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('[missing-version-table]');
    expect(doctor.stdout).toContain('no alembic_version table, so ambix takes it for an empty database');
    for (const argv of [['current'], ['lint'], ['upgrade', '--plan', 'head']]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(0);
      expect(result.stderr, argv.join(' ')).toContain('warning: The database has 2 table(s) (t_a1, t_b2)');
      expect(result.stderr, argv.join(' ')).toContain('`ambix stamp ');
    }
    const check = await run(['current', '--check-heads']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('no alembic_version table');
    expect(check.stderr).not.toContain('upgrade heads');
  });

  test('several heads the files merge: doctor and current agree, and `upgrade head` is the fix', async () => {
    revision(dir, 'd4', 'a1');
    revision(dir, 'm5', ['c3', 'd4']);
    await session.execute("INSERT INTO alembic_version (version_num) VALUES ('d4')");
    const doctor = await run(['doctor']);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('The database is on 2 heads (b2, d4)');
    expect(doctor.stdout).toContain('`ambix upgrade head`');
    expect((await run(['current'])).stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect((await run(['upgrade', 'head'])).code).toBe(0);
    expect(await rows()).toEqual(['m5']);
  });
});

test('current on a SQLite file that does not exist says so on stderr, exits 1 and creates nothing', async () => {
  const dir = createProject();
  try {
    const file = join(dir, 'missing.db');
    const result = await cli(['current', '--url', `sqlite:///${file}`], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`SQLite database ${file} does not exist`);
    expect(existsSync(file)).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
