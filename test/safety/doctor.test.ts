import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { doctor } from '../../src/commands/doctor.js';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import type { DoctorFinding } from '../../src/safety/doctor/finding.js';
import { historyRow, recordStep } from '../../src/safety/history/record.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

interface Project {
  readonly dir: string;
  revision(id: string, down: string | null): string;
}

function createProject(): Project {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-doctor-'));
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'ambix.config.json'), JSON.stringify({ migrations: 'migrations' }));
  return {
    dir,
    revision(id, down) {
      const path = join(dir, 'migrations', `${id}.ts`);
      writeFileSync(
        path,
        `export const revision = '${id}';
export const downRevision = ${down === null ? 'null' : `'${down}'`};
export async function upgrade(op: any) {
  await op.createTable('t_${id}', { columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] });
}
export async function downgrade(op: any) { await op.dropTable('t_${id}'); }
`,
      );
      return path;
    },
  };
}

const checks = (findings: readonly DoctorFinding[]) => findings.map((finding) => finding.check);

describeEachDialect('doctor on a live database', (dialect) => {
  let database: TestDatabase;
  let project: Project;
  let session: Session;
  let firstPath: string;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    project = createProject();
    firstPath = project.revision('a1', null);
    project.revision('b2', 'a1');
    expect((await cli(['upgrade', 'head', '--url', database.url], { cwd: project.dir })).code).toBe(0);
    session = await connect(parseDatabaseUrl(database.url));
  });

  afterEach(async () => {
    await session.close();
    await database.drop();
    rmSync(project.dir, { recursive: true, force: true });
  });

  const run = () => doctor({ cwd: project.dir, url: database.url });

  test('a clean database is reported clean', async () => {
    const result = await run();
    expect(result.findings).toEqual([]);
    expect(result.healthy).toBe(true);
    const printed = await cli(['doctor', '--url', database.url], { cwd: project.dir });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('no problems found');
  });

  test('finds a table without a primary key', async () => {
    await session.execute('CREATE TABLE loose_rows (a INTEGER)');
    const result = await run();
    expect(checks(result.findings)).toEqual(['missing-primary-key']);
    expect(result.findings[0]?.message).toContain('loose_rows');
  });

  test('finds a table left over by a batch rebuild', async () => {
    await session.execute('CREATE TABLE _alembic_tmp_account (id INTEGER PRIMARY KEY)');
    const result = await run();
    expect(checks(result.findings)).toEqual(['batch-leftover']);
    expect(result.findings[0]?.fix).toContain('DROP TABLE');
  });

  test('finds a version row no revision file defines, and exits 1', async () => {
    await session.execute("INSERT INTO alembic_version (version_num) VALUES ('deadbeef0000')");
    const result = await run();
    expect(checks(result.findings)).toEqual(['unknown-version-row']);
    expect(result.healthy).toBe(false);
    const printed = await cli(['doctor', '--url', database.url], { cwd: project.dir });
    expect(printed.code).toBe(1);
    expect(printed.stdout).toContain('deadbeef0000');
  });

  test('finds a database on several heads', async () => {
    project.revision('c3', 'a1');
    expect((await cli(['upgrade', 'heads', '--url', database.url], { cwd: project.dir })).code).toBe(0);
    const result = await run();
    expect(checks(result.findings)).toEqual(['multiple-heads-files', 'multiple-heads-database']);
  });

  test('finds an applied revision whose file changed since it ran', async () => {
    await recordStep(
      session,
      historyRow({
        revision: 'a1',
        direction: 'upgrade',
        started: new Date(),
        durationMs: 1,
        path: firstPath,
      }),
    );
    expect(checks((await run()).findings)).toEqual([]);
    appendFileSync(firstPath, '// edited after it ran\n');
    const result = await run();
    expect(checks(result.findings)).toEqual(['changed-revision']);
    expect(result.findings[0]?.message).toContain(firstPath);
  });
});

describeEachDialect(
  'doctor and foreign keys without a unique target',
  (dialect) => {
    let database: TestDatabase;
    let project: Project;
    let session: Session;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      project = createProject();
      session = await connect(parseDatabaseUrl(database.url));
    });

    afterEach(async () => {
      await session.close();
      await database.drop();
      rmSync(project.dir, { recursive: true, force: true });
    });

    test('finds the foreign key, and its fix makes the database clean', async () => {
      if (dialect === 'mysql') {
        await session.execute(
          'CREATE TABLE parent (id INTEGER PRIMARY KEY, code VARCHAR(10), INDEX ix_code (code))',
        );
        await session.execute(
          'CREATE TABLE child (id INTEGER PRIMARY KEY, parent_code VARCHAR(10), CONSTRAINT fk_child_parent FOREIGN KEY (parent_code) REFERENCES parent (code))',
        );
      } else {
        await session.execute('CREATE TABLE parent (id INTEGER PRIMARY KEY, code VARCHAR(10))');
        await session.execute(
          'CREATE TABLE child (id INTEGER PRIMARY KEY, parent_code VARCHAR(10) CONSTRAINT fk_child_parent REFERENCES parent (code))',
        );
      }
      const result = await doctor({ cwd: project.dir, url: database.url });
      expect(checks(result.findings)).toEqual(['foreign-key-target']);
      const [finding] = result.findings;
      expect(finding?.message).toContain('fk_child_parent');
      const sql = /: (.*);$/.exec(finding?.fix ?? '')?.[1];
      expect(sql).toBeDefined();
      await session.execute(sql!);
      expect((await doctor({ cwd: project.dir, url: database.url })).findings).toEqual([]);
    });
  },
  // PostgreSQL refuses such a foreign key when it is created (the InvalidForeignKey error).
  ['sqlite', 'mysql'],
);

describe('doctor without a database', () => {
  let project: Project;

  beforeEach(() => {
    project = createProject();
  });

  afterEach(() => {
    rmSync(project.dir, { recursive: true, force: true });
  });

  test('finds several heads in the revision files', async () => {
    project.revision('a1', null);
    project.revision('b2', 'a1');
    project.revision('c3', 'a1');
    const result = await doctor({ cwd: project.dir });
    expect(checks(result.findings)).toEqual(['multiple-heads-files', 'connection']);
    expect(result.findings[0]?.message).toContain('b2');
  });

  test('says where it looked for a migrations folder that is missing', async () => {
    rmSync(join(project.dir, 'migrations'), { recursive: true });
    const result = await doctor({ cwd: project.dir });
    expect(checks(result.findings)).toEqual(['migrations-folder']);
    expect(result.findings[0]?.message).toContain(join(project.dir, 'migrations'));
    expect(result.findings[0]?.message).toContain('ambix.config.json');
  });

  test('reports a --config file that does not exist', async () => {
    const result = await doctor({ cwd: project.dir, configPath: join(project.dir, 'nope.config.ts') });
    expect(checks(result.findings)).toEqual(['config']);
    expect(result.findings[0]?.message).toContain('nope.config.ts');
  });

  test('says when no config file was found and the defaults apply', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'ambix-doctor-bare-'));
    try {
      const result = await doctor({ cwd: bare });
      expect(result.findings[0]?.check).toBe('config');
      expect(result.findings[0]?.message).toContain(bare);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

test('doctor says a SQLite file that does not exist does not exist, and creates nothing', async () => {
  const project = createProject();
  try {
    project.revision('a1', null);
    const file = join(project.dir, 'missing.db');
    const result = await doctor({ cwd: project.dir, url: `sqlite:///${file}` });
    expect(checks(result.findings)).toEqual(['missing-database']);
    expect(result.findings[0]?.message).toBe(`SQLite database ${file} does not exist.`);
    expect(existsSync(file)).toBe(false);
  } finally {
    rmSync(project.dir, { recursive: true, force: true });
  }
});
