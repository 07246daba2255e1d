import type { DrawNode } from '../draw/index.js';
import { historyRevisions } from '../script/history.js';
import { loadProject, type ProjectOptions } from './project.js';
import { describeRevision, type RevisionInfo } from './revision-info.js';

// Drawing is presentation: the CLI draws the nodes this command returns (draw/ imports nothing).
export { drawGraph, GRAPH_FORMATS, type GraphFormat } from '../draw/index.js';

export interface GraphNode extends RevisionInfo, DrawNode {
  /** `dependsOn` resolved to revision ids: the dependency edges of the graph. */
  readonly dependencies: readonly string[];
}

export interface GraphResult {
  /** Heads first; every revision appears before its parents. */
  readonly revisions: readonly GraphNode[];
}

/** The whole revision DAG as nodes and edges, ready to draw (src/draw) or to export. */
export async function graph(options: ProjectOptions = {}): Promise<GraphResult> {
  const { graph: revisionGraph } = await loadProject(options);
  return {
    revisions: historyRevisions(revisionGraph).map((revision) => ({
      ...describeRevision(revisionGraph, revision),
      dependencies: revisionGraph.resolvedDependenciesOf(revision.id),
    })),
  };
}
