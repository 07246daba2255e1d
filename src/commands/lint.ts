import type { DialectName } from '../dialect.js';
import { UsageError } from '../errors.js';
import { parseDatabaseUrl, redactUrl } from '../runtime/url.js';
import { classifyPlan } from '../safety/classify-plan.js';
import type { RevisionClassification } from '../safety/findings.js';
import { connectIfExists, liveCatalog, rowProbe } from '../safety/live-database.js';
import { readVersionRowsState } from '../safety/version-state.js';
import { planUpgrade } from '../script/planner.js';
import { loadRevisionCode } from '../script/revision-code.js';
import {
  assertPlannableRows,
  diagnoseVersionRows,
  type VersionRowsFinding,
} from '../script/version-diagnosis.js';
import { versionTableOf } from './online.js';
import { loadProject, type ProjectOptions } from './project.js';

export interface LintOptions extends ProjectOptions {
  /** Upgrade target whose pending revisions are classified (default `heads`). */
  readonly target?: string;
  /** Classify for this dialect; defaults to the URL's. Without a URL the whole path from base is classified. */
  readonly dialect?: DialectName;
}

export interface LintResult {
  readonly dialect: DialectName;
  /** The database read for pending revisions and row counts (password hidden), or null. */
  readonly url: string | null;
  /** The version rows the pending revisions start from (empty without a database). */
  readonly current: readonly string[];
  readonly revisions: readonly RevisionClassification[];
  /** What is wrong with the database's version table (as `doctor` says it), when a database was read. */
  readonly findings: readonly VersionRowsFinding[];
}

/**
 * `ambix lint`: the risks of each revision an upgrade to `target` would run, without running
 * anything. With a database URL of the same dialect, the pending revisions start from its version
 * rows, revisions' reads see its schema, and row-dependent hazards are checked against its rows.
 */
export async function lint(options: LintOptions): Promise<LintResult> {
  const { config, graph } = await loadProject(options);
  const target = options.target ?? 'heads';
  const spec = config.url === null ? null : parseDatabaseUrl(config.url, options.cwd);
  const dialect = options.dialect ?? spec?.dialect;
  if (dialect === undefined) {
    throw new UsageError(
      'lint needs a dialect: pass --dialect sqlite|postgresql|mysql, or a database URL (--url).',
    );
  }
  const session = spec !== null && spec.dialect === dialect ? await connectIfExists(spec) : null;
  try {
    const state =
      session === null
        ? null
        : await readVersionRowsState(session, versionTableOf(config), [config.historyTable]);
    const current = state?.rows ?? [];
    // The same words and command as doctor and upgrade for rows nothing can plan from.
    assertPlannableRows(graph, current, config.versionTable);
    const findings = state === null ? [] : diagnoseVersionRows(graph, state, config.versionTable);
    const revisions = await classifyPlan(planUpgrade(graph, current, target), {
      dialect,
      loadCode: (revision) => loadRevisionCode(revision, dialect),
      serverVersion: session?.serverVersion ?? null,
      read: session === null ? null : (statement) => session.execute(statement.sql, statement.parameters),
      ...(session === null ? {} : { rowProbe: rowProbe(session), live: liveCatalog(session) }),
    });
    return {
      dialect,
      url: session === null || config.url === null ? null : redactUrl(config.url),
      current,
      revisions,
      findings,
    };
  } finally {
    await session?.close();
  }
}
