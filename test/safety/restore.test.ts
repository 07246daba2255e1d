import { mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { backup } from '../../src/commands/backup.js';
import { restore } from '../../src/commands/restore.js';
import { LockTimeoutError } from '../../src/runtime/errors.js';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import {
  RestoreFailedError,
  RestoreRefusedError,
  RestoreSourceError,
} from '../../src/safety/backup/errors.js';
import { cli } from '../commands/run-cli.js';
import {
  createTestDatabase,
  describeEachDialect,
  POSTGRES_ADMIN_URL,
  type TestDatabase,
} from '../support/databases.js';
import { logicalDump } from './logical-dump.js';

const FIRST = `export const revision = 'a1b2c3';
export const downRevision = null;
export async function upgrade(op: any) {
  await op.createTable('note', { columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    { name: 'body', type: { kind: 'string', length: 100 } },
  ] });
  await op.createIndex('ix_note_body', 'note', ['body']);
  await op.createTable('tag', { columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    { name: 'note_id', type: { kind: 'integer' } },
    { name: 'name', type: { kind: 'text' } },
  ], foreignKeys: [{ columns: ['note_id'], referencedTable: 'note', referencedColumns: ['id'] }] });
}
export async function downgrade(op: any) { await op.dropTable('tag'); await op.dropTable('note'); }
`;

// Creates a table, alters one (a new column, a wider type: a rebuild on SQLite) and drops one.
const SECOND = `export const revision = 'd4e5f6';
export const downRevision = 'a1b2c3';
export async function upgrade(op: any) {
  await op.createTable('extra', { columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    { name: 'note_id', type: { kind: 'integer' } },
  ], foreignKeys: [{ columns: ['note_id'], referencedTable: 'note', referencedColumns: ['id'] }] });
  await op.dropTable('tag');
  await op.addColumn('note', { name: 'pinned', type: { kind: 'integer' } });
  await op.batchAlterTable('note', (batch: any) => batch.alterColumn('body', {
    type: { kind: 'string', length: 400 }, existingType: { kind: 'string', length: 100 }, existingNullable: true,
  }), { recreate: 'always' });
}
export async function downgrade(op: any) {}
`;

function createProject(config: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-restore-'));
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'ambix.config.json'), JSON.stringify({ migrations: 'migrations', ...config }));
  writeFileSync(join(dir, 'migrations', 'a1b2c3_first.ts'), FIRST);
  writeFileSync(join(dir, 'migrations', 'd4e5f6_second.ts'), SECOND);
  return dir;
}

describeEachDialect('restore', (dialect) => {
  let database: TestDatabase;
  let dir: string;
  let session: Session;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dir = createProject({ lockTimeout: 300 });
    expect((await cli(['upgrade', 'a1b2c3', '--url', database.url], { cwd: dir })).code).toBe(0);
    session = await connect(parseDatabaseUrl(database.url));
    await session.execute("INSERT INTO note (id, body) VALUES (1, 'first'), (2, 'second'), (3, 'third')");
    await session.execute("INSERT INTO tag (id, note_id, name) VALUES (1, 1, 'red'), (2, 3, 'blue')");
  });

  afterEach(async () => {
    await session.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The backed-up database, then upgraded: a table created, one altered and rebuilt, one dropped. */
  async function backUpThenUpgrade(): Promise<{ before: string; file: string }> {
    const before = await logicalDump(database.url);
    const { file } = await backup({ cwd: dir, url: database.url });
    expect((await cli(['upgrade', 'head', '--url', database.url], { cwd: dir })).code).toBe(0);
    await session.execute('INSERT INTO extra (id, note_id) VALUES (1, 2)');
    await session.execute("UPDATE note SET body = 'changed', pinned = 1 WHERE id = 1");
    expect(await logicalDump(database.url)).not.toBe(before);
    return { before, file };
  }

  test('restore after upgrades that created, altered, rebuilt and dropped tables gives back the backed-up database', async () => {
    const { before, file } = await backUpThenUpgrade();
    const restored = await restore({ cwd: dir, url: database.url, path: file });
    expect(restored.heads).toEqual(['a1b2c3']);
    expect(await logicalDump(database.url)).toBe(before);
    // And the database upgrades again from there.
    expect((await cli(['upgrade', 'head', '--url', database.url], { cwd: dir })).code).toBe(0);
  }, 60_000);

  test('restore waits for the migration lock and, when another run keeps it, changes nothing', async () => {
    const { file } = await backUpThenUpgrade();
    const upgraded = await logicalDump(database.url);
    const holder = await connect(parseDatabaseUrl(database.url));
    const lock = holder.adapter.createLock(holder.spec, holder.execute, {
      name: 'alembic_version',
      schema: null,
    });
    expect(await lock.tryAcquire()).toBe(true);
    try {
      await expect(restore({ cwd: dir, url: database.url, path: file })).rejects.toThrow(LockTimeoutError);
    } finally {
      await lock.release();
      await holder.close();
    }
    expect(await logicalDump(database.url)).toBe(upgraded);
  }, 60_000);

  test('the CLI restores and prints the revision the database is at', async () => {
    const { before, file } = await backUpThenUpgrade();
    const run = await cli(['restore', file, '--url', database.url], { cwd: dir });
    expect(run.stderr).toContain('it is at a1b2c3');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('a1b2c3\n');
    expect(await logicalDump(database.url)).toBe(before);
  }, 60_000);

  test('a backup file that does not exist is refused and nothing changes', async () => {
    const upgraded = await logicalDump(database.url);
    await expect(restore({ cwd: dir, url: database.url, path: join(dir, 'missing.dump') })).rejects.toThrow(
      RestoreSourceError,
    );
    expect(await logicalDump(database.url)).toBe(upgraded);
  });
});

describeEachDialect(
  'restore of a damaged dump',
  (dialect) => {
    let database: TestDatabase;
    let dir: string;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      dir = createProject();
      expect((await cli(['upgrade', 'a1b2c3', '--url', database.url], { cwd: dir })).code).toBe(0);
      const session = await connect(parseDatabaseUrl(database.url));
      const values = Array.from(
        { length: 2000 },
        (_, index) => `(${index + 1}, 'note ${index} ${'x'.repeat(60)}')`,
      );
      await session.execute(`INSERT INTO note (id, body) VALUES ${values.join(', ')}`);
      await session.close();
    });

    afterEach(async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('a truncated backup fails before it changes anything', async () => {
      const { file } = await backup({ cwd: dir, url: database.url });
      expect((await cli(['upgrade', 'head', '--url', database.url], { cwd: dir })).code).toBe(0);
      const upgraded = await logicalDump(database.url);
      truncateSync(file, Math.floor(statSync(file).size * 0.7));
      const error = await restore({ cwd: dir, url: database.url, path: file }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(dialect === 'postgresql' ? RestoreFailedError : RestoreSourceError);
      if (error instanceof RestoreFailedError) expect(error.message).toContain('rolled back');
      expect(await logicalDump(database.url)).toBe(upgraded);
    }, 60_000);
  },
  ['postgresql', 'mysql'],
);

describeEachDialect('restore refusals', () => {
  const role = `ambix_restorer_${process.pid}`;
  let database: TestDatabase;
  let dir: string;
  let admin: Session;

  beforeEach(async () => {
    database = await createTestDatabase('postgresql');
    dir = createProject();
    admin = await connect(parseDatabaseUrl(database.url));
    await admin.execute(`DROP ROLE IF EXISTS ${role}`);
    await admin.execute(`CREATE ROLE ${role} LOGIN`);
    await admin.execute(`ALTER DATABASE "${database.name}" OWNER TO ${role}`);
  });

  afterEach(async () => {
    await admin.close();
    await database.drop();
    const cleanup = await connect(parseDatabaseUrl(POSTGRES_ADMIN_URL));
    await cleanup.execute(`DROP ROLE IF EXISTS ${role}`);
    await cleanup.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a table the restoring role cannot drop is named, and nothing changes', async () => {
    const url = database.url.replace('postgres@', `${role}@`);
    expect((await cli(['upgrade', 'a1b2c3', '--url', url], { cwd: dir })).code).toBe(0);
    const { file } = await backup({ cwd: dir, url });
    await admin.execute('CREATE TABLE public.audit_log (id integer)');
    const before = await logicalDump(database.url);
    const error = await restore({ cwd: dir, url, path: file }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RestoreRefusedError);
    expect((error as Error).message).toContain('relation public.audit_log');
    expect((error as Error).message).toContain('Nothing was changed');
    expect(await logicalDump(database.url)).toBe(before);
  }, 60_000);
}, ['postgresql']);

describeEachDialect('restore of a large SQLite file', () => {
  let database: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    dir = createProject();
    expect((await cli(['upgrade', 'a1b2c3', '--url', database.url], { cwd: dir })).code).toBe(0);
  });

  afterEach(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a backup file over 2 GiB (sparse) restores with bounded memory', async () => {
    const session = await connect(parseDatabaseUrl(database.url));
    await session.execute("INSERT INTO note (id, body) VALUES (1, 'kept')");
    await session.close();
    const before = await logicalDump(database.url);
    const { file } = await backup({ cwd: dir, url: database.url });
    // SQLite reads the page count from the header; the rest of the file is a hole.
    truncateSync(file, 2 ** 31 + 64 * 1024 * 1024);
    expect((await cli(['upgrade', 'head', '--url', database.url], { cwd: dir })).code).toBe(0);
    const rss = process.memoryUsage().rss;
    await restore({ cwd: dir, url: database.url, path: file });
    expect(process.memoryUsage().rss - rss).toBeLessThan(256 * 1024 * 1024);
    expect(await logicalDump(database.url)).toBe(before);
  }, 60_000);
}, ['sqlite']);
