import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import { MissingHeaderFieldError, SqlRevisionFormatError } from '../../src/script/file-errors.js';
import { parseSqlRevisionBody, readSqlHeader } from '../../src/script/sql-revision.js';

const FILE = '/project/migrations/abc.sql';

function body(sections: string, dialect: DialectName = 'postgresql') {
  return parseSqlRevisionBody(`-- revision: abc\n-- downRevision: null\n${sections}`, FILE, dialect);
}

function upgradeStatements(sql: string, dialect: DialectName = 'postgresql'): readonly string[] {
  return body(`-- upgrade\n${sql}\n-- downgrade\n`, dialect).upgrade;
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('reading a .sql revision header', () => {
  it('reads every header field from the leading comments', () => {
    const header = readSqlHeader(
      `-- A free comment line
-- revision: ae1027a6acf3
-- downRevision: 1975ea83b712
-- branchLabels: billing, core
-- dependsOn: 3d2f7c9e01ab
-- message: add users: with a colon
-- createDate: 2026-11-26T10:00:00.000Z

-- upgrade
CREATE TABLE users (id INTEGER);
-- downgrade
DROP TABLE users;
`,
      FILE,
    );
    expect(header).toEqual({
      id: 'ae1027a6acf3',
      downRevisions: ['1975ea83b712'],
      branchLabels: ['billing', 'core'],
      dependsOn: ['3d2f7c9e01ab'],
      message: 'add users: with a colon',
      createDate: '2026-11-26T10:00:00.000Z',
    });
  });

  it('reads downRevision null as a base and a comma list as a merge', () => {
    expect(readSqlHeader('-- revision: a\n-- downRevision: null\n', FILE).downRevisions).toEqual([]);
    expect(readSqlHeader('-- revision: m\n-- downRevision: p1, p2\n', FILE).downRevisions).toEqual([
      'p1',
      'p2',
    ]);
  });

  it('rejects a header without downRevision', () => {
    expect(thrown(() => readSqlHeader('-- revision: a\n-- upgrade\n', FILE))).toBeInstanceOf(
      MissingHeaderFieldError,
    );
  });

  it('rejects a misspelled header key, suggesting the right one', () => {
    const error = thrown(() => readSqlHeader('-- revision: a\n-- down_revision: null\n', FILE));
    expect(error).toBeInstanceOf(SqlRevisionFormatError);
    expect(error).toMatchObject({ line: 2 });
    expect((error as Error).message).toContain("'downRevision'");
  });

  it('rejects SQL before the upgrade section, naming the line', () => {
    const error = thrown(() => readSqlHeader('-- revision: a\n-- downRevision: null\nDROP TABLE x;\n', FILE));
    expect(error).toMatchObject({ code: 'SQL_REVISION_FORMAT', line: 3 });
  });

  it('ignores header-like comments inside the sections', () => {
    const header = readSqlHeader('-- revision: a\n-- downRevision: null\n-- upgrade\n-- revision: b\n', FILE);
    expect(header.id).toBe('a');
  });
});

describe('splitting a .sql revision into statements', () => {
  it('splits each section on semicolons and trims the statements', () => {
    const sections = body(`
-- upgrade
CREATE TABLE a (id INTEGER);
CREATE TABLE b (id INTEGER);

-- downgrade
DROP TABLE b;
DROP TABLE a`);
    expect(sections).toEqual({
      upgrade: ['CREATE TABLE a (id INTEGER)', 'CREATE TABLE b (id INTEGER)'],
      downgrade: ['DROP TABLE b', 'DROP TABLE a'],
    });
  });

  it('keeps semicolons inside strings and quoted identifiers', () => {
    expect(
      upgradeStatements(`INSERT INTO "t;1" (\`c;2\`) VALUES ('a;b', 'it''s;');SELECT 1;`, 'sqlite'),
    ).toEqual([`INSERT INTO "t;1" (\`c;2\`) VALUES ('a;b', 'it''s;')`, 'SELECT 1']);
  });

  it('keeps semicolons inside comments and drops pieces that hold only comments', () => {
    expect(
      upgradeStatements('-- note; still a comment\nSELECT 1 /* a; b */ + 1;\n-- trailing; comment\n'),
    ).toEqual(['-- note; still a comment\nSELECT 1 /* a; b */ + 1']);
  });

  it('leaves a comment after the last code out of the statement, so a `;` after it ends it', () => {
    expect(upgradeStatements('SELECT 1 -- the end\n')).toEqual(['SELECT 1']);
  });

  it('keeps dollar-quoted function bodies whole', () => {
    const fn = `CREATE FUNCTION f() RETURNS trigger AS $body$
BEGIN
  NEW.updated := now();
  RETURN NEW;
END;
$body$ LANGUAGE plpgsql`;
    expect(upgradeStatements(`${fn};\nSELECT $$a;b$$;`)).toEqual([fn, 'SELECT $$a;b$$']);
  });

  it('does not treat positional parameters as dollar quotes', () => {
    expect(upgradeStatements('SELECT $1;SELECT 2;')).toEqual(['SELECT $1', 'SELECT 2']);
  });

  it('honours backslash escapes in E strings only', () => {
    expect(upgradeStatements(`SELECT E'a\\';b';SELECT 'c:\\';`)).toEqual([
      `SELECT E'a\\';b'`,
      `SELECT 'c:\\'`,
    ]);
  });

  it('ignores a byte-order mark and Windows line endings', () => {
    const source =
      '\uFEFF-- revision: a\r\n-- downRevision: null\r\n-- upgrade\r\nSELECT 1;\r\n-- downgrade\r\n';
    expect(readSqlHeader(source, FILE).id).toBe('a');
    expect(parseSqlRevisionBody(source, FILE, 'sqlite')).toEqual({ upgrade: ['SELECT 1'], downgrade: [] });
  });

  it('gives an empty list for an empty section', () => {
    expect(body('-- upgrade\n\n-- downgrade\nDROP TABLE a;\n').upgrade).toEqual([]);
  });

  it('accepts the downgrade section before the upgrade section', () => {
    expect(body('-- downgrade\nDROP TABLE a;\n-- UPGRADE\nCREATE TABLE a (id INT);\n')).toEqual({
      upgrade: ['CREATE TABLE a (id INT)'],
      downgrade: ['DROP TABLE a'],
    });
  });

  it('rejects a file without a downgrade section', () => {
    const error = thrown(() => body('-- upgrade\nSELECT 1;\n'));
    expect(error).toBeInstanceOf(SqlRevisionFormatError);
    expect((error as Error).message).toContain('-- downgrade');
  });

  it('rejects a section given twice', () => {
    const error = thrown(() => body('-- upgrade\n-- downgrade\n-- upgrade\n'));
    expect(error).toMatchObject({ code: 'SQL_REVISION_FORMAT', line: 5 });
  });

  it('rejects an unterminated string, naming its line', () => {
    const error = thrown(() => body("-- upgrade\nSELECT 1;\nSELECT 'open;\n-- downgrade\n"));
    expect(error).toMatchObject({ code: 'SQL_REVISION_FORMAT', line: 5 });
  });
});
