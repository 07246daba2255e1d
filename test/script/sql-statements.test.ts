/** The one SQL statement splitter, form by form, for each database's rules. */
import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import { scriptStatement } from '../../src/script/sql/script.js';
import { SqlLexError, splitSqlStatements } from '../../src/script/sql/statements.js';

function split(sql: string, dialect: DialectName): string[] {
  return splitSqlStatements(sql, dialect).map((statement) => statement.text);
}

function lexError(sql: string, dialect: DialectName): SqlLexError {
  try {
    splitSqlStatements(sql, dialect);
  } catch (error) {
    if (error instanceof SqlLexError) return error;
    throw error;
  }
  throw new Error('expected a SqlLexError');
}

describe('SQLite', () => {
  it('keeps a CREATE TRIGGER … BEGIN … END body whole', () => {
    const trigger = 'CREATE TRIGGER t AFTER UPDATE ON a\nBEGIN\n  UPDATE a SET x = 1;\n  DELETE FROM b;\nEND';
    expect(split(`${trigger};\nSELECT 1;`, 'sqlite')).toEqual([trigger, 'SELECT 1']);
  });

  it('does not end a trigger body at the END of a CASE inside it', () => {
    const trigger =
      'CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN 1 THEN 2 ELSE 3 END; END';
    expect(split(`${trigger}; SELECT 2`, 'sqlite')).toEqual([trigger, 'SELECT 2']);
  });

  it('splits a plain BEGIN; … END; transaction into its statements', () => {
    expect(split('BEGIN; SELECT 1; END;', 'sqlite')).toEqual(['BEGIN', 'SELECT 1', 'END']);
  });

  it('keeps semicolons inside `…` and […] names', () => {
    expect(split('SELECT `a;b`, [c;d] FROM t; SELECT 2', 'sqlite')).toEqual([
      'SELECT `a;b`, [c;d] FROM t',
      'SELECT 2',
    ]);
  });

  it('takes a backslash as an ordinary character', () => {
    expect(split("SELECT 'C:\\'; SELECT 2", 'sqlite')).toEqual(["SELECT 'C:\\'", 'SELECT 2']);
  });
});

describe('PostgreSQL', () => {
  it('keeps dollar-quoted bodies whole, with tags and $$ inside tagged ones', () => {
    const fn =
      'CREATE FUNCTION f() RETURNS int AS $fn$ BEGIN PERFORM $$a;b$$; RETURN 1; END $fn$ LANGUAGE plpgsql';
    expect(split(`${fn}; SELECT 1`, 'postgresql')).toEqual([fn, 'SELECT 1']);
  });

  it('keeps a BEGIN ATOMIC … END body whole', () => {
    const fn =
      'CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN a END; SELECT 1; END';
    expect(split(`${fn}; SELECT 2`, 'postgresql')).toEqual([fn, 'SELECT 2']);
  });

  it("honours backslash escapes in E'…' strings only", () => {
    expect(split("SELECT E'it\\'s; x'; SELECT 'C:\\'; SELECT 3", 'postgresql')).toEqual([
      "SELECT E'it\\'s; x'",
      "SELECT 'C:\\'",
      'SELECT 3',
    ]);
  });

  it('nests block comments', () => {
    expect(split('/* a /* b; */ c; */ SELECT 1; SELECT 2', 'postgresql')).toEqual([
      '/* a /* b; */ c; */ SELECT 1',
      'SELECT 2',
    ]);
  });

  it('treats $1 and a$b as no dollar quote, and # as an operator', () => {
    expect(split("SELECT $1, a$b, '{}'::jsonb #> '{a}'; SELECT 2", 'postgresql')).toEqual([
      "SELECT $1, a$b, '{}'::jsonb #> '{a}'",
      'SELECT 2',
    ]);
  });
});

describe('MySQL/MariaDB', () => {
  it('reads # as a comment to the end of the line', () => {
    expect(split("# it's; a comment\nSELECT 1; SELECT 2", 'mysql')).toEqual([
      "# it's; a comment\nSELECT 1",
      'SELECT 2',
    ]);
  });

  it('reads -- as a comment only before a space', () => {
    expect(split('SELECT 1--1; -- note; here\nSELECT 2', 'mysql')).toEqual([
      'SELECT 1--1',
      '-- note; here\nSELECT 2',
    ]);
  });

  it('honours backslash escapes in single- and double-quoted strings', () => {
    expect(split(`INSERT INTO t VALUES ('O\\'Brien; x', "say \\"hi\\"; y"); SELECT 2`, 'mysql')).toEqual([
      `INSERT INTO t VALUES ('O\\'Brien; x', "say \\"hi\\"; y")`,
      'SELECT 2',
    ]);
  });

  it('follows DELIMITER lines, which are not statements', () => {
    const procedure = 'CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND';
    expect(split(`SELECT 0;\nDELIMITER $$\n${procedure}$$\nDELIMITER ;\nSELECT 3;`, 'mysql')).toEqual([
      'SELECT 0',
      procedure,
      'SELECT 3',
    ]);
  });

  it('keeps a versioned /*! … */ comment as code', () => {
    expect(split('/*!40101 SET NAMES utf8mb4 */;\n/* plain */;\nSELECT 1', 'mysql')).toEqual([
      '/*!40101 SET NAMES utf8mb4 */',
      'SELECT 1',
    ]);
  });

  it('does not nest block comments', () => {
    expect(split('/* a /* b */ SELECT 1; SELECT 2', 'mysql')).toEqual(['/* a /* b */ SELECT 1', 'SELECT 2']);
  });
});

describe('every dialect', () => {
  it('drops pieces that hold only comments and keeps comments with the next statement', () => {
    expect(split('-- lead\nSELECT 1;\n-- only a comment;\n', 'sqlite')).toEqual(['-- lead\nSELECT 1']);
  });

  it('gives each statement its offset in the text', () => {
    expect(
      splitSqlStatements('SELECT 1;\n  SELECT 2', 'postgresql').map((statement) => statement.start),
    ).toEqual([0, 12]);
  });

  it('refuses an unterminated string, naming where it starts', () => {
    expect(lexError("SELECT 1;\nSELECT 'open", 'sqlite')).toMatchObject({ offset: 17 });
    expect(lexError('SELECT $$ open', 'postgresql').detail).toContain('unterminated dollar-quoted string $$');
    expect(lexError('/* a /* b */', 'postgresql').detail).toContain('unterminated /* comment');
  });
});

describe('statements written into an offline script', () => {
  it('ends each with ;', () => {
    expect(scriptStatement('SELECT 1', 'postgresql')).toBe('SELECT 1;');
    expect(scriptStatement('SELECT 1;', 'sqlite')).toBe('SELECT 1;');
  });

  it('puts a MySQL body holding ; between DELIMITER lines, with a delimiter it does not contain', () => {
    const procedure = 'CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END';
    expect(scriptStatement(procedure, 'mysql')).toBe(`DELIMITER $$\n${procedure}$$\nDELIMITER ;`);
    const dollars = "CREATE PROCEDURE p() BEGIN SELECT '$$'; END";
    expect(scriptStatement(dollars, 'mysql')).toBe(`DELIMITER //\n${dollars}//\nDELIMITER ;`);
  });

  it('leaves trigger and function bodies to the SQLite and PostgreSQL clients', () => {
    const trigger = 'CREATE TRIGGER t AFTER UPDATE ON a BEGIN SELECT 1; END';
    expect(scriptStatement(trigger, 'sqlite')).toBe(`${trigger};`);
  });
});
