import { loadConfig } from '../config/index.js';
import { AmbixError } from '../errors.js';
import { readVersionState } from '../runtime/read.js';
import { describeConnection, parseDatabaseUrl, redactUrl } from '../runtime/url.js';
import { connectIfExists } from '../safety/live-database.js';
import { readVersionRowsState } from '../safety/version-state.js';
import { currentDisplay } from '../script/history.js';
import type { Revision } from '../script/revision.js';
import {
  diagnoseVersionRows,
  VersionRowsError,
  type VersionRowsFinding,
  type VersionRowsState,
} from '../script/version-diagnosis.js';
import { requireUrl, versionTableOf } from './online.js';
import { loadProject, type ProjectOptions } from './project.js';
import { describeRevision, type RevisionInfo } from './revision-info.js';

export interface CurrentOptions extends ProjectOptions {
  /** `--check-heads`: fail with `NotAtHeadsError` unless the database is at every head. */
  readonly checkHeads?: boolean;
}

export interface CurrentResult {
  /** The database, password hidden (`current -v` prints `Current revision(s) for <url>:`). */
  readonly url: string;
  /** The version table's rows as stored, in the order the database returned them. */
  readonly rows: readonly string[];
  /** What `current` shows (§8): the rows and what they imply, reduced to branch tips; load order. */
  readonly current: readonly RevisionInfo[];
  /** True when the rows are exactly the graph's heads. */
  readonly atHeads: boolean;
  /**
   * What is wrong with the version table that does not stop `current` from answering (a schema
   * with no version table, several heads): the findings `doctor` reports, with their fix.
   */
  readonly findings: readonly VersionRowsFinding[];
}

/** `current --check-heads` on a database that is not at every head. */
export class NotAtHeadsError extends AmbixError {
  readonly rows: readonly string[];
  readonly heads: readonly string[];

  constructor(rows: readonly string[], heads: readonly string[]) {
    super(
      'NOT_AT_HEADS',
      `Database is not on all head revisions: it is at ${rows.length === 0 ? '<base>' : rows.join(', ')}, ` +
        `the heads are ${heads.join(', ')}. Run \`ambix upgrade heads\`.`,
    );
    this.rows = rows;
    this.heads = heads;
  }
}

/**
 * `ambix current`: reads the version table; never creates or changes anything. The rows are
 * judged by the diagnosis `doctor` and `upgrade` share: rows no command can plan from (unknown,
 * overlapping) and a SQLite file that does not exist are errors, with the command that fixes them.
 */
export async function current(options: CurrentOptions = {}): Promise<CurrentResult> {
  const { config, graph } = await loadProject(options);
  const url = requireUrl(config);
  const state = await readState(url, options.cwd, versionTableOf(config), config.historyTable);
  const findings = diagnoseVersionRows(graph, state, config.versionTable);
  const stopping = findings.find((finding) => finding.blocking || finding.check === 'missing-database');
  if (stopping !== undefined) throw new VersionRowsError(stopping);
  const { rows } = state;
  const display: readonly Revision[] = currentDisplay(graph, rows);
  const heads = graph.heads.map((head) => head.id);
  const atHeads = rows.length === heads.length && heads.every((head) => rows.includes(head));
  if (options.checkHeads && !atHeads) {
    const unplannable = findings.find((finding) => finding.severity === 'error');
    if (unplannable !== undefined) throw new VersionRowsError(unplannable);
    throw new NotAtHeadsError(rows, heads);
  }
  return {
    url: redactUrl(url),
    rows,
    current: display.map((revision) => describeRevision(graph, revision)),
    atHeads,
    findings,
  };
}

async function readState(
  url: string,
  cwd: string | undefined,
  table: ReturnType<typeof versionTableOf>,
  historyTable: string | null,
): Promise<VersionRowsState> {
  const spec = parseDatabaseUrl(url, cwd);
  const session = await connectIfExists(spec);
  if (session === null) {
    return {
      database: describeConnection(spec),
      databaseExists: false,
      tableExists: false,
      rows: [],
      otherTables: [],
    };
  }
  try {
    return await readVersionRowsState(session, table, [historyTable]);
  } finally {
    await session.close();
  }
}

/**
 * The version rows alone, for `history -i` and `show current` (`CurrentRowsReader`): reads the
 * config but no revision files, creates nothing; a missing table reads as no rows.
 */
export async function readCurrentRows(options: ProjectOptions = {}): Promise<readonly string[]> {
  const config = await loadConfig(options);
  const state = await readVersionState({
    url: requireUrl(config),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    versionTable: versionTableOf(config),
  });
  return state.rows;
}
