import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareSchemas } from '../../src/autogenerate/compare/index.js';
import { introspect, sessionCatalog } from '../../src/autogenerate/introspect/index.js';
import type { SchemaModel } from '../../src/autogenerate/model.js';
import { baseline } from '../../src/commands/baseline.js';
import { BaselineRefusedError } from '../../src/commands/errors.js';
import { current, downgrade, revision, stamp, upgrade } from '../../src/commands/index.js';
import type { DialectName } from '../../src/dialect.js';
import { connect } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

/** A schema made by hand, before ambix: a foreign key, a unique column, an index, defaults. */
const HAND_MADE: Record<DialectName, string[]> = {
  sqlite: [
    `CREATE TABLE author (id INTEGER PRIMARY KEY AUTOINCREMENT, email VARCHAR(200) NOT NULL UNIQUE,
      name TEXT, active BOOLEAN NOT NULL DEFAULT 1)`,
    `CREATE TABLE book (id INTEGER PRIMARY KEY AUTOINCREMENT, title VARCHAR(300) NOT NULL,
      author_id INTEGER NOT NULL REFERENCES author (id), price NUMERIC(8, 2) DEFAULT 0)`,
    'CREATE INDEX book_title_idx ON book (title)',
  ],
  postgresql: [
    `CREATE TABLE author (id SERIAL PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE, name TEXT,
      active BOOLEAN NOT NULL DEFAULT true)`,
    `CREATE TABLE book (id SERIAL PRIMARY KEY, title VARCHAR(300) NOT NULL,
      author_id INTEGER NOT NULL REFERENCES author (id), price NUMERIC(8, 2) DEFAULT 0)`,
    'CREATE INDEX book_title_idx ON book (title)',
  ],
  mysql: [
    `CREATE TABLE author (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE,
      name TEXT, active TINYINT(1) NOT NULL DEFAULT 1) ENGINE=InnoDB`,
    `CREATE TABLE book (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, title VARCHAR(300) NOT NULL,
      author_id INT NOT NULL, price DECIMAL(8, 2) DEFAULT 0,
      CONSTRAINT book_author_fk FOREIGN KEY (author_id) REFERENCES author (id)) ENGINE=InnoDB`,
    'CREATE INDEX book_title_idx ON book (title)',
  ],
};

const INTERNAL = { include: [], exclude: [], internalTables: ['alembic_version', 'ambix_history'] };

async function sql(url: string, statements: readonly string[]): Promise<void> {
  const session = await connect(parseDatabaseUrl(url));
  try {
    for (const statement of statements) await session.execute(statement);
  } finally {
    await session.close();
  }
}

async function liveSchema(url: string): Promise<SchemaModel> {
  const session = await connect(parseDatabaseUrl(url));
  try {
    return await introspect(sessionCatalog(session), INTERNAL);
  } finally {
    await session.close();
  }
}

function newProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-baseline-'));
  mkdirSync(join(dir, 'migrations'));
  return dir;
}

describeEachDialect('baseline', (dialect) => {
  let existing: TestDatabase;
  let fresh: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    existing = await createTestDatabase(dialect);
    fresh = await createTestDatabase(dialect);
    dir = newProject();
  });
  afterEach(async () => {
    await existing.drop();
    await fresh.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the live schema as the first revision and stamps the database at it, running nothing', async () => {
    await sql(existing.url, HAND_MADE[dialect]);
    const before = await liveSchema(existing.url);
    const result = await baseline({ cwd: dir, url: existing.url, revId: 'adopted' });
    expect([...result.tables].sort()).toEqual(['author', 'book']);
    expect(result.heads).toEqual(['adopted']);
    expect((await current({ cwd: dir, url: existing.url })).rows).toEqual(['adopted']);
    // Stamped, not run: the tables are as they were, and comparing them with themselves is clean.
    const after = await liveSchema(existing.url);
    expect(compareSchemas(before, after, { dialect }).changes).toEqual([]);
  });

  it('the revision rebuilds the same schema on an empty database: nothing differs, and its downgrade empties it', async () => {
    await sql(existing.url, HAND_MADE[dialect]);
    await baseline({ cwd: dir, url: existing.url, revId: 'adopted' });
    await upgrade({ cwd: dir, url: fresh.url, target: 'head' });
    const diff = compareSchemas(await liveSchema(existing.url), await liveSchema(fresh.url), { dialect });
    expect(diff.changes).toEqual([]);
    expect(diff.warnings).toEqual([]);
    await downgrade({ cwd: dir, url: fresh.url, target: 'base' });
    expect((await liveSchema(fresh.url)).tables).toEqual([]);
  });
});

describe('baseline refuses, writing nothing', () => {
  let database: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    dir = newProject();
  });
  afterEach(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a database with no tables: start with a revision instead', async () => {
    await sql(database.url, ['CREATE TABLE gone (id INTEGER)', 'DROP TABLE gone']);
    await expect(baseline({ cwd: dir, url: database.url })).rejects.toThrow(
      /no tables to adopt.*ambix revision/,
    );
    expect(readdirSync(join(dir, 'migrations'))).toEqual([]);
  });

  it('a SQLite file that does not exist, without creating it', async () => {
    const missing = join(dir, 'missing.db');
    await expect(baseline({ cwd: dir, url: `sqlite:///${missing}` })).rejects.toBeInstanceOf(
      BaselineRefusedError,
    );
    expect(existsSync(missing)).toBe(false);
  });

  it('a project that already has revisions: stamp instead', async () => {
    await sql(database.url, HAND_MADE.sqlite);
    await revision({ cwd: dir, revId: 'first', message: 'first' });
    await expect(baseline({ cwd: dir, url: database.url })).rejects.toThrow(
      /already has 1 revision.*ambix stamp/,
    );
    expect(readdirSync(join(dir, 'migrations'))).toHaveLength(1);
  });

  it('a database already at a revision', async () => {
    await sql(database.url, HAND_MADE.sqlite);
    const other = newProject();
    try {
      await revision({ cwd: other, revId: 'elsewhere', message: 'elsewhere' });
      await stamp({ cwd: other, url: database.url, revisions: ['elsewhere'] });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    await expect(baseline({ cwd: dir, url: database.url })).rejects.toThrow(/already at elsewhere/);
    expect(readdirSync(join(dir, 'migrations'))).toEqual([]);
  });
});
