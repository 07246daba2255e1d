import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Session } from '../../runtime/session.js';
import { type ConnectionSpec, describeConnection } from '../../runtime/url.js';
import { RestoreFailedError, RestoreSourceError, RestoreToolMissingError } from './errors.js';
import { runClient } from './pipe.js';
import { findTool } from './server.js';

type MysqlSpec = Extract<ConnectionSpec, { dialect: 'postgresql' | 'mysql' }>;

/** The first and last bytes of a file, read without reading the rest (dumps can be huge). */
function ends(file: string, size: number): { readonly head: string; readonly tail: string } {
  const fd = openSync(file, 'r');
  try {
    const length = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, length));
    readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, length));
    readSync(fd, tail, 0, tail.length, length - tail.length);
    return { head: head.toString('utf8'), tail: tail.toString('utf8') };
  } catch (error) {
    throw new RestoreSourceError(file, `it cannot be read (${(error as Error).message})`);
  } finally {
    closeSync(fd);
  }
}

/**
 * A dump written to the end: `mariadb-dump`/`mysqldump` start with their banner and write
 * "Dump completed" last. Checked before anything is dropped, because nothing can be rolled back
 * on MySQL/MariaDB once a table is dropped.
 */
function checkDump(file: string): void {
  let text: { readonly head: string; readonly tail: string };
  try {
    text = ends(file, 512);
  } catch (error) {
    if (error instanceof RestoreSourceError) throw error;
    throw new RestoreSourceError(file, 'the file does not exist');
  }
  // Recent mariadb-dump writes a sandbox-mode comment before its banner.
  if (!/^-- (MariaDB|MySQL) dump/m.test(text.head)) {
    throw new RestoreSourceError(file, 'it is not a mariadb-dump or mysqldump file');
  }
  if (!text.tail.includes('-- Dump completed')) {
    throw new RestoreSourceError(file, 'the dump is incomplete (it does not end with "Dump completed")');
  }
}

function quote(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/**
 * The statements that empty the database: every view, table, sequence, routine and event. The
 * dump's own `DROP TABLE IF EXISTS` covers only the tables it holds, so tables created after the
 * backup would stay, and a table another one references cannot be recreated.
 */
async function emptyingStatements(session: Session): Promise<string> {
  const statements = ['SET FOREIGN_KEY_CHECKS = 0;'];
  const tables = await session.execute(
    `SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_TYPE = 'VIEW' DESC, TABLE_NAME`,
  );
  for (const row of tables.rows) {
    const kind = row.type === 'VIEW' ? 'VIEW' : row.type === 'SEQUENCE' ? 'SEQUENCE' : 'TABLE';
    statements.push(`DROP ${kind} IF EXISTS ${quote(String(row.name))};`);
  }
  const routines = await session.execute(
    `SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type FROM information_schema.ROUTINES
      WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_NAME`,
  );
  for (const row of routines.rows) {
    statements.push(
      `DROP ${row.type === 'FUNCTION' ? 'FUNCTION' : 'PROCEDURE'} IF EXISTS ${quote(String(row.name))};`,
    );
  }
  const events = await session.execute(
    'SELECT EVENT_NAME AS name FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE() ORDER BY EVENT_NAME',
  );
  for (const row of events.rows) statements.push(`DROP EVENT IF EXISTS ${quote(String(row.name))};`);
  return `${statements.join('\n')}\n`;
}

/**
 * Restores a `mariadb-dump`/`mysqldump` file into the database it names: the database is emptied,
 * then the dump replayed, through the `mariadb` (or `mysql`) client on one connection. The caller
 * holds the migration lock. MySQL/MariaDB commit every DDL statement, so this cannot be one
 * transaction: the dump is checked whole before anything is dropped, and a failure says so.
 */
export async function restoreMysql(session: Session, spec: MysqlSpec, source: string): Promise<void> {
  checkDump(source);
  const client = findTool(['mariadb', 'mysql']);
  if (client === null) {
    throw new RestoreToolMissingError(
      'MySQL/MariaDB',
      ['mariadb (or mysql)'],
      'e.g. apt install mariadb-client',
    );
  }
  const prelude = await emptyingStatements(session);
  const result = await runClient(
    client,
    [
      '--no-defaults',
      `--host=${spec.host}`,
      `--port=${spec.port}`,
      `--user=${spec.user}`,
      '--batch',
      `--database=${spec.database}`,
    ],
    { ...process.env, ...(spec.password === null ? {} : { MYSQL_PWD: spec.password }) },
    prelude,
    { file: source },
  );
  if (result.code !== 0) {
    const client = findTool(['mariadb']) === null ? 'mysql' : 'mariadb';
    throw new RestoreFailedError(
      client,
      describeConnection(spec),
      result.stderr || `exit status ${result.code}`,
      true,
    );
  }
}
