import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigFileNotFoundError, InvalidConfigError } from './errors.js';

/** Config file names, in the order they are looked for in each folder. */
export const CONFIG_FILE_NAMES = [
  'ambix.config.ts',
  'ambix.config.mts',
  'ambix.config.js',
  'ambix.config.mjs',
  'ambix.config.json',
] as const;

/**
 * The config file for a command: `--config PATH` when given (relative to `cwd`), else the first
 * folder from `cwd` up to the filesystem root that holds an `ambix.config.*`; null when none does.
 */
export function findConfigFile(cwd: string, configPath?: string): string | null {
  if (configPath !== undefined) {
    const file = resolve(cwd, configPath);
    if (!existsSync(file) || !statSync(file).isFile()) throw new ConfigFileNotFoundError(file);
    return file;
  }
  let folder = resolve(cwd);
  for (;;) {
    const present = CONFIG_FILE_NAMES.map((name) => join(folder, name)).filter((file) => existsSync(file));
    if (present.length > 1) {
      throw new InvalidConfigError(
        present[0] ?? folder,
        null,
        `is one of several config files in ${folder} (${present.map((file) => file.slice(folder.length + 1)).join(', ')}); keep only one.`,
      );
    }
    if (present[0] !== undefined) return present[0];
    const parent = dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}
