import { historyRevisions } from '../script/history.js';
import { type CurrentRowsOptions, readRowsFor } from './current-rows.js';
import { loadProject } from './project.js';
import { describeRevision, type RevisionInfo } from './revision-info.js';

export type { CurrentRowsReader } from './current-rows.js';

export interface HistoryOptions extends CurrentRowsOptions {
  /** `-r [start]:[end]` (§3.6): each end absolute, `current`, or a negative integer. */
  readonly range?: string;
  /** `-i`: mark the revisions the database is on (reads the version table). */
  readonly indicateCurrent?: boolean;
}

export interface HistoryEntry extends RevisionInfo {
  /** Only with `indicateCurrent`: the database holds this revision in its version table. */
  readonly isCurrent: boolean;
}

export interface HistoryResult {
  /** Heads first (§5.3). */
  readonly revisions: readonly HistoryEntry[];
}

export async function history(options: HistoryOptions = {}): Promise<HistoryResult> {
  const { graph } = await loadProject(options);
  const needsRows = options.indicateCurrent === true || /(^|:)current($|:)/.test(options.range ?? '');
  const rows = needsRows ? await readRowsFor(options) : undefined;
  const current = new Set(options.indicateCurrent ? (rows ?? []) : []);
  const revisions = historyRevisions(graph, options.range, rows);
  return {
    // Object.assign adds one property; a spread would copy every field of 10,000 entries.
    revisions: revisions.map(
      (revision): HistoryEntry =>
        Object.assign(describeRevision(graph, revision), { isCurrent: current.has(revision.id) }),
    ),
  };
}
