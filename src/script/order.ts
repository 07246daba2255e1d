import type { RevisionGraph } from './graph.js';

/**
 * Alembic's "heads first" order (spec §5.3): every revision comes before its normalised down
 * revisions, and independent branches come out one whole branch at a time, in load order of
 * their tips. Downgrades run this order as is, upgrades run it reversed.
 *
 * `heads` are where the walk starts (upgrade: the targets; downgrade: the current rows).
 */
export function headsFirstOrder(
  graph: RevisionGraph,
  members: ReadonlySet<string>,
  heads: readonly string[],
): string[] {
  const pending = new Uint8Array(graph.revisions.length);
  let pendingCount = 0;
  for (const id of members) {
    pending[graph.nodeOf(id)] = 1;
    pendingCount++;
  }
  // Nodes are load-order indices, so sorting them sorts by load order.
  const walking = [...new Set(heads.map((head) => graph.nodeOf(head)))]
    .filter((node) => pending[node])
    .sort((a, b) => a - b);
  const output: string[] = [];
  let at = 0;
  for (;;) {
    if (walking.length === 0) {
      if (pendingCount === 0) break;
      // Members the heads cannot reach (Alembic asserts here): carry on from their tips.
      walking.push(...untouchedTips(graph, pending));
      at = 0;
    }
    const candidate = walking[at]!;
    // A revision waits while another branch still being walked descends from it.
    const blocker = walking.findIndex(
      (other, index) => index !== at && graph.isAncestorOrSelfNode(candidate, other, true),
    );
    if (blocker >= 0) {
      at = blocker;
      continue;
    }
    if (pending[candidate]) {
      pending[candidate] = 0;
      pendingCount--;
      output.push(graph.idOf(candidate));
    }
    let replaced = false;
    for (const parent of graph.normalizedDownNodes(candidate)) {
      if (!pending[parent] || walking.includes(parent)) continue;
      if (replaced) {
        walking.push(parent);
      } else {
        walking[at] = parent;
        replaced = true;
      }
    }
    if (!replaced) {
      walking.splice(at, 1);
      at = Math.max(at - 1, 0);
    }
  }
  return output;
}

function untouchedTips(graph: RevisionGraph, pending: Uint8Array): number[] {
  const tips: number[] = [];
  pending.forEach((isPending, node) => {
    if (isPending && !graph.allChildNodes(node).some((child) => pending[child])) tips.push(node);
  });
  return tips;
}
