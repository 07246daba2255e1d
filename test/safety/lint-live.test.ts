import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { lint } from '../../src/commands/lint.js';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { connectIfExists } from '../../src/safety/live-database.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

/** Two revisions: `base1` creates `member`; `next2` adds a NOT NULL column without default to it. */
function writeProject(dir: string): void {
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations);
  writeFileSync(
    join(migrations, 'base1.ts'),
    `export const revision = 'base1';
export const downRevision = null;
export const message = 'create member';
export async function upgrade(op: any) {
  await op.createTable('member', { columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] });
}
export async function downgrade(op: any) { await op.dropTable('member'); }
`,
  );
  writeFileSync(
    join(migrations, 'next2.ts'),
    `export const revision = 'next2';
export const downRevision = 'base1';
export const message = 'add joined_at';
export async function upgrade(op: any) {
  const { rows } = await op.execute('SELECT 1 AS present FROM member LIMIT 1');
  await op.addColumn('member', { name: 'joined_at', type: { kind: 'bigint' }, nullable: false });
  if (rows.length > 0) await op.execute('UPDATE member SET joined_at = 0');
}
export async function downgrade(op: any) { await op.dropColumn('member', 'joined_at'); }
`,
  );
}

describeEachDialect('lint against a live database', (dialect) => {
  let database: TestDatabase;
  let dir: string;
  let session: Session;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'ambix-lint-'));
    writeProject(dir);
    const upgraded = await cli(['upgrade', 'base1', '--url', database.url], { cwd: dir });
    expect(upgraded.code).toBe(0);
    session = await connect(parseDatabaseUrl(database.url));
  });

  afterEach(async () => {
    await session.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('only the pending revisions are classified', async () => {
    const result = await lint({ cwd: dir, url: database.url });
    expect(result.current).toEqual(['base1']);
    expect(result.revisions.map((revision) => revision.revision)).toEqual(['next2']);
  });

  test('a NOT NULL column without default on a table with rows is a hazard', async () => {
    await session.execute('INSERT INTO member (id) VALUES (1)');
    const result = await lint({ cwd: dir, url: database.url });
    const [revision] = result.revisions;
    expect(revision?.kinds).toEqual(['breaking', 'lock-heavy', 'hazard']);
    expect(JSON.stringify(revision)).toContain('member has rows now');
  });

  test('the same column on an empty table is no hazard, and the revision sees the empty table', async () => {
    const result = await lint({ cwd: dir, url: database.url });
    const [revision] = result.revisions;
    expect(revision?.kinds).toEqual(['breaking']);
    expect(revision?.incomplete).toBeNull();
  });

  test('lint --json prints the classification and changes nothing', async () => {
    const run = await cli(['lint', '--json', '--url', database.url], { cwd: dir });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { revisions: { revision: string }[]; dialect: string };
    expect(document.dialect).toBe(dialect);
    expect(document.revisions.map((revision) => revision.revision)).toEqual(['next2']);
    const columns = await session.execute(
      dialect === 'sqlite'
        ? "SELECT name FROM pragma_table_info('member')"
        : "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'member' AND table_schema = " +
            (dialect === 'postgresql' ? 'current_schema()' : 'database()'),
    );
    expect(columns.rows.map((row) => String(Object.values(row)[0]))).toEqual(['id']);
  });

  test('lint --fail-on breaking exits 1 naming the revision', async () => {
    const run = await cli(['lint', '--fail-on', 'breaking', '--url', database.url], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('next2');
  });
});

test('without a URL, lint classifies the whole path from base for the given dialect', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-lint-'));
  try {
    writeProject(dir);
    const run = await cli(['lint', '--dialect', 'postgresql'], { cwd: dir, env: {} });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^base1 create member: safe$/m);
    expect(run.stdout).toMatch(/^next2 add joined_at: breaking, hazard, unknown$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without a URL or --dialect, lint says what to pass', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-lint-'));
  try {
    writeProject(dir);
    const run = await cli(['lint'], { cwd: dir, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--dialect');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describeEachDialect('the connection lint, doctor and log read through', (dialect) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });

  afterEach(async () => {
    await database.drop();
  });

  test('refuses writes, so a revision simulated against it cannot change the database', async () => {
    const writer = await connect(parseDatabaseUrl(database.url));
    await writer.execute('CREATE TABLE kept (id INTEGER PRIMARY KEY)');
    await writer.close();
    const reader = await connectIfExists(parseDatabaseUrl(database.url));
    try {
      await expect(reader!.execute('INSERT INTO kept (id) VALUES (1)')).rejects.toThrow();
      expect((await reader!.execute('SELECT id FROM kept')).rows).toEqual([]);
    } finally {
      await reader!.close();
    }
  });
});

test('a misspelt --fail-on kind is a usage error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-lint-'));
  try {
    writeProject(dir);
    const run = await cli(['lint', '--dialect', 'sqlite', '--fail-on', 'destructve'], { cwd: dir, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'destructve'");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
