import type { Plan } from '../script/plan.js';
import type { Revision } from '../script/revision.js';
import type { RevisionCode } from '../script/revision-code.js';
import { applyRowCounts, type ClassifyOptions, classifyRevision, type RowProbe } from './classify.js';
import type { RevisionClassification } from './findings.js';

export interface ClassifyPlanOptions extends ClassifyOptions {
  readonly loadCode: (revision: Revision) => Promise<RevisionCode>;
  /** Live row checks for row-dependent hazards; without it they stay as "if the table has rows". */
  readonly rowProbe?: RowProbe;
}

/**
 * The classification of every revision an upgrade plan runs, in order; downgrade and stamp steps
 * are not classified. Nothing is executed.
 */
export async function classifyPlan(
  plan: Plan,
  options: ClassifyPlanOptions,
): Promise<RevisionClassification[]> {
  const revisions: RevisionClassification[] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'migration' || step.direction !== 'upgrade') continue;
    const classified = await classifyRevision(step.revision, await options.loadCode(step.revision), options);
    revisions.push(
      options.rowProbe === undefined ? classified : await applyRowCounts(classified, options.rowProbe),
    );
  }
  return revisions;
}
