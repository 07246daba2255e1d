import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { current } from '../../src/commands/current.js';
import { ensureVersion } from '../../src/commands/ensure-version.js';
import { stamp } from '../../src/commands/stamp.js';
import { upgrade } from '../../src/commands/upgrade.js';
import { AmbixError } from '../../src/errors.js';
import { ConnectionFailedError } from '../../src/runtime/errors.js';
import { withSession } from '../runtime/support.js';
import { describeEachDialect, isAvailable, MYSQL_ADMIN_URL } from '../support/databases.js';
import { createProject, type RevisionSpec } from './project-fixture.js';
import { scenarios } from './support.js';

const LINEAR: RevisionSpec[] = [{ id: 'lin1abcd' }, { id: 'lin2abcd', down: 'lin1abcd' }];

async function failure(promise: Promise<unknown>): Promise<AmbixError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AmbixError);
  return error as AmbixError;
}

function withProject<T>(work: (options: { cwd: string; migrations: string[] }) => Promise<T>): Promise<T> {
  const project = createProject(LINEAR);
  return work({ cwd: project.dir, migrations: [project.migrations] }).finally(() => project.remove());
}

it('an unreachable PostgreSQL server gives one line naming host, port, user and database', async () => {
  const error = await withProject((options) =>
    failure(upgrade({ ...options, url: 'postgresql://deployer:hunter22@127.0.0.1:1/appdb', target: 'head' })),
  );
  expect(error).toBeInstanceOf(ConnectionFailedError);
  expect(error.message).toContain('"appdb" at 127.0.0.1:1 as user "deployer"');
  expect(error.message).toContain('connection refused');
  expect(error.message).not.toContain('hunter22');
  expect(error.exitCode).not.toBe(0);
});

it('an unreachable MySQL server is reported the same way', async () => {
  const error = await withProject((options) =>
    failure(current({ ...options, url: 'mysql+pymysql://app:pw@127.0.0.1:1/appdb' })),
  );
  expect(error.message).toBe(
    'Cannot connect to MySQL/MariaDB database "appdb" at 127.0.0.1:1 as user "app": connection refused ' +
      '(is the server running and listening on that port?)',
  );
});

it.skipIf(!isAvailable('mysql'))('a wrong password is reported without the password', async () => {
  const url = new URL(MYSQL_ADMIN_URL);
  url.password = 'wrong-secret-42';
  const error = await withProject((options) =>
    failure(upgrade({ ...options, url: url.toString(), target: 'head' })),
  );
  expect(error).toBeInstanceOf(ConnectionFailedError);
  expect(error.message).toContain('access denied (wrong user or password)');
  expect(error.message).toContain(`as user "${url.username}"`);
  expect(error.message).not.toContain('wrong-secret-42');
});

it.skipIf(!isAvailable('postgresql'))('a database that does not exist is named', async () => {
  const error = await withProject((options) =>
    failure(current({ ...options, url: 'postgres://postgres@127.0.0.1:5432/ambix_no_such_db' })),
  );
  expect(error.message).toContain('"ambix_no_such_db"');
  expect(error.message).toContain('the database does not exist');
});

it('a SQLite path in a missing directory names the directory and creates nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-missing-'));
  try {
    const error = await withProject((options) =>
      failure(upgrade({ ...options, url: `sqlite:///${dir}/nope/app.db`, target: 'head' })),
    );
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect(error.message).toContain(`directory ${dir}/nope does not exist`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describeEachDialect('bad input leaves the database unchanged', (dialect) => {
  const scenario = scenarios(dialect);

  async function withRow(row: string) {
    const s = await scenario(LINEAR);
    await ensureVersion(s.options);
    await withSession(s.db.url, (session) =>
      session.execute(`INSERT INTO alembic_version (version_num) VALUES ('${row}')`),
    );
    return s;
  }

  it('a version row holding an unknown id stops upgrade before anything runs', async () => {
    const s = await withRow('zzzz9999');
    const error = await failure(upgrade({ ...s.options, target: 'head' }));
    expect(error.code).toBe('UNKNOWN_VERSION_ROW');
    expect(error.message).toContain('zzzz9999');
    expect(await s.rows()).toEqual(['zzzz9999']);
    expect(await s.ran()).toEqual([]);
  });

  it('a version row holding a prefix is reported as a prefix; stamp --purge repairs it', async () => {
    const s = await withRow('lin1');
    const error = await failure(upgrade({ ...s.options, target: 'head' }));
    expect(error.message).toContain('prefix');
    expect(await s.rows()).toEqual(['lin1']);
    await stamp({ ...s.options, revisions: ['lin1abcd'], purge: true });
    expect(await s.rows()).toEqual(['lin1abcd']);
    await upgrade({ ...s.options, target: 'head' });
    expect(await s.ran()).toEqual(['upgrade lin2abcd']);
  });

  it('a target that does not exist fails without creating the version table', async () => {
    const s = await scenario(LINEAR);
    const error = await failure(upgrade({ ...s.options, target: 'nosuchrev' }));
    expect(error.message).toContain('nosuchrev');
    expect(error.exitCode).not.toBe(0);
    expect(await s.rows()).toBeNull();
  });

  it('current never creates the version table', async () => {
    const s = await scenario(LINEAR);
    const result = await current(s.options);
    expect(result.rows).toEqual([]);
    expect(await s.rows()).toBeNull();
  });

  it('ensure-version creates the version table once and says so', async () => {
    const s = await scenario(LINEAR);
    expect(await ensureVersion(s.options)).toEqual({ table: 'alembic_version', created: true });
    expect(await ensureVersion(s.options)).toEqual({ table: 'alembic_version', created: false });
    expect(await s.rows()).toEqual([]);
  });
});

it('current on a SQLite file that does not exist says so and creates no file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-absent-'));
  try {
    const error = await withProject((options) =>
      failure(current({ ...options, url: `sqlite:///${dir}/app.db` })),
    );
    expect(error.code).toBe('DATABASE_NOT_FOUND');
    expect(error.message).toContain(`SQLite database ${dir}/app.db does not exist`);
    expect(existsSync(join(dir, 'app.db'))).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it.skipIf(!isAvailable('postgresql'))(
  'any other failure while connecting is a connection failure too',
  async () => {
    const error = await withProject((options) =>
      failure(current({ ...options, url: 'postgresql://postgres@127.0.0.1:5432/postgres?sslmode=require' })),
    );
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect(error.message).toMatch(
      /^Cannot connect to PostgreSQL database "postgres" at 127.0.0.1:5432 as user "postgres": .*SSL/,
    );
  },
);
