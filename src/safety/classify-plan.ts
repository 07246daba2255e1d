import type { Plan } from '../script/plan.js';
import type { Revision } from '../script/revision.js';
import type { RevisionCode } from '../script/revision-code.js';
import { applyRowCounts, type ClassifyOptions, type RowProbe, simulateRevision } from './classify.js';
import type { RevisionClassification } from './findings.js';
import { type LiveCatalog, LiveFailureCheck } from './will-fail.js';

export interface ClassifyPlanOptions extends ClassifyOptions {
  readonly loadCode: (revision: Revision) => Promise<RevisionCode>;
  /** Live row checks for row-dependent hazards; without it they stay as "if the table has rows". */
  readonly rowProbe?: RowProbe;
  /** The live database the plan would run on: operations it will refuse are named, in plan order. */
  readonly live?: LiveCatalog;
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
  const failures = options.live === undefined ? null : new LiveFailureCheck(options.live);
  for (const step of plan.steps) {
    if (step.kind !== 'migration' || step.direction !== 'upgrade') continue;
    const code = await options.loadCode(step.revision);
    const { classification, calls } = await simulateRevision(step.revision, code, options);
    const counted =
      options.rowProbe === undefined
        ? classification
        : await applyRowCounts(classification, options.rowProbe);
    revisions.push(failures === null ? counted : { ...counted, willFail: await failures.check(calls) });
  }
  return revisions;
}
