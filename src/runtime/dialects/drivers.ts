import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type Pg from 'pg';

/**
 * The database drivers, loaded when a connection opens. They are CommonJS packages: `require`
 * loads them directly, where `import()` from an ES module first has Node scan their source for
 * export names (measured: better-sqlite3 in 7–10 ms against 15 ms, on every app start).
 */
const requireDriver = createRequire(import.meta.url);

export const betterSqlite3Driver = (): typeof BetterSqlite3 => requireDriver('better-sqlite3');
export const pgDriver = (): typeof Pg => requireDriver('pg');
export const mysql2Driver = (): typeof import('mysql2/promise') => requireDriver('mysql2/promise');
