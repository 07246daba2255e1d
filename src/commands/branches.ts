import { historyRevisions } from '../script/history.js';
import { loadProject, type ProjectOptions } from './project.js';
import { describeRevision, type RevisionInfo } from './revision-info.js';

export interface BranchPoint extends RevisionInfo {
  /** The revisions it branches into, fully described. */
  readonly children: readonly RevisionInfo[];
}

export interface BranchesResult {
  readonly revisions: readonly BranchPoint[];
}

/** Every branch point with its versioned children, heads first (§8 `branches`). */
export async function branches(options: ProjectOptions = {}): Promise<BranchesResult> {
  const { graph } = await loadProject(options);
  const points = historyRevisions(graph).filter((revision) => graph.isBranchPoint(revision.id));
  return {
    revisions: points.map((revision) => {
      const info = describeRevision(graph, revision);
      return { ...info, children: info.nextRevisions.map((id) => describeRevision(graph, graph.get(id)!)) };
    }),
  };
}
