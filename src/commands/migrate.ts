import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_DEFAULTS, findConfigFile } from '../config/index.js';
import { callerFolder } from './caller.js';
import { ProjectNotFoundError } from './errors.js';
import type { MigrationResult, OnlineCommandOptions } from './online.js';
import { upgrade } from './upgrade.js';

export interface MigrateOptions extends OnlineCommandOptions {
  /** Where to bring the database; default `head`. */
  readonly target?: string;
}

/**
 * For application start-up: takes the lock (only when there is work), brings the database to
 * `target` (`head` by default) and resolves with what ran — or rejects with the typed error
 * (`MigrationFailedError`, `LockTimeoutError`, `ConnectionFailedError`…); it never swallows a
 * failure. At head it costs one connection and one SELECT; no revision code is loaded.
 *
 * The project is found the same way wherever the process was started: from `configPath` when
 * given (an absolute path, or relative to `cwd`), else from the nearest `ambix.config.*` at or
 * above `cwd` — and `cwd` defaults to the folder of the file that calls `migrate()`, not to
 * `process.cwd()`. Settings passed as `config` replace the file; `url` overrides both.
 *
 *     await migrate(); // finds ambix.config.ts from this file's folder upwards
 */
export function migrate(options: MigrateOptions = {}): Promise<MigrationResult> {
  // Read synchronously, before any await: the caller's frame is on the stack only now.
  const cwd = options.cwd ?? callerFolder(migrate) ?? process.cwd();
  const searched = options.cwd === undefined ? 'caller' : 'cwd';
  try {
    if (
      options.config === undefined &&
      options.configPath === undefined &&
      options.migrations === undefined
    ) {
      if (
        findConfigFile(cwd) === null &&
        !CONFIG_DEFAULTS.migrations.some((folder) => existsSync(join(cwd, folder)))
      ) {
        throw new ProjectNotFoundError(resolve(cwd), searched);
      }
    }
  } catch (error) {
    return Promise.reject(error);
  }
  return upgrade({ ...options, cwd, target: options.target ?? 'head' });
}
