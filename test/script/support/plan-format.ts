import type { Plan, PlanStep, VersionRowChange } from '../../../src/script/plan.js';

/**
 * One line per step, so expectations read like the spec: `+b update a→b` is "run b's upgrade,
 * then UPDATE the row a to b"; `-m insert b1, update m→b2` is an unmerge; `stamp delete c` a
 * stamp step.
 */
export function describeSteps(plan: Plan): string[] {
  return plan.steps.map(describeStep);
}

function describeStep(step: PlanStep): string {
  const changes = step.versionChanges.map(describeChange).join(', ');
  if (step.kind === 'stamp') return `stamp ${changes}`;
  return `${step.direction === 'upgrade' ? '+' : '-'}${step.revision.id} ${changes}`;
}

function describeChange(change: VersionRowChange): string {
  switch (change.kind) {
    case 'insert':
      return `insert ${change.revision}`;
    case 'update':
      return `update ${change.from}→${change.to}`;
    case 'delete':
      return `delete ${change.revision}`;
    case 'delete-all':
      return 'delete all';
  }
}
