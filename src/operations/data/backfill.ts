/**
 * `op.backfill`: a batched pass over a table or query with progress. Plain mode runs inside the
 * migration's transaction like any other statement. Resumable mode commits every batch on its own
 * (outside the migration's transaction, with the checkpoint row in the same transaction), so a
 * killed run keeps its finished batches and the next run continues after the last of them; the
 * revision is recorded only once every batch is in. The migration lock is held by the run, across
 * those commits, throughout.
 */
import { CheckpointStore } from './checkpoint.js';
import { type BatchesOptions, type BatchSource, countRows, keysetPages, positionAfter } from './pages.js';
import { createProgress, type ProgressListener } from './progress.js';
import type { DataRunner } from './runner.js';

export interface BackfillOptions<Column extends string = string> extends BatchesOptions<Column> {
  /**
   * Commit each batch on its own and keep a checkpoint, so an interrupted run resumes where it
   * stopped. Statements the revision ran before the backfill are committed when it starts: make
   * them idempotent, or give the backfill a revision of its own.
   */
  readonly resumable?: boolean;
  /** Names the checkpoint and the progress (default: the table's name, or `query`). */
  readonly name?: string;
  /** Count the rows first, for a total and an ETA (default true). */
  readonly count?: boolean;
}

export interface BackfillResult {
  /** Rows handed to `each` by this run. */
  readonly rows: number;
  /** Rows an earlier, interrupted run had already done (resumable mode). */
  readonly resumedFrom: number;
}

export interface BackfillHost extends DataRunner {
  readonly revision: string;
  readonly onProgress: ProgressListener;
  outsideTransaction<T>(work: () => Promise<T>): Promise<T>;
}

export function backfillName(source: BatchSource, options: BackfillOptions): string {
  return options.name ?? (typeof source === 'string' ? source : 'query');
}

export async function backfill(
  host: BackfillHost,
  source: BatchSource,
  options: BackfillOptions,
  each: (rows: Record<string, unknown>[]) => Promise<void>,
): Promise<BackfillResult> {
  const name = backfillName(source, options);
  const label = `backfill ${name}`;
  const total = () =>
    options.count === false ? Promise.resolve(null) : countRows(host, source, options.where);
  if (options.resumable !== true) {
    const progress = createProgress(host.onProgress, host.revision, label, await total());
    for await (const page of keysetPages(host, source, options)) {
      await each(page);
      progress.tick(page.length);
    }
    progress.finish();
    return { rows: progress.done, resumedFrom: 0 };
  }
  const checkpoint = new CheckpointStore(host, host.revision, name);
  const result = await host.outsideTransaction(async () => {
    const start = await checkpoint.open();
    const progress = createProgress(host.onProgress, host.revision, label, await total(), start.done);
    for await (const page of keysetPages(host, source, { ...options, after: start.after ?? options.after })) {
      await host.run(label, 'BEGIN', []);
      try {
        await each(page);
        await checkpoint.save({ after: positionAfter(options, page), done: progress.done + page.length });
        await host.run(label, 'COMMIT', []);
      } catch (error) {
        await host.run(label, 'ROLLBACK', []).catch(() => {});
        throw error;
      }
      progress.tick(page.length);
    }
    progress.finish();
    return { rows: progress.done - start.done, resumedFrom: start.done };
  });
  // Back in the migration's transaction: gone together with the version row's arrival.
  await checkpoint.remove();
  return result;
}
