import { UsageError } from '../errors.js';
import type { RevisionGraph } from './graph.js';
import { InvalidDowngradeTargetError, MultipleHeadsError } from './graph-errors.js';
import { headsFirstOrder } from './order.js';
import type { MigrationStep, Plan, PlanStep } from './plan.js';
import { downgradeTarget, upgradeTargets } from './relative-target.js';
import { resolveBranch } from './target.js';
import {
  assertNoOverlap,
  assertRowsDoNotOverlap,
  downgradeRowChanges,
  upgradeRowChanges,
  VersionRows,
  validateVersionRows,
} from './version-rows.js';

export { planStamp } from './stamp-plan.js';
export { validateVersionRows } from './version-rows.js';

/*
 * The pure planner (spec §5): from the graph, the version rows and a target, which revisions run,
 * in which order, and the exact version-row change of each step. Nothing here touches a database;
 * every error is raised before the first step could run.
 */

/** `upgrade <target>`: the target and everything it needs that is not applied yet (§5.1). */
export function planUpgrade(graph: RevisionGraph, currentRows: readonly string[], target: string): Plan {
  rejectRange(target);
  validateVersionRows(graph, currentRows);
  const targets = naming(target, () => upgradeTargets(graph, currentRows, target)).map(
    (revision) => revision.id,
  );
  assertNoOverlap(graph, targets, 'name revisions on different branches, or only the later one');
  assertRowsDoNotOverlap(graph, currentRows);
  const applied = graph.ancestorsOf(currentRows);
  const needed = new Set([...graph.ancestorsOf(targets)].filter((id) => !applied.has(id)));
  const order = headsFirstOrder(graph, needed, targets).reverse();
  return migrationPlan(graph, currentRows, order, 'upgrade');
}

/** `downgrade <target>`: what descends from the target and is applied, newest first (§5.2). */
export function planDowngrade(graph: RevisionGraph, currentRows: readonly string[], target: string): Plan {
  rejectRange(target);
  validateVersionRows(graph, currentRows);
  const { branch, revision } = naming(target, () => downgradeTarget(graph, currentRows, target));
  let roots =
    revision === null ? graph.bases.map((base) => base.id) : graph.childrenOf(revision.id).map((c) => c.id);
  if (branch !== null && roots.length > 1) {
    const onBranch = graph.ancestorsOf([resolveBranch(graph, branch).id], { includeDependencies: false });
    roots = roots.filter((root) => onBranch.has(root));
    if (roots.length === 0) throw new InvalidDowngradeTargetError(target, 'off-branch');
  }
  const applied = graph.ancestorsOf(currentRows);
  const dropped = new Set([...graph.descendantsOf(roots)].filter((id) => applied.has(id)));
  if (revision !== null && dropped.size === 0 && !currentRows.includes(revision.id)) {
    throw new InvalidDowngradeTargetError(target, 'nothing-to-drop');
  }
  const order = headsFirstOrder(graph, dropped, currentRows);
  return migrationPlan(graph, currentRows, order, 'downgrade');
}

/** Alembic names the target as typed in the multiple-heads message (`head-1`, not `head`). */
function naming<T>(target: string, resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof MultipleHeadsError && error.argument !== target) {
      throw new MultipleHeadsError(target, error.heads);
    }
    throw error;
  }
}

function rejectRange(target: string): void {
  if (target.includes(':')) {
    throw new UsageError(
      `Range revision not allowed: '${target}'; start:end ranges are only accepted with --sql`,
    );
  }
}

function migrationPlan(
  graph: RevisionGraph,
  currentRows: readonly string[],
  order: readonly string[],
  direction: 'upgrade' | 'downgrade',
): Plan {
  const rows = new VersionRows(currentRows);
  const steps: PlanStep[] = order.map((id): MigrationStep => {
    const revision = graph.get(id)!;
    const versionChanges =
      direction === 'upgrade'
        ? upgradeRowChanges(graph, rows.current, id)
        : downgradeRowChanges(graph, rows.current, id);
    rows.apply(versionChanges);
    return {
      kind: 'migration',
      direction,
      revision,
      from: direction === 'upgrade' ? revision.downRevisions : [id],
      to: direction === 'upgrade' ? [id] : revision.downRevisions,
      versionChanges,
    };
  });
  return { steps, startHeads: [...currentRows], endHeads: [...rows.current] };
}
