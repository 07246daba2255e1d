import { resolve } from 'node:path';
import { type AmbixConfig, type ResolvedConfig, resolveConfig } from '../config/index.js';
import { validateConfig } from '../config/validate.js';
import type { DialectName } from '../dialect.js';
import type { VersionTableRef } from '../dialects/adapter.js';
import { AmbixError, UsageError } from '../errors.js';
import type { RunEventListener, StepInfo } from '../runtime/events.js';
import type { StepRecorder } from '../runtime/executor.js';
import type { RevisionCodeLoader } from '../runtime/revision-code.js';
import { runPlan } from '../runtime/run.js';
import type { Session } from '../runtime/session.js';
import { parseDatabaseUrl } from '../runtime/url.js';
import { discoverRevisions } from '../script/discovery.js';
import { RevisionGraph } from '../script/graph.js';
import type { Plan } from '../script/plan.js';
import { loadProject, type Project, type ProjectOptions } from './project.js';

/** Options shared by the commands that change the database (`upgrade`, `downgrade`, `stamp`, `migrate`). */
export interface OnlineCommandOptions extends ProjectOptions {
  /** Told about each step as it happens (see `RunEvent`); the CLI renders these. */
  readonly onEvent?: RunEventListener;
  /**
   * Settings given in code instead of a config file (`migrate()` at application start). When
   * set, no config file is searched; `url` and `migrations` options still take precedence.
   */
  readonly config?: AmbixConfig;
}

/** What an online `upgrade`, `downgrade`, `stamp` or `migrate` did. */
export interface MigrationResult {
  /** Version rows when this process started planning (after taking the lock, when it took one). */
  readonly startHeads: readonly string[];
  /** Version rows at the end. */
  readonly heads: readonly string[];
  /** The revisions this process ran, in order; empty when there was nothing to do. */
  readonly ran: readonly StepInfo[];
  readonly durationMs: number;
}

/** No `--url`, no `url` in the config and no `DATABASE_URL`. */
export class MissingDatabaseUrlError extends AmbixError {
  constructor(configPath: string | null) {
    super(
      'MISSING_DATABASE_URL',
      'No database URL: pass --url, set `url` in ' +
        `${configPath ?? 'the config file (ambix.config.ts)'}, or set the DATABASE_URL environment variable.`,
    );
  }
}

export function requireUrl(config: ResolvedConfig): string {
  if (config.url === null) throw new MissingDatabaseUrlError(config.configPath);
  return config.url;
}

export function versionTableOf(config: ResolvedConfig): VersionTableRef {
  return { name: config.versionTable, schema: config.versionTableSchema };
}

/** The project from `options.config` when given in code, else from the config file. */
export async function loadOnlineProject(options: OnlineCommandOptions): Promise<Project> {
  if (options.config === undefined) return loadProject(options);
  const cwd = options.cwd ?? process.cwd();
  const config = resolveInlineConfig(options.config, options, cwd);
  return { config, graph: RevisionGraph.build(await discoverRevisions(config.migrations)) };
}

function resolveInlineConfig(raw: AmbixConfig, options: ProjectOptions, cwd: string): ResolvedConfig {
  return resolveConfig(
    validateConfig(raw, '<config passed in code>'),
    { configPath: null, cwd: resolve(cwd) },
    options,
  );
}

/** What a command may do under the lock before the first step (see `RunPlanOptions.beforeSteps`). */
export type BeforeSteps = (
  project: Project,
  run: { readonly session: Session; readonly plan: Plan; readonly rows: readonly string[] },
) => Promise<void>;

/**
 * Writes the steps' rows in the history table, inside the transaction that commits them. The
 * safety layer is imported at the first record, so the no-op path neither loads it nor touches
 * the table. Offline (`--sql`) scripts carry no history rows: the history records what ran, with
 * the checksum of the file as it ran, and a script has not run when it is rendered.
 */
function historyRecorder(table: string): StepRecorder {
  // One recorder per run, and a run ends at its first failure: once a record has created the
  // table, the later ones of the same run can skip the CREATE.
  let tableEnsured = false;
  const record = async (session: Session, steps: Parameters<StepRecorder>[1]) => {
    const { recordPlanSteps } = await historyModule();
    await recordPlanSteps(session, steps, table, { ensureTable: !tableEnsured });
    tableEnsured = true;
  };
  return Object.assign(record, {
    // On MySQL/MariaDB a CREATE TABLE commits implicitly: made after the step's version row it
    // would commit that row before the history row is written. Made first, it commits only what
    // the step's DDL had committed anyway, and the rows that follow stay one transaction.
    prepare: async (session: Session) => {
      if (tableEnsured || session.adapter.transactionalDdl) return;
      const { ensureHistoryTable } = await historyRecordModule();
      await ensureHistoryTable(session, table);
      tableEnsured = true;
    },
  });
}

let historyRecordModulePromise: Promise<typeof import('../safety/history/record.js')> | undefined;
const historyRecordModule = () => {
  historyRecordModulePromise ??= import('../safety/history/record.js');
  return historyRecordModulePromise;
};

// Imported once per process and remembered: Node resolves a dynamic import() afresh on every
// call, which costs more per step than writing the history row itself.
let historyModulePromise: Promise<typeof import('../safety/history/plan-step.js')> | undefined;
const historyModule = () => {
  historyModulePromise ??= import('../safety/history/plan-step.js');
  return historyModulePromise;
};
let revisionCodePromise: Promise<typeof import('../script/revision-code.js')> | undefined;
const revisionCodeModule = () => {
  revisionCodePromise ??= import('../script/revision-code.js');
  return revisionCodePromise;
};

/**
 * Loads each revision's code as its step runs. The loader (and esbuild) is needed only when a
 * revision runs, never on the no-op fast path; at the first step, every revision the plan will
 * run is transpiled in one parallel batch, which on a cold cache replaces one esbuild call per
 * revision (most of the run on a fresh checkout) and on a warm one costs nothing extra.
 */
function revisionCodeLoader(plan: () => Plan | undefined, dialect: DialectName): RevisionCodeLoader {
  let prepared = false;
  return async (revision) => {
    const module = await revisionCodeModule();
    if (!prepared) {
      prepared = true;
      const steps = plan()?.steps ?? [];
      await module.preloadRevisionCode(
        steps.flatMap((step) => (step.kind === 'migration' ? [step.revision] : [])),
      );
    }
    return module.loadRevisionCode(revision, dialect);
  };
}

/**
 * Runs a planned command online: connect, read the rows, plan; with work to do, take the lock,
 * re-read and re-plan (another process may have done it meanwhile), run `beforeSteps`, execute,
 * recording each step in the history table.
 */
export async function runOnline(
  options: OnlineCommandOptions,
  plan: (project: Project, rows: readonly string[]) => Plan,
  beforeSteps?: BeforeSteps,
): Promise<MigrationResult> {
  const project = await loadOnlineProject(options);
  const { config } = project;
  let planned: Plan | undefined;
  const url = requireUrl(config);
  const result = await runPlan({
    url,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    versionTable: versionTableOf(config),
    transactionMode: config.transactionMode,
    lockTimeoutMs: config.lockTimeout,
    plan: (rows) => {
      planned = plan(project, rows);
      return planned;
    },
    loadCode: revisionCodeLoader(() => planned, parseDatabaseUrl(url, options.cwd).dialect),
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
    ...(beforeSteps === undefined
      ? {}
      : { beforeSteps: (session, planned, rows) => beforeSteps(project, { session, plan: planned, rows }) }),
    ...(config.historyTable === null ? {} : { recordSteps: historyRecorder(config.historyTable) }),
  }).finally(async () => {
    // Revision code ran in this process: keep what V8 compiled of it for the next start.
    if (revisionCodePromise !== undefined) (await revisionCodePromise).saveCompiledRevisionCode();
  });
  return {
    startHeads: result.startHeads,
    heads: result.heads,
    ran: result.ran,
    durationMs: result.durationMs,
  };
}

/** Options of the `--sql` (offline) forms. */
export interface OfflineCommandOptions extends ProjectOptions {
  /** `--dialect`: the SQL dialect when there is no URL to take it from. */
  readonly dialect?: DialectName;
}

/** An offline script and the dialect it was rendered for. */
export interface SqlScript {
  readonly dialect: DialectName;
  /** Statements separated by blank lines, each ending with `;`. */
  readonly sql: string;
}

/** `--dialect` wins; otherwise the URL's dialect; neither is a usage error. */
export function offlineDialect(config: ResolvedConfig, dialect: DialectName | undefined): DialectName {
  if (dialect !== undefined) return dialect;
  if (config.url !== null) return parseDatabaseUrl(config.url).dialect;
  throw new UsageError(
    '--sql needs a dialect: pass --dialect sqlite|postgresql|mysql, or a database URL (--url).',
  );
}
