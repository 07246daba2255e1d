import { loadConfig } from '../config/index.js';
import { ensureVersionTable } from '../runtime/read.js';
import {
  type OfflineCommandOptions,
  offlineDialect,
  requireUrl,
  type SqlScript,
  versionTableOf,
} from './online.js';
import type { ProjectOptions } from './project.js';

export interface EnsureVersionResult {
  /** The version table as configured (`alembic_version` by default). */
  readonly table: string;
  /** False when it already existed. */
  readonly created: boolean;
}

/** `ambix ensure-version`: creates the version table if it is absent, and nothing else. */
export async function ensureVersion(options: ProjectOptions = {}): Promise<EnsureVersionResult> {
  const config = await loadConfig(options);
  const { created } = await ensureVersionTable({
    url: requireUrl(config),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    versionTable: versionTableOf(config),
  });
  return { table: config.versionTable, created };
}

/** `ambix ensure-version --sql`: the CREATE TABLE alone (Alembic also prints a DROP TABLE after it). */
export async function ensureVersionSql(options: OfflineCommandOptions = {}): Promise<SqlScript> {
  const config = await loadConfig(options);
  const dialect = offlineDialect(config, options.dialect);
  const { renderVersionTableScript } = await import('../runtime/offline.js');
  return { dialect, sql: renderVersionTableScript(dialect, versionTableOf(config)) };
}
