import type { RevisionGraph } from '../script/graph.js';
import type { Revision } from '../script/revision.js';
import { resolveIdentifier } from '../script/target.js';
import { validateVersionRows } from '../script/version-rows.js';
import { type CurrentRowsOptions, readRowsFor } from './current-rows.js';
import { loadProject } from './project.js';
import { describeRevision, type RevisionInfo } from './revision-info.js';

export interface ShowOptions extends CurrentRowsOptions {
  /** Any absolute identifier (§3.6), a negative integer, or `current` (the database's rows). */
  readonly target: string;
}

export interface ShowResult {
  readonly revisions: readonly RevisionInfo[];
}

/** The full entry of every revision the identifier names (§8 `show`). */
export async function show(options: ShowOptions): Promise<ShowResult> {
  const { graph } = await loadProject(options);
  const revisions =
    options.target === 'current'
      ? currentRevisions(graph, await readRowsFor(options))
      : resolveIdentifier(graph, options.target);
  return { revisions: revisions.map((revision) => describeRevision(graph, revision)) };
}

function currentRevisions(graph: RevisionGraph, rows: readonly string[]): Revision[] {
  validateVersionRows(graph, rows);
  return rows.map((id) => graph.get(id)!);
}
