import type { PlanStep } from '../../script/plan.js';
import { type HistoryConnection, historyRow, recordStep } from './record.js';

/**
 * The hook the executor calls after a step's version-row change, on the same connection and
 * inside the same transaction, so the history row commits or rolls back with the step. A
 * migration step writes one row (with its file's checksum); a stamp step one row per revision it
 * stamps to, or one `base` row when it stamps to nothing.
 */
export async function recordPlanStep(
  connection: HistoryConnection,
  step: PlanStep,
  timing: { readonly started: Date; readonly durationMs: number },
  table?: string,
  options: { readonly ensureTable?: boolean } = {},
): Promise<void> {
  if (step.kind === 'migration') {
    const facts = {
      ...timing,
      revision: step.revision.id,
      direction: step.direction,
      path: step.revision.path,
    };
    await recordStep(connection, historyRow(facts), table, options);
    return;
  }
  for (const revision of step.to.length === 0 ? ['base'] : step.to) {
    await recordStep(
      connection,
      historyRow({ ...timing, revision, direction: 'stamp', path: null }),
      table,
      options,
    );
  }
}
