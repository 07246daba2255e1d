import type { DialectName } from '../../dialect.js';
import { SqlLexError, splitSqlStatements } from './statements.js';

/** Delimiters tried for a MySQL statement that holds `;`, as mysqldump and the manual use them. */
const MYSQL_DELIMITERS = ['$$', '//', ';;', '$$$'];

/**
 * One statement as written in an SQL script (`--sql`) so that the database's own client reads it
 * back as one statement: ended by `;`, and on MySQL, when it holds `;` itself (a procedure or
 * trigger body), between `DELIMITER` lines, which the mysql client needs and the others do not
 * (psql knows dollar quotes and BEGIN ATOMIC, sqlite3 knows trigger bodies).
 */
export function scriptStatement(sql: string, dialect: DialectName): string {
  const text = sql.trim().replace(/;\s*$/, '');
  if (dialect !== 'mysql' || !holdsSemicolons(text)) return `${text};`;
  const delimiter = MYSQL_DELIMITERS.find((candidate) => !text.includes(candidate)) ?? '$$$';
  return `DELIMITER ${delimiter}\n${text}${delimiter}\nDELIMITER ;`;
}

/** Whether the mysql client would split the text into more than one statement. */
function holdsSemicolons(text: string): boolean {
  try {
    return splitSqlStatements(text, 'mysql').length > 1;
  } catch (error) {
    if (error instanceof SqlLexError) return false;
    throw error;
  }
}
