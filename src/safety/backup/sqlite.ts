import { existsSync, readFileSync } from 'node:fs';
import { betterSqlite3Driver } from '../../runtime/dialects/drivers.js';
import { RestoreSourceError } from './errors.js';

/**
 * Copies a live SQLite database with SQLite's online backup API: the copy is consistent even while
 * the application keeps writing, unlike copying the file.
 */
export async function backupSqlite(filename: string, destination: string): Promise<void> {
  const Database = await driver();
  const database = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    await database.backup(destination);
  } finally {
    database.close();
  }
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Replaces the database's content with the backup's, through the backup API in the other
 * direction, so connections other processes hold see a consistent database afterwards.
 */
export async function restoreSqlite(source: string, filename: string): Promise<void> {
  if (!existsSync(source)) throw new RestoreSourceError(source, 'the file does not exist');
  if (readFileSync(source).subarray(0, SQLITE_HEADER.length).toString('latin1') !== SQLITE_HEADER) {
    throw new RestoreSourceError(source, 'it is not a SQLite database');
  }
  const Database = await driver();
  const backup = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(filename);
  } finally {
    backup.close();
  }
}

/** The native driver, loaded only when a backup or restore runs (the library entry stays light). */
async function driver() {
  return betterSqlite3Driver();
}
