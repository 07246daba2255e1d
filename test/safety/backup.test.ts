import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backup } from '../../src/commands/backup.js';
import { restore } from '../../src/commands/restore.js';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { BackupToolMissingError } from '../../src/safety/backup/errors.js';
import { backupFileName } from '../../src/safety/backup/file-name.js';
import { backupServer, findTool } from '../../src/safety/backup/server.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

/** Every schema object's SQL and every row of every table, in a fixed order: a logical dump. */
function sqliteDump(file: string): string {
  const database = new Database(file, { readonly: true });
  try {
    const objects = database
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all() as { type: string; name: string; sql: string | null }[];
    const lines = objects.map((object) => `${object.type} ${object.name}: ${object.sql}`);
    for (const object of objects.filter((entry) => entry.type === 'table')) {
      const rows = database.prepare(`SELECT * FROM "${object.name}" ORDER BY rowid`).all();
      lines.push(`${object.name}: ${JSON.stringify(rows)}`);
    }
    return lines.join('\n');
  } finally {
    database.close();
  }
}

function createProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-backup-'));
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'ambix.config.json'), JSON.stringify({ migrations: 'migrations' }));
  writeFileSync(
    join(dir, 'migrations', 'a1b2c3.ts'),
    `export const revision = 'a1b2c3';
export const downRevision = null;
export async function upgrade(op: any) {
  await op.createTable('note', { columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    { name: 'body', type: { kind: 'text' } },
  ] });
  await op.createIndex('ix_note_body', 'note', ['body']);
}
export async function downgrade(op: any) { await op.dropTable('note'); }
`,
  );
  return dir;
}

test('the backup file name carries the database, the revision and the timestamp', () => {
  const at = new Date('2026-01-31T14:05:02.123Z');
  expect(backupFileName(parseDatabaseUrl('sqlite:////data/webui.db'), ['ae10f1'], at)).toBe(
    'webui-ae10f1-20260131T140502Z.db',
  );
  expect(backupFileName(parseDatabaseUrl('postgresql://u:secret@h/shop'), [], at)).toBe(
    'shop-base-20260131T140502Z.dump',
  );
  expect(backupFileName(parseDatabaseUrl('mysql://root@h/shop'), ['a1', 'b2'], at)).toBe(
    'shop-a1+b2-20260131T140502Z.sql',
  );
});

test('a missing dump tool is a clear error naming it', async () => {
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    const spec = parseDatabaseUrl('postgresql://postgres@127.0.0.1/x');
    await expect(
      backupServer(spec as Extract<typeof spec, { dialect: 'postgresql' }>, '/tmp/x.dump'),
    ).rejects.toThrow(BackupToolMissingError);
    await expect(
      backupServer(spec as Extract<typeof spec, { dialect: 'postgresql' }>, '/tmp/x.dump'),
    ).rejects.toThrow(/pg_dump/);
  } finally {
    process.env.PATH = saved;
  }
});

describe('SQLite backup and restore', () => {
  let dir: string;
  let file: string;
  let url: string;

  beforeEach(async () => {
    dir = createProject();
    file = join(dir, 'app.db');
    url = `sqlite:///${file}`;
    expect((await cli(['upgrade', 'head', '--url', url], { cwd: dir })).code).toBe(0);
    const database = new Database(file);
    const insert = database.prepare('INSERT INTO note (body) VALUES (?)');
    for (let index = 0; index < 200; index++) insert.run(`note ${index} ${'x'.repeat(index % 17)}`);
    database.close();
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('backup then restore returns a byte-for-byte equal logical dump', async () => {
    const before = sqliteDump(file);
    const taken = await backup({ cwd: dir, url });
    expect(sqliteDump(taken.file)).toBe(before);

    const database = new Database(file);
    database.exec(
      "DELETE FROM note WHERE id > 10; CREATE TABLE scratch (a); UPDATE note SET body = 'changed'",
    );
    database.close();
    expect(sqliteDump(file)).not.toBe(before);

    await restore({ cwd: dir, url, path: taken.file });
    expect(sqliteDump(file)).toBe(before);
  });

  test('the CLI prints the backup file, named after the database and its revision, in backups/', async () => {
    const run = await cli(['backup', '--url', url], { cwd: dir });
    expect(run.code).toBe(0);
    const printed = run.stdout.trim();
    expect(printed.startsWith(join(dir, 'backups', 'app-a1b2c3-'))).toBe(true);
    expect(existsSync(printed)).toBe(true);
  });

  test('--to a file path writes exactly there', async () => {
    const target = join(dir, 'copy.db');
    const run = await cli(['backup', '--to', target, '--url', url], { cwd: dir });
    expect(run.stdout.trim()).toBe(target);
    expect(sqliteDump(target)).toBe(sqliteDump(file));
  });

  test('backing up a SQLite file that does not exist says so and creates nothing', async () => {
    const missing = join(dir, 'missing.db');
    const run = await cli(['backup', '--url', `sqlite:///${missing}`], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing to back up');
    expect(existsSync(missing)).toBe(false);
  });

  test('restoring from a file that is not a SQLite database changes nothing', async () => {
    const before = sqliteDump(file);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database');
    const run = await cli(['restore', junk, '--url', url], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not a SQLite database');
    expect(sqliteDump(file)).toBe(before);
  });
});

const SERVER_TOOLS = { postgresql: ['pg_dump', 'pg_restore'], mysql: ['mariadb-dump', 'mysqldump'] } as const;

describeEachDialect(
  'server backups',
  (dialect) => {
    const server = dialect as 'postgresql' | 'mysql';
    const toolsPresent =
      server === 'postgresql'
        ? findTool(['pg_dump']) !== null && findTool(['pg_restore']) !== null
        : findTool(SERVER_TOOLS.mysql) !== null && findTool(['mariadb', 'mysql']) !== null;
    let database: TestDatabase;
    let dir: string;
    let session: Session;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      dir = createProject();
      expect((await cli(['upgrade', 'head', '--url', database.url], { cwd: dir })).code).toBe(0);
      session = await connect(parseDatabaseUrl(database.url));
      await session.execute("INSERT INTO note (id, body) VALUES (1, 'first'), (2, 'second')");
    });

    afterEach(async () => {
      await session.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test.skipIf(!toolsPresent && process.env.CI !== 'true')(
      'ambix restore puts the dump back in place',
      async () => {
        const run = await cli(['backup', '--url', database.url], { cwd: dir });
        expect(run.code).toBe(0);
        const file = run.stdout.trim();
        expect(basename(file)).toMatch(new RegExp(`^${database.name}-a1b2c3-\\d{8}T\\d{6}Z\\.(dump|sql)$`));

        await session.execute('DROP TABLE note');
        const restored = await cli(['restore', file, '--url', database.url], { cwd: dir });
        expect(restored.code).toBe(0);
        const { rows } = await session.execute('SELECT id, body FROM note ORDER BY id');
        expect(rows.map((row) => `${row.id}:${row.body}`)).toEqual(['1:first', '2:second']);
      },
      60_000,
    );
  },
  ['postgresql', 'mysql'],
);
