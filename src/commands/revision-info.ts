import type { RevisionGraph } from '../script/graph.js';
import type { Revision } from '../script/revision.js';

/**
 * A revision as every read command reports it: the header plus what the graph says about it.
 * This is also the JSON shape of one entry under `revisions` / `heads`.
 */
export interface RevisionInfo {
  readonly revision: string;
  /** Versioned parents; empty for a base. */
  readonly downRevisions: readonly string[];
  /** `dependsOn` as written in the file (ids or branch labels). */
  readonly dependsOn: readonly string[];
  /** Branch labels, including those inherited along the branch. */
  readonly branchLabels: readonly string[];
  /** Versioned children ("Branches into"). */
  readonly nextRevisions: readonly string[];
  /** Nothing at all descends from it or depends on it. */
  readonly isHead: boolean;
  /** No versioned child, but another revision depends on it. */
  readonly isEffectiveHead: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  readonly message: string | null;
  readonly createDate: string | null;
  readonly path: string;
}

export function describeRevision(graph: RevisionGraph, revision: Revision): RevisionInfo {
  // Called for every revision by `history`: each graph question is asked once.
  const id = revision.id;
  const children = graph.childrenOf(id);
  const isEffectiveHead = children.length === 0 && !graph.isRealHead(id);
  return {
    revision: id,
    downRevisions: revision.downRevisions,
    dependsOn: revision.dependsOn,
    branchLabels: graph.branchLabelsOf(id),
    nextRevisions: children.map((child) => child.id),
    isHead: children.length === 0 && !isEffectiveHead,
    isEffectiveHead,
    isBranchPoint: children.length > 1,
    isMergePoint: graph.isMergePoint(id),
    message: revision.message,
    createDate: revision.createDate,
    path: revision.path,
  };
}
