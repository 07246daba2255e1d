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
 * failure. Settings come from `options.config`, or the config file found from `options.cwd`;
 * `options.url` overrides both. At head it costs one connection and one SELECT; no revision code
 * is loaded.
 *
 *     await migrate({ url: process.env.DATABASE_URL });
 */
export function migrate(options: MigrateOptions = {}): Promise<MigrationResult> {
  return upgrade({ ...options, target: options.target ?? 'head' });
}
