/**
 * A long operation's progress, as events the runtime passes on (NDJSON with `--json`, a bar on a
 * terminal, plain lines otherwise, `onEvent` for `migrate()`). One event per tick: throttling is
 * the renderer's business, so a listener sees every step.
 */

export interface ProgressEvent {
  readonly type: 'progress';
  readonly revision: string;
  /** What is being counted, e.g. `backfill chat_message`. */
  readonly label: string;
  /** Units done so far, including those done by an earlier, interrupted run (`resumedFrom`). */
  readonly done: number;
  /** Units in all, when known. */
  readonly total: number | null;
  /** Units an earlier run had done before this one resumed (0 for a fresh start). */
  readonly resumedFrom: number;
  /** Since this run started counting. */
  readonly elapsedMs: number;
  /** Units per second in this run. */
  readonly rate: number;
  /** Estimated time left at this run's rate; null without a total or before any rate. */
  readonly etaMs: number | null;
  /** True once, on the last event of this counter. */
  readonly finished: boolean;
  /** What the revision says about the outcome (`finish(note)`), on the last event; else null. */
  readonly note: string | null;
}

export type ProgressListener = (event: ProgressEvent) => void;

/** The handle `op.progress()` returns. */
export interface ProgressCounter {
  /** Counts `units` more done (default 1). */
  tick(units?: number): void;
  /** Reports the end (once; later calls do nothing), with an optional note on the outcome. */
  finish(note?: string): void;
  readonly done: number;
}

export function createProgress(
  listener: ProgressListener,
  revision: string,
  label: string,
  total: number | null,
  resumedFrom = 0,
): ProgressCounter {
  const started = performance.now();
  let done = resumedFrom;
  let finished = false;
  const emit = (last: boolean, note: string | null = null) => {
    const elapsed = performance.now() - started;
    const elapsedMs = Math.round(elapsed);
    const rate = elapsed > 0 ? ((done - resumedFrom) * 1000) / elapsed : 0;
    const etaMs =
      total === null || rate === 0 ? null : Math.max(0, Math.round(((total - done) / rate) * 1000));
    listener({
      type: 'progress',
      revision,
      label,
      done,
      total,
      resumedFrom,
      elapsedMs,
      rate,
      etaMs,
      finished: last,
      note,
    });
  };
  return {
    tick(units = 1) {
      if (finished) return;
      done += units;
      emit(false);
    },
    finish(note) {
      if (finished) return;
      finished = true;
      emit(true, note ?? null);
    },
    get done() {
      return done;
    },
  };
}
