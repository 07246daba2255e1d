import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { RunEventListener } from '../runtime/events.js';
import { underLock } from '../runtime/run.js';
import { connect } from '../runtime/session.js';
import { parseDatabaseUrl, redactUrl } from '../runtime/url.js';
import { readVersionRows, VersionTableSql } from '../runtime/version-table.js';
import { RestoreSourceError } from '../safety/backup/errors.js';
import { requireUrl, versionTableOf } from './online.js';
import { loadProject, type ProjectOptions } from './project.js';

export interface RestoreOptions extends ProjectOptions {
  /** The backup file to restore from. */
  readonly path: string;
  /** Told when the restore waits for and takes the migration lock. */
  readonly onEvent?: RunEventListener;
}

export interface RestoreResult {
  readonly kind: 'restored';
  readonly url: string;
  readonly file: string;
  /** The version rows after the restore: the revision the backup was taken at. */
  readonly heads: readonly string[];
}

/**
 * `ambix restore PATH`: replaces the database with the backup, exactly — tables created since are
 * dropped, and tables the upgrades changed come back as they were — under the migration lock, so
 * no upgrade runs meanwhile. SQLite through the backup API; PostgreSQL with pg_restore and psql in
 * one transaction; MySQL/MariaDB with the client. A restore that cannot be exact is refused first.
 */
export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const { config } = await loadProject(options);
  const url = requireUrl(config);
  const cwd = options.cwd ?? process.cwd();
  const spec = parseDatabaseUrl(url, cwd);
  const file = resolve(cwd, options.path);
  if (!existsSync(file)) throw new RestoreSourceError(file, 'the file does not exist');
  if (spec.dialect === 'sqlite' && spec.filename === ':memory:') {
    throw new UsageError(
      'Cannot restore into an in-memory SQLite database: give the URL of a database file.',
    );
  }
  const session = await connect(spec, { busyTimeoutMs: config.lockTimeout });
  try {
    const table = versionTableOf(config);
    await underLock(
      session,
      { versionTable: table, lockTimeoutMs: config.lockTimeout },
      options.onEvent ?? (() => {}),
      async () => {
        if (spec.dialect === 'sqlite') {
          await (await import('../safety/backup/sqlite.js')).restoreSqlite(file, spec.filename);
        } else if (spec.dialect === 'postgresql') {
          await (await import('../safety/backup/postgresql-restore.js')).restorePostgresql(
            session,
            spec,
            file,
          );
        } else {
          await (await import('../safety/backup/mysql-restore.js')).restoreMysql(session, spec, file);
        }
      },
    );
    const { rows } = await readVersionRows(session, new VersionTableSql(session.adapter, table));
    return { kind: 'restored', url: redactUrl(url), file, heads: rows };
  } finally {
    await session.close();
  }
}
