import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type Pg from 'pg';
import { DriverNotInstalledError } from '../runtime/driver-errors.js';

/**
 * The database drivers, loaded when a connection opens. They are CommonJS packages: `require`
 * loads them directly, where `import()` from an ES module first has Node scan their source for
 * export names (measured: better-sqlite3 in 7–10 ms against 15 ms, on every app start).
 *
 * better-sqlite3 is a dependency (SQLite is the default); pg and mysql2 are optional peer
 * dependencies, so a project installs only the driver of the database it uses, and a missing one
 * is a typed error naming the package, raised when its URL is first used.
 */
const requireDriver = createRequire(import.meta.url);

function load<T>(id: string, packageName: string, database: string): T {
  try {
    return requireDriver(id) as T;
  } catch (error) {
    if (isMissing(error, packageName))
      throw new DriverNotInstalledError(packageName, database, { cause: error });
    throw error;
  }
}

/** The package itself is missing (not one of its own dependencies, nor a broken install). */
function isMissing(error: unknown, packageName: string): boolean {
  if (!(error instanceof Error) || (error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') return false;
  return new RegExp(`Cannot find module '${packageName}(/[^']*)?'`).test(error.message);
}

export const betterSqlite3Driver = (): typeof BetterSqlite3 =>
  load('better-sqlite3', 'better-sqlite3', 'SQLite');
export const pgDriver = (): typeof Pg => load('pg', 'pg', 'PostgreSQL');
export const mysql2Driver = (): typeof import('mysql2/promise') =>
  load('mysql2/promise', 'mysql2', 'MySQL/MariaDB');
