import { RevisionGraph } from '../../../src/script/graph.js';
import type { Revision } from '../../../src/script/revision.js';

/**
 * Compact revision headers for graph tests. A string `"m<b1,b2"` is revision `m` whose
 * downRevision is `[b1, b2]`; `"a"` is a base. Objects add labels and dependencies.
 */
export type RevisionSpec =
  | string
  | {
      readonly id: string;
      readonly down?: readonly string[];
      readonly labels?: readonly string[];
      readonly dependsOn?: readonly string[];
    };

export function revision(spec: RevisionSpec): Revision {
  const { id, down, labels, dependsOn } = typeof spec === 'string' ? parseShorthand(spec) : spec;
  return {
    id,
    downRevisions: down ?? [],
    branchLabels: labels ?? [],
    dependsOn: dependsOn ?? [],
    message: `revision ${id}`,
    createDate: null,
    path: `/project/migrations/${id}.ts`,
    format: 'typescript',
  };
}

/** Builds a graph from specs given in load order. */
export function graphOf(...specs: readonly RevisionSpec[]): RevisionGraph {
  return RevisionGraph.build(specs.map(revision));
}

function parseShorthand(text: string): Exclude<RevisionSpec, string> {
  const [id, parents] = text.split('<');
  return { id: id!, down: parents ? parents.split(',') : [] };
}

export function ids(revisions: readonly Revision[]): string[] {
  return revisions.map((r) => r.id);
}

/**
 * A generated history of `size` revisions: a trunk that forks into three parallel branches every
 * 50 revisions and merges them back, with a cross-branch dependency in each fork.
 */
export function generatedHistory(size: number): Revision[] {
  const specs: Revision[] = [];
  let trunk: string | null = null;
  let n = 0;
  const next = () => `r${String(n++).padStart(6, '0')}`;
  while (specs.length < size) {
    const id = next();
    specs.push(revision({ id, down: trunk ? [trunk] : [] }));
    trunk = id;
    if (specs.length + 50 > size) continue;
    const tips: string[] = [];
    for (let branch = 0; branch < 3; branch++) {
      let tip = trunk;
      for (let step = 0; step < 15; step++) {
        const child = next();
        const dependsOn = branch === 2 && step === 5 && tips[0] ? [tips[0]] : [];
        specs.push(revision({ id: child, down: [tip], dependsOn }));
        tip = child;
      }
      tips.push(tip);
    }
    const merge = next();
    specs.push(revision({ id: merge, down: tips }));
    trunk = merge;
  }
  return specs;
}
