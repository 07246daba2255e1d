/**
 * Real databases for tests. SQLite needs nothing; PostgreSQL and MariaDB are probed once per test
 * file. Each test creates its own database and drops it afterwards, so files run in parallel.
 *
 * Off CI, a server that cannot be reached skips its suites with one line saying which and why.
 * Under CI=true an unreachable server fails the run instead: CI must never pass by skipping.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { describe } from 'vitest';
import type { DialectName } from '../../src/dialect.js';

export const POSTGRES_ADMIN_URL =
  process.env.AMBIX_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_ADMIN_URL = process.env.AMBIX_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

export interface TestDatabase {
  readonly dialect: DialectName;
  /** A URL ambix accepts for this database. */
  readonly url: string;
  /** Database name (SQLite: the file path). */
  readonly name: string;
  drop(): Promise<void>;
}

type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

async function probe(dialect: 'postgresql' | 'mysql'): Promise<Availability> {
  try {
    if (dialect === 'postgresql') {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
      await client.connect();
      await client.end();
    } else {
      const connection = await mysql.createConnection({ uri: MYSQL_ADMIN_URL, connectTimeout: 3000 });
      await connection.end();
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

const availability: Record<DialectName, Availability> = {
  sqlite: { ok: true },
  postgresql: await probe('postgresql'),
  mysql: await probe('mysql'),
};

for (const dialect of ['postgresql', 'mysql'] as const) {
  const status = availability[dialect];
  if (status.ok) continue;
  const server = dialect === 'postgresql' ? 'PostgreSQL' : 'MySQL/MariaDB';
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but ${server} is unreachable (${status.reason}); server suites must run on CI.`);
  }
  console.warn(`skipping ${server} suites: server unreachable (${status.reason})`);
}

export function isAvailable(dialect: DialectName): boolean {
  return availability[dialect].ok;
}

export const ALL_DIALECTS: readonly DialectName[] = ['sqlite', 'postgresql', 'mysql'];

/** `describe` once per dialect, skipping (off CI) the ones whose server is unreachable. */
export function describeEachDialect(
  title: string,
  body: (dialect: DialectName) => void,
  dialects: readonly DialectName[] = ALL_DIALECTS,
): void {
  for (const dialect of dialects) {
    describe.skipIf(!isAvailable(dialect))(`${title} [${dialect}]`, () => body(dialect));
  }
}

function uniqueName(): string {
  return `ambix_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh, empty database of the given dialect, owned by the calling test. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const name = uniqueName();
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ambix-test-'));
    const file = join(dir, `${name}.db`);
    return {
      dialect,
      name: file,
      url: `sqlite:///${file}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (dialect === 'postgresql') {
    await withPostgresAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
    return {
      dialect,
      name,
      url: withDatabase(POSTGRES_ADMIN_URL, name),
      drop: () =>
        withPostgresAdmin(async (client) => {
          // A pool's end() resolves before its connections have closed: give them a moment, so
          // FORCE does not terminate a session still closing (its client throws, uncaught).
          for (let wait = 0; wait < 40; wait++) {
            const { rows } = await client.query(
              'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
              [name],
            );
            if (rows[0].n === 0) break;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        }),
    };
  }
  await withMysqlAdmin((connection) => connection.query(`CREATE DATABASE \`${name}\``));
  return {
    dialect,
    name,
    url: withDatabase(MYSQL_ADMIN_URL, name),
    drop: () => withMysqlAdmin((connection) => connection.query(`DROP DATABASE IF EXISTS \`${name}\``)),
  };
}

async function withPostgresAdmin(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

async function withMysqlAdmin(work: (connection: mysql.Connection) => Promise<unknown>): Promise<void> {
  const connection = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
  try {
    await work(connection);
  } finally {
    await connection.end();
  }
}
