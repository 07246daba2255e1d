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
  /**
   * The table `upgrade`/`downgrade`/`stamp` record each step in, and `log`/`doctor` read. Default
   * `ambix_history`; `false` records nothing, so ambix adds no table of its own beside Alembic's.
   */
  readonly historyTable?: string | false;
  /**
   * The schema module (`defineSchema`) that `revision --autogenerate` and `check` compare the
   * database with, relative to the config file's folder.
   */
  readonly schema?: string;
  readonly autogenerate?: AutogenerateConfig;
}

/** How `revision --autogenerate` and `check` compare; every key is optional. */
export interface AutogenerateConfig {
  /** Only tables matching one of these names or `*` patterns are compared (default: all). */
  readonly include?: readonly string[];
  /** Tables matching one of these names or `*` patterns are ignored on both sides. */
  readonly exclude?: readonly string[];
  /** Renames to apply instead of a drop and an add: `table.old:table.new` or `old_table:new_table`. */
  readonly renames?: readonly string[];
  /** Drop tables the database has and the schema does not (default false: they are only listed). */
  readonly dropTables?: boolean;
  /** Drop columns the database has and the schema does not (default false: they are only listed). */
  readonly dropColumns?: boolean;
}

export interface ResolvedAutogenerateConfig {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly renames: readonly string[];
  readonly dropTables: boolean;
  readonly dropColumns: boolean;
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
  /** Null when `historyTable: false` turned the history off. */
  readonly historyTable: string | null;
  /** The schema module's absolute path, or null when none is configured. */
  readonly schema: string | null;
  readonly autogenerate: ResolvedAutogenerateConfig;
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
  schema: null,
  autogenerate: { include: [], exclude: [], renames: [], dropTables: false, dropColumns: false },
} as const satisfies Omit<ResolvedConfig, 'configPath' | 'rootDir' | 'url'>;
