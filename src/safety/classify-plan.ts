import type { Plan } from '../script/plan.js';
import type { Revision } from '../script/revision.js';
import type { RevisionCode } from '../script/revision-code.js';
import { applyRowCounts, type ClassifyOptions, type RowProbe, simulateRevision } from './classify.js';
import type { RevisionClassification } from './findings.js';
import { type LiveCatalog, LiveFailureCheck, type WillFail } from './will-fail.js';

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
  // Until a revision writes, the simulation sees the database exactly as the upgrade will.
  let exact = true;
  for (const step of plan.steps) {
    if (step.kind !== 'migration' || step.direction !== 'upgrade') continue;
    const code = await options.loadCode(step.revision);
    const { classification, calls, thrown } = await simulateRevision(step.revision, code, options);
    const counted =
      options.rowProbe === undefined
        ? classification
        : await applyRowCounts(classification, options.rowProbe);
    if (failures === null) {
      revisions.push(counted);
      continue;
    }
    const willFail = await failures.check(calls);
    exact &&= classification.operations.length === 0;
    if (exact && thrown !== null) willFail.push(refusedByItself(thrown.error));
    revisions.push({ ...counted, willFail });
    exact &&= thrown === null;
  }
  return revisions;
}

/**
 * A revision that throws against the live database before writing anything, with nothing pending
 * before it writing either, throws the same when it runs: its own guard (duplicates it refuses to
 * index, say) or a read the database refuses.
 */
function refusedByItself(error: unknown): WillFail {
  const message = error instanceof Error ? error.message : String(error);
  return {
    operation: 'upgrade()',
    reason: `its upgrade stops with an error on the database as it is now: ${message}`,
    fix: 'do what the error asks before upgrading (the revision checks it itself and refuses to run until then)',
  };
}
