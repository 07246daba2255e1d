import { loadConfig } from '../config/index.js';
import { AmbixError } from '../errors.js';
import { readVersionState } from '../runtime/read.js';
import { redactUrl } from '../runtime/url.js';
import { currentDisplay } from '../script/history.js';
import type { Revision } from '../script/revision.js';
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

/** `ambix current`: reads the version table; never creates or changes anything. */
export async function current(options: CurrentOptions = {}): Promise<CurrentResult> {
  const { config, graph } = await loadProject(options);
  const url = requireUrl(config);
  const { rows } = await readVersionState({
    url,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    versionTable: versionTableOf(config),
  });
  const display: readonly Revision[] = currentDisplay(graph, rows);
  const heads = graph.heads.map((head) => head.id);
  const atHeads = rows.length === heads.length && heads.every((head) => rows.includes(head));
  if (options.checkHeads && !atHeads) throw new NotAtHeadsError(rows, heads);
  return {
    url: redactUrl(url),
    rows,
    current: display.map((revision) => describeRevision(graph, revision)),
    atHeads,
  };
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
