import type { RevisionGraph } from './graph.js';
import { AmbiguousWalkError, MultipleCurrentHeadsError, RelativeWalkError } from './graph-errors.js';
import { currentDisplay } from './history.js';
import type { Revision } from './revision.js';
import { filterForLineage, parseRelative, resolveIdentifier, resolveSingle, walk } from './target.js';

/*
 * Targets that depend on where the database is (spec §3.4, §3.5): `+N`, `-N`, `label@±N`,
 * `rev±N`, plus the absolute forms each command accepts.
 */

/** Alembic's `_parse_upgrade_target` (§3.4): absolute, `+N`, `label@+N`, `rev+N`, `rev-N`. */
export function upgradeTargets(
  graph: RevisionGraph,
  rows: readonly string[],
  target: string,
): readonly Revision[] {
  const relative = parseRelative(target);
  if (!relative) return resolveIdentifier(graph, target);
  const { label, symbol, relativeText, steps } = relative;
  if (steps > 0 && symbol === null) {
    const start = upgradeWalkStart(graph, rows, label, target);
    const reached = walk(graph, target, start, steps, label);
    if (reached === null || reached === 'base') {
      throw RelativeWalkError.didNotProduce(target, relativeText, Math.abs(steps));
    }
    return [reached];
  }
  if (symbol === null) throw RelativeWalkError.didNotProduce(target, String(steps), Math.abs(steps));
  const start =
    steps > 0 || label === null ? resolveSingle(graph, symbol) : resolveSingle(graph, `${label}@${symbol}`);
  const reached = walk(graph, target, start, steps, steps > 0 ? label : null);
  // Alembic crashes here (bare AssertionError); past the head or down to base is a clear error.
  if (reached === null || reached === 'base') {
    throw RelativeWalkError.didNotProduce(target, target, Math.abs(steps));
  }
  return [reached];
}

/** Where `+N` / `label@+N` walks from: the one current row on the label's lineage, or base. */
function upgradeWalkStart(
  graph: RevisionGraph,
  rows: readonly string[],
  label: string | null,
  target: string,
): Revision | null {
  let starts: readonly string[] = rows;
  if (label !== null) {
    starts = filterForLineage(graph, rows, label);
    if (starts.length === 0) {
      // The branch has no current row: start from the tips of what is applied on it.
      const active = filterForLineage(graph, [...graph.ancestorsOf(rows)], label);
      const below = new Set(active.flatMap((id) => graph.normalizedDownRevisionsOf(id)));
      starts = active.filter((id) => !below.has(id));
    }
  }
  if (starts.length > 1) throw new AmbiguousWalkError(target, starts, 'multiple-current');
  return starts.length === 0 ? null : graph.get(starts[0]!)!;
}

/** Alembic's `_parse_downgrade_target` (§3.5), with `-N` from several heads refused. */
export function downgradeTarget(
  graph: RevisionGraph,
  rows: readonly string[],
  target: string,
): { branch: string | null; revision: Revision | null } {
  const relative = parseRelative(target);
  if (!relative) {
    const at = target.lastIndexOf('@');
    const branch = at > 0 ? target.slice(0, at) : null;
    const symbol = target.slice(at + 1);
    const qualified = branch !== null && (symbol === 'head' || symbol === 'heads');
    return { branch, revision: resolveSingle(graph, qualified ? target : symbol) };
  }
  const { label, symbol, relativeText, steps } = relative;
  if (steps >= 0) {
    if (symbol === null) throw RelativeWalkError.didNotProduce(target, relativeText, Math.abs(steps));
    const reached = walk(graph, target, resolveSingle(graph, symbol), steps, label);
    if (reached === null) throw RelativeWalkError.walkedTooFar(target);
    return { branch: label, revision: reached === 'base' ? null : reached };
  }
  let branch = label;
  let from = symbol;
  if (from === null) {
    if (label !== null) {
      let onBranch = filterForLineage(graph, rows, label);
      if (onBranch.length === 0) {
        onBranch = filterForLineage(
          graph,
          currentDisplay(graph, rows).map((revision) => revision.id),
          label,
        );
      }
      if (onBranch.length === 0) throw RelativeWalkError.didNotProduce(target, relativeText, Math.abs(steps));
      if (onBranch.length > 1) throw new MultipleCurrentHeadsError(target, onBranch);
      from = onBranch[0]!;
    } else {
      const distinct = [...new Set(rows)];
      if (distinct.length === 0) throw RelativeWalkError.didNotProduce(target, relativeText, Math.abs(steps));
      if (distinct.length > 1) throw new MultipleCurrentHeadsError(target, distinct);
      from = distinct[0]!;
      branch = from;
    }
  }
  const start = branch === null ? resolveSingle(graph, from) : resolveSingle(graph, `${branch}@${from}`);
  const reached = walk(graph, target, start, steps);
  if (reached === null) {
    throw symbol === null
      ? RelativeWalkError.didNotProduce(target, relativeText, Math.abs(steps))
      : RelativeWalkError.walkedTooFar(target);
  }
  return { branch, revision: reached === 'base' ? null : reached };
}
