import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { resolveDatabaseUrl } from './database-url.js';
import { InvalidConfigError } from './errors.js';
import { findConfigFile } from './find.js';
import { type AmbixConfig, CONFIG_DEFAULTS, type ResolvedConfig } from './types.js';
import { validateConfig } from './validate.js';

export { resolveDatabaseUrl } from './database-url.js';
export { defineConfig } from './define.js';
export { ConfigFileNotFoundError, InvalidConfigError } from './errors.js';
export { CONFIG_FILE_NAMES, findConfigFile } from './find.js';
export type {
  AmbixConfig,
  AutogenerateConfig,
  ResolvedAutogenerateConfig,
  ResolvedConfig,
  RevisionFileFormat,
  TransactionMode,
} from './types.js';
export { CONFIG_DEFAULTS } from './types.js';

export interface LoadConfigOptions {
  /** Where to start looking for a config file; also what `--migrations` is relative to. */
  readonly cwd?: string;
  /** `--config PATH`. */
  readonly configPath?: string;
  /** `--migrations DIR…`: replaces the configured version locations. */
  readonly migrations?: readonly string[];
  /** `--url`. */
  readonly url?: string;
}

/**
 * The configuration for a command: the config file (if any) validated, defaults applied, paths
 * made absolute, and command-line overrides on top. With no config file ambix runs on defaults.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const configPath = findConfigFile(cwd, options.configPath);
  const config = configPath === null ? {} : await readConfigFile(configPath);
  return resolveConfig(config, { configPath, cwd }, options);
}

/**
 * Applies defaults and command-line overrides to validated settings: what `loadConfig` does after
 * reading the file, and what `migrate({ config })` does with settings passed in code (no file:
 * `configPath` null, paths relative to `cwd`).
 */
export function resolveConfig(
  config: AmbixConfig,
  place: { readonly configPath: string | null; readonly cwd: string },
  overrides: { readonly migrations?: readonly string[]; readonly url?: string } = {},
): ResolvedConfig {
  const rootDir = place.configPath === null ? place.cwd : dirname(place.configPath);
  const configured = config.migrations ?? CONFIG_DEFAULTS.migrations;
  const migrations =
    overrides.migrations !== undefined && overrides.migrations.length > 0
      ? overrides.migrations.map((folder) => resolve(place.cwd, folder))
      : (typeof configured === 'string' ? [configured] : configured).map((folder) =>
          resolve(rootDir, folder),
        );
  return {
    configPath: place.configPath,
    rootDir,
    url: resolveDatabaseUrl({ option: overrides.url, config: config.url }),
    migrations,
    versionTable: config.versionTable ?? CONFIG_DEFAULTS.versionTable,
    versionTableSchema: config.versionTableSchema ?? CONFIG_DEFAULTS.versionTableSchema,
    transactionMode: config.transactionMode ?? CONFIG_DEFAULTS.transactionMode,
    lockTimeout: config.lockTimeout ?? CONFIG_DEFAULTS.lockTimeout,
    fileTemplate: config.fileTemplate ?? CONFIG_DEFAULTS.fileTemplate,
    truncateSlugLength: config.truncateSlugLength ?? CONFIG_DEFAULTS.truncateSlugLength,
    revisionFormat: config.revisionFormat ?? CONFIG_DEFAULTS.revisionFormat,
    historyTable:
      config.historyTable === false ? null : (config.historyTable ?? CONFIG_DEFAULTS.historyTable),
    schema: config.schema === undefined ? CONFIG_DEFAULTS.schema : resolve(rootDir, config.schema),
    autogenerate: { ...CONFIG_DEFAULTS.autogenerate, ...config.autogenerate },
  };
}

/** Reads and validates one config file: JSON as data, anything else as a module's default export. */
export async function readConfigFile(file: string): Promise<AmbixConfig> {
  if (extname(file) === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new InvalidConfigError(file, null, `is not valid JSON: ${(error as Error).message}`, error);
    }
    return validateConfig(data, file, { allowSchemaKey: true });
  }
  if (!['.ts', '.mts', '.js', '.mjs', '.cjs', '.cts'].includes(extname(file))) {
    throw new InvalidConfigError(
      file,
      null,
      'is not a config file ambix can read; use .ts, .mts, .js, .mjs or .json.',
    );
  }
  // Loaded on demand: the loader pulls in esbuild, which a JSON config (or none) never needs.
  const { loadModule } = await import('../loader/index.js');
  const exports = await loadModule(file);
  if (!('default' in exports) || exports.default === undefined) {
    throw new InvalidConfigError(
      file,
      null,
      "has no default export; write `export default defineConfig({ ... })` (defineConfig comes from 'ambix').",
    );
  }
  return validateConfig(await exports.default, file);
}
