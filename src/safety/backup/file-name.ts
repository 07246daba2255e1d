import { basename, extname } from 'node:path';
import type { ConnectionSpec } from '../../runtime/url.js';

/** `20260131T140502Z`: sortable, and legal in file names everywhere. */
function compactTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9_.+-]+/g, '_');
}

/** The database's name as a backup file shows it: the SQLite file's stem, or the server database. */
export function databaseLabel(spec: ConnectionSpec): string {
  if (spec.dialect !== 'sqlite') return spec.database;
  if (spec.filename === ':memory:') return 'memory';
  return basename(spec.filename, extname(spec.filename));
}

/**
 * `<database>-<revision>-<timestamp>.<extension>`: which database, at which revision (`base` when
 * it has none, heads joined with `+` when it has several), taken when.
 */
export function backupFileName(spec: ConnectionSpec, heads: readonly string[], at: Date): string {
  const revision = heads.length === 0 ? 'base' : heads.join('+');
  const extension = spec.dialect === 'sqlite' ? 'db' : spec.dialect === 'postgresql' ? 'dump' : 'sql';
  return `${safe(databaseLabel(spec))}-${safe(revision)}-${compactTimestamp(at)}.${extension}`;
}
