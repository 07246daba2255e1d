import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

const REVISIONS = {
  a1: [
    null,
    "await op.createTable('account', { columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] });",
  ],
  b2: [
    'a1',
    "await op.createTable('invoice', { columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] });",
  ],
  c3: ['b2', "await op.addColumn('account', { name: 'email', type: { kind: 'text' } });"],
  d4: ['c3', "await op.createIndex('ix_account_email', 'account', ['email']);"],
} as const;

function createProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-schema-version-'));
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'ambix.config.json'), JSON.stringify({ migrations: 'migrations' }));
  for (const [id, [down, body]] of Object.entries(REVISIONS)) {
    writeFileSync(
      join(dir, 'migrations', `${id}.ts`),
      `export const revision = '${id}';
export const downRevision = ${JSON.stringify(down)};
export async function upgrade(op: any) { ${body} }
export async function downgrade(op: any) {}
`,
    );
  }
  return dir;
}

describeEachDialect('schema against version', (dialect) => {
  let database: TestDatabase;
  let dir: string;
  let session: Session;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dir = createProject();
    session = await connect(parseDatabaseUrl(database.url));
  });

  afterEach(async () => {
    await session.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (argv: readonly string[]) => cli([...argv, '--url', database.url], { cwd: dir });
  const rows = async () =>
    (await session.execute('SELECT version_num FROM alembic_version')).rows.map((row) => row.version_num);

  test('tables without a version table: doctor names the revision the schema matches and the stamp', async () => {
    expect((await run(['upgrade', 'c3'])).code).toBe(0);
    await session.execute('DROP TABLE alembic_version');
    const doctor = await run(['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('[missing-version-table]');
    expect(doctor.stdout).toContain('fix: Record the revision the schema is at: `ambix stamp c3`.');
  });

  test('an upgrade that hits "already exists" says which revision the schema matches, and the stamp fixes it', async () => {
    expect((await run(['upgrade', 'c3'])).code).toBe(0);
    await session.execute('DROP TABLE alembic_version');
    const failed = await run(['upgrade', 'head']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/already exists|Duplicate|duplicate/);
    expect(failed.stderr).toContain('the live schema matches revision c3');
    expect(failed.stderr).toContain('`ambix stamp c3`, then run `ambix upgrade head`');
    expect((await run(['stamp', 'c3'])).code).toBe(0);
    expect((await run(['upgrade', 'head'])).code).toBe(0);
    expect(await rows()).toEqual(['d4']);
    expect((await run(['doctor'])).stdout).not.toContain('schema-version');
  });

  test('a version row behind the schema: doctor says where the schema is', async () => {
    expect((await run(['upgrade', 'c3'])).code).toBe(0);
    await session.execute("UPDATE alembic_version SET version_num = 'a1'");
    const doctor = await run(['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(
      '[schema-version] alembic_version says the database is at a1, but the live schema matches revision c3',
    );
    expect(doctor.stdout).toContain('`ambix stamp c3`');
  });

  test('a schema at its version row gives no schema finding', async () => {
    expect((await run(['upgrade', 'b2'])).code).toBe(0);
    expect((await run(['doctor'])).stdout).toBe('ok: no problems found.\n');
  });
});
