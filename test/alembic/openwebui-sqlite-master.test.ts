/**
 * SQLite keeps the DDL text it was given, and SQLAlchemy reads names, defaults and index
 * expressions back out of that text. So the Open WebUI example, upgraded to head by ambix, must
 * leave the very text Alembic 1.8.1 left running the same history
 * (../shared/spec/openwebui/sqlite/head.schema.sql), object by object, except where listed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgrade } from '../../src/index.js';
import { EXAMPLE_DIR, MIGRATIONS_DIR } from '../open-webui/support/project.js';
import { SPEC_DIR } from '../open-webui/support/reflect.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

/** What still differs from Alembic's text at head, and why. */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  knowledge_file:
    "the order of its two unnamed foreign keys: Alembic's batch rebuild copies a table's constraints " +
    'out of a Python set, an order no rule reproduces; ambix keeps the order the table had',
};

/** `name -> CREATE … text` for every object of the schema that has DDL text. */
type SchemaText = Map<string, string>;

function alembicSchemaText(): SchemaText {
  const text = readFileSync(join(SPEC_DIR, 'sqlite', 'head.schema.sql'), 'utf8');
  const objects: SchemaText = new Map();
  for (const statement of text.split(/;\n/)) {
    const sql = statement.trim().replace(/;$/, '');
    if (sql === '') continue;
    const name = /^CREATE (?:UNIQUE )?(?:TABLE|INDEX) "?([^" (]+)"?/.exec(sql)?.[1];
    if (name === undefined) throw new Error(`head.schema.sql: cannot name ${sql.slice(0, 60)}`);
    objects.set(name, sql);
  }
  return objects;
}

function sqliteMaster(file: string): SchemaText {
  const database = new Database(file, { readonly: true });
  try {
    const rows = database.prepare('SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL').all() as {
      name: string;
      sql: string;
    }[];
    return new Map(rows.map((row) => [row.name, row.sql]));
  } finally {
    database.close();
  }
}

/** The CREATE TABLE's lines in order of text, for "the same clauses, in another order". */
const sortedLines = (sql: string) =>
  sql
    .split('\n')
    .map((line) => line.replace(/,\s*$/, '').trim())
    .sort();

process.env.AMBIX_OPENWEBUI_QUIET = '1';

describe('the Open WebUI example on SQLite at head, as sqlite_master text', () => {
  const alembic = alembicSchemaText();
  let withHistory: TestDatabase;
  let withoutHistory: TestDatabase;
  let ambix: SchemaText;
  let ambixWithoutHistory: SchemaText;

  beforeAll(async () => {
    withHistory = await createTestDatabase('sqlite');
    withoutHistory = await createTestDatabase('sqlite');
    await upgrade({ cwd: EXAMPLE_DIR, url: withHistory.url, target: 'head' });
    await upgrade({
      cwd: EXAMPLE_DIR,
      url: withoutHistory.url,
      migrations: [MIGRATIONS_DIR],
      config: { historyTable: false },
      target: 'head',
    });
    ambix = sqliteMaster(withHistory.name);
    ambixWithoutHistory = sqliteMaster(withoutHistory.name);
  }, 120_000);
  afterAll(async () => {
    await withHistory?.drop();
    await withoutHistory?.drop();
  });

  it("has the text of Alembic's run for every table and index but the known differences", () => {
    const differing = [...alembic.keys()].filter((name) => ambix.get(name) !== alembic.get(name));
    expect(differing.sort()).toEqual(Object.keys(KNOWN_DIFFERENCES).sort());
  });

  it('differs in those only by the order of the same clauses', () => {
    for (const name of Object.keys(KNOWN_DIFFERENCES)) {
      expect(sortedLines(ambix.get(name) ?? ''), name).toEqual(sortedLines(alembic.get(name) ?? ''));
    }
  });

  it('adds one object of its own, its history table, and no sqlite_sequence', () => {
    const added = [...ambix.keys()].filter((name) => !alembic.has(name));
    expect(added).toEqual(['ambix_history']);
  });

  it("with historyTable: false holds exactly the objects of Alembic's run", () => {
    expect([...ambixWithoutHistory.keys()].sort()).toEqual([...alembic.keys()].sort());
  });
});
