import type { RevisionGraph } from './graph.js';
import { RevisionRangeError } from './graph-errors.js';
import { headsFirstOrder } from './order.js';
import type { Revision } from './revision.js';
import { parseRange, resolveBranch, resolveIdentifier } from './target.js';
import { assertNoOverlap, validateVersionRows } from './version-rows.js';

/**
 * `history [-r start:end]` (spec §3.6, §8): the revisions from `start` (default base) up to `end`
 * (default the real heads), heads first (§5.3). Each end is an absolute identifier, `current`
 * (the version rows) or a negative integer.
 */
export function historyRevisions(
  graph: RevisionGraph,
  range?: string,
  currentRows: readonly string[] = [],
): readonly Revision[] {
  let start: string | null = null;
  let end: string | null = null;
  if (range !== undefined) {
    const trimmed = range.trim();
    if (!trimmed.includes(':')) throw new RevisionRangeError(range, 'syntax');
    try {
      ({ start, end } = parseRange(trimmed));
    } catch {
      throw new RevisionRangeError(range, 'syntax');
    }
  }
  const lower = start ?? 'base';
  const upper = end ?? 'heads';
  const endpoint = (text: string): string[] => {
    if (text !== 'current') return resolveIdentifier(graph, text).map((revision) => revision.id);
    validateVersionRows(graph, currentRows);
    return [...currentRows];
  };

  let targets = endpoint(upper);
  const branch = lower.includes('@') ? lower.slice(0, lower.indexOf('@')) : null;
  if (branch) {
    // `label@x:` keeps only the heads on that branch (Alembic's "named bases").
    const owner = resolveBranch(graph, branch);
    const label = owner.id === branch && owner.branchLabels.length === 1 ? owner.branchLabels[0]! : branch;
    targets = targets.filter((id) => graph.branchLabelsOf(id).includes(label));
  }
  assertNoOverlap(graph, targets, 'name revisions on different branches');
  const required = graph.ancestorsOf(targets);
  const bottoms = endpoint(lower);
  if (bottoms.some((id) => !required.has(id))) {
    throw new RevisionRangeError(range ?? `${lower}:${upper}`, 'not-ancestor', lower, upper);
  }
  let members = required;
  if (bottoms.length > 0) {
    const below = graph.ancestorsOf(bottoms);
    const above = graph.descendantsOf(bottoms, { includeDependencies: false });
    members = new Set(
      [...required].filter((id) => above.has(id) && (!below.has(id) || bottoms.includes(id))),
    );
  }
  return headsFirstOrder(graph, members, targets).map((id) => graph.get(id)!);
}

/**
 * What `current` prints (§8): the rows and everything they imply, reduced to branch tips, so a
 * revision the rows only depend on still shows. Load order.
 */
export function currentDisplay(graph: RevisionGraph, rows: readonly string[]): readonly Revision[] {
  validateVersionRows(graph, rows);
  const implied = graph.ancestorsOf(rows);
  return graph.revisions.filter(
    (revision) =>
      implied.has(revision.id) && !graph.childrenOf(revision.id).some((child) => implied.has(child.id)),
  );
}
