import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { betterSqlite3Driver } from '../../dialects/drivers.js';
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
 * direction, so connections other processes hold see a consistent database afterwards. The API
 * copies page by page (memory stays bounded whatever the file's size), and the destination is
 * written in one transaction: an interrupted restore leaves the database as it was.
 */
export async function restoreSqlite(source: string, filename: string): Promise<void> {
  if (!existsSync(source)) throw new RestoreSourceError(source, 'the file does not exist');
  if (fileStart(source, SQLITE_HEADER.length) !== SQLITE_HEADER) {
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

/** The first `length` bytes of a file, read alone: a backup may be far larger than memory. */
function fileStart(file: string, length: number): string {
  const fd = openSync(file, 'r');
  try {
    const start = Buffer.alloc(length);
    const read = readSync(fd, start, 0, length, 0);
    return start.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** The native driver, loaded only when a backup or restore runs (the library entry stays light). */
async function driver() {
  return betterSqlite3Driver();
}
