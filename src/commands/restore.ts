import { resolve } from 'node:path';
import { parseDatabaseUrl, redactUrl } from '../runtime/url.js';
import { restoreCommand } from '../safety/backup/server.js';
import { restoreSqlite } from '../safety/backup/sqlite.js';
import { requireUrl } from './online.js';
import { loadProject, type ProjectOptions } from './project.js';

export interface RestoreOptions extends ProjectOptions {
  /** The backup file to restore from. */
  readonly path: string;
}

export type RestoreResult =
  | { readonly kind: 'restored'; readonly url: string; readonly file: string }
  /** Server databases: ambix does not overwrite them itself; this command does. */
  | { readonly kind: 'command'; readonly url: string; readonly file: string; readonly command: string };

/**
 * `ambix restore PATH`: SQLite databases are restored in place through the backup API; for
 * PostgreSQL and MySQL/MariaDB the exact restore command is returned for the operator to run.
 */
export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const { config } = await loadProject(options);
  const url = requireUrl(config);
  const cwd = options.cwd ?? process.cwd();
  const spec = parseDatabaseUrl(url, cwd);
  const file = resolve(cwd, options.path);
  if (spec.dialect === 'sqlite') {
    await restoreSqlite(file, spec.filename);
    return { kind: 'restored', url: redactUrl(url), file };
  }
  return { kind: 'command', url: redactUrl(url), file, command: restoreCommand(spec, file) };
}
