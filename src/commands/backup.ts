import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type ConnectionSpec, describeConnection, parseDatabaseUrl, redactUrl } from '../runtime/url.js';
import { readVersionRows, VersionTableSql } from '../runtime/version-table.js';
import { NothingToBackUpError } from '../safety/backup/errors.js';
import { backupFileName } from '../safety/backup/file-name.js';
import { backupServer } from '../safety/backup/server.js';
import { backupSqlite } from '../safety/backup/sqlite.js';
import { connectIfExists } from '../safety/live-database.js';
import { requireUrl, versionTableOf } from './online.js';
import { loadProject, type ProjectOptions } from './project.js';

export interface BackupOptions extends ProjectOptions {
  /**
   * `--to PATH`: an existing folder (the file is named inside it) or a file path. Default: the
   * `backups` folder next to the config file.
   */
  readonly to?: string;
  /** The moment the file name carries (default: now). */
  readonly now?: Date;
}

export interface BackupResult {
  readonly url: string;
  /** Absolute path of the backup file written. */
  readonly file: string;
  /** The version rows when the backup was taken. */
  readonly heads: readonly string[];
}

/** `ambix backup`: a consistent copy of the database, named after it, its revision and the time. */
export async function backup(options: BackupOptions): Promise<BackupResult> {
  const { config } = await loadProject(options);
  const url = requireUrl(config);
  const cwd = options.cwd ?? process.cwd();
  const spec = parseDatabaseUrl(url, cwd);
  const heads = await currentHeads(spec, versionTableOf(config));
  const name = backupFileName(spec, heads, options.now ?? new Date());
  const file = destinationFor(
    options.to === undefined ? join(config.rootDir, 'backups') : resolve(cwd, options.to),
    name,
    options.to === undefined,
  );
  mkdirSync(dirname(file), { recursive: true });
  if (spec.dialect === 'sqlite') await backupSqlite(spec.filename, file);
  else await backupServer(spec, file);
  return { url: redactUrl(url), file, heads };
}

/** A folder (existing, or the default one) gets the generated name; anything else is the file itself. */
function destinationFor(target: string, name: string, isFolder: boolean): string {
  if (isFolder || (existsSync(target) && statSync(target).isDirectory()) || /[/\\]$/.test(target)) {
    return join(target, name);
  }
  return target;
}

async function currentHeads(
  spec: ConnectionSpec,
  table: ReturnType<typeof versionTableOf>,
): Promise<readonly string[]> {
  const session = await connectIfExists(spec);
  if (session === null) throw new NothingToBackUpError(describeConnection(spec));
  try {
    return (await readVersionRows(session, new VersionTableSql(session.adapter, table))).rows;
  } finally {
    await session.close();
  }
}
