/** How migrations are wrapped in transactions (see README, "Transactions"). */
export type TransactionMode = 'per-migration' | 'all' | 'none';

/** What `ambix revision` writes. */
export type RevisionFileFormat = 'ts' | 'js' | 'sql';

/** The keys of `ambix.config.*`; every key is optional. */
export interface AmbixConfig {
  /** Database URL; `--url` and then this, then `DATABASE_URL`. */
  readonly url?: string;
  /** Version locations, relative to the config file's folder. Default `migrations`. */
  readonly migrations?: string | readonly string[];
  /** Default `alembic_version`, so a database Alembic manages can be carried on. */
  readonly versionTable?: string;
  readonly versionTableSchema?: string | null;
  /** Default `per-migration`. */
  readonly transactionMode?: TransactionMode;
  /** How long to wait for another ambix process's migration lock, in milliseconds. Default 120000. */
  readonly lockTimeout?: number;
  /** New revision file names (Alembic's `file_template`). Default `%(rev)s_%(slug)s`. */
  readonly fileTemplate?: string;
  /** Default 40. */
  readonly truncateSlugLength?: number;
  /** Default `ts`. */
  readonly revisionFormat?: RevisionFileFormat;
  /** The table `upgrade`/`downgrade`/`stamp` record each step in, and `log`/`doctor` read. Default `ambix_history`. */
  readonly historyTable?: string;
}

/** The configuration every command works from: defaults applied, paths absolute. */
export interface ResolvedConfig {
  /** The config file used, or null when none was found. */
  readonly configPath: string | null;
  /** The config file's folder, or the working directory when there is none. */
  readonly rootDir: string;
  readonly url: string | null;
  /** Absolute version locations, in configured order (the load order). */
  readonly migrations: readonly string[];
  readonly versionTable: string;
  readonly versionTableSchema: string | null;
  readonly transactionMode: TransactionMode;
  readonly lockTimeout: number;
  readonly fileTemplate: string;
  readonly truncateSlugLength: number;
  readonly revisionFormat: RevisionFileFormat;
  readonly historyTable: string;
}

export const CONFIG_DEFAULTS = {
  migrations: ['migrations'],
  versionTable: 'alembic_version',
  versionTableSchema: null,
  transactionMode: 'per-migration',
  lockTimeout: 120_000,
  fileTemplate: '%(rev)s_%(slug)s',
  truncateSlugLength: 40,
  revisionFormat: 'ts',
  historyTable: 'ambix_history',
} as const satisfies Omit<ResolvedConfig, 'configPath' | 'rootDir' | 'url'>;
