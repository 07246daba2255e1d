import { loadProject, type ProjectOptions } from './project.js';
import { describeRevision, type RevisionInfo } from './revision-info.js';

export interface HeadsOptions extends ProjectOptions {
  /** `--resolve-dependencies`: real heads (nothing depends on them) instead of versioned heads. */
  readonly resolveDependencies?: boolean;
}

export interface HeadsResult {
  readonly heads: readonly RevisionInfo[];
}

/** The tips of the revision graph, in load order (§2 "Heads and bases"). */
export async function heads(options: HeadsOptions = {}): Promise<HeadsResult> {
  const { graph } = await loadProject(options);
  const tips = options.resolveDependencies ? graph.realHeads : graph.heads;
  return { heads: tips.map((revision) => describeRevision(graph, revision)) };
}
