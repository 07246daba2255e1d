import type { CompletedStep } from '../../runtime/executor.js';
import { type HistoryConnection, historyRow, recordRows } from './record.js';
import type { HistoryRow } from './table.js';

/**
 * The history writer the runtime calls with completed steps, on the same connection and inside
 * the transaction that commits them, so their rows commit or roll back with them. A migration
 * step writes one row (with its file's checksum); a stamp step one row per revision it stamps to,
 * or one `base` row when it stamps to nothing.
 */
export async function recordPlanSteps(
  connection: HistoryConnection,
  steps: readonly CompletedStep[],
  table?: string,
  options: { readonly ensureTable?: boolean } = {},
): Promise<void> {
  await recordRows(connection, steps.flatMap(historyRowsOf), table, options);
}

function historyRowsOf({ step, timing }: CompletedStep): HistoryRow[] {
  if (step.kind === 'migration') {
    return [
      historyRow({
        ...timing,
        revision: step.revision.id,
        direction: step.direction,
        path: step.revision.path,
      }),
    ];
  }
  return (step.to.length === 0 ? ['base'] : step.to).map((revision) =>
    historyRow({ ...timing, revision, direction: 'stamp', path: null }),
  );
}
