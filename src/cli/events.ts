import { describeStep, type RunEvent } from '../commands/presentation.js';
import type { ProgressEvent } from '../operations/data/progress.js';
import type { Output } from './output.js';
import { describeProgress, progressRenderer } from './progress.js';

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The log line a run event gets in human output; null for events that say nothing new.
 * `waited`: whether a `lock-waiting` line was printed, so taking a free lock stays silent.
 */
export function describeEvent(event: RunEvent, waited = false): string | null {
  switch (event.type) {
    case 'lock-waiting': {
      const holder = event.holder === null ? '' : ` held by connection ${event.holder.connectionId}`;
      return `Waiting for the migration lock ${event.lock}${holder} (${seconds(event.waitedMs)} so far)`;
    }
    case 'lock-acquired':
      return waited ? `Acquired the migration lock after ${seconds(event.waitedMs)}` : null;
    case 'step-start':
      return describeStep(event);
    case 'step-done':
      // Not "done" until committed: steps sharing the run's transaction are durable at its end.
      return `  ${event.committed ? 'done' : 'ran'} in ${seconds(event.durationMs)}`;
    case 'step-failed':
      return `  failed after ${seconds(event.durationMs)}`;
    case 'committed':
      return `Committed ${event.steps} step(s), up to ${event.revision}`;
    case 'stamp':
      return `Running stamp_revision ${event.from.join(', ')} -> ${event.to.join(', ')}`;
    case 'revision-changed':
      return (
        `revision ${event.revision} (${event.path}) has changed since it ran on ${event.ranAt}; ` +
        'the database may not match what the file now says (--strict makes this an error).'
      );
    case 'backup-written':
      return `Backed up the database to ${event.file}`;
    case 'progress':
      return describeProgress(event);
    case 'done':
      return event.steps === 0
        ? 'Nothing to do.'
        : `Done: ${event.steps} step(s) in ${seconds(event.durationMs)}; now at ${event.heads.join(', ') || '<base>'}`;
  }
}

/** Streams events: NDJSON on stdout with `--json`, log lines on stderr otherwise. */
export function eventPrinter(output: Output): (event: RunEvent) => void {
  let waited = false;
  let progress: ((event: ProgressEvent) => void) | undefined;
  return (event) => {
    if (output.json) {
      output.event(event);
      return;
    }
    if (event.type === 'progress') {
      progress ??= progressRenderer(output.progressSink, output.interactiveStderr);
      if (output.globals.quiet !== true) progress(event);
      return;
    }
    const line = describeEvent(event, waited);
    if (event.type === 'lock-waiting') waited = true;
    if (line === null) return;
    // A changed revision file is a warning: printed even with --quiet.
    if (event.type === 'revision-changed') output.warning(line);
    else output.notice(line);
  };
}
