/**
 * Human rendering of `progress` events. On a terminal (and without NO_COLOR): one bar, redrawn in
 * place at most every 100 ms, with rate and ETA. Otherwise: a plain line at most every 2 s, plus
 * the last one, so a log shows the run is alive without a line per batch.
 */
import type { ProgressEvent } from '../operations/data/progress.js';

const BAR_WIDTH = 24;
const REDRAW_MS = 100;
const LINE_EVERY_MS = 2000;

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** `backfill chat: 1,200/5,000 (24%), 3,400/s, ETA 1s` (and `done in …` on the last event). */
export function describeProgress(event: ProgressEvent): string {
  const amount =
    event.total === null
      ? count(event.done)
      : `${count(event.done)}/${count(event.total)} (${percent(event)}%)`;
  const resumed = event.resumedFrom > 0 ? `, resumed at ${count(event.resumedFrom)}` : '';
  if (event.finished) {
    const note = event.note === null ? '' : `; ${event.note}`;
    return `  ${event.label}: ${amount} done in ${duration(event.elapsedMs)}${resumed}${note}`;
  }
  const eta = event.etaMs === null ? '' : `, ETA ${duration(event.etaMs)}`;
  return `  ${event.label}: ${amount}, ${count(event.rate)}/s${eta}${resumed}`;
}

function percent(event: ProgressEvent): number {
  if (event.total === null || event.total === 0) return 100;
  return Math.min(100, Math.floor((event.done / event.total) * 100));
}

/** The bar line (no newline): `backfill chat [#########-------]  37% 1,200/s ETA 4s`. */
export function progressBar(event: ProgressEvent): string {
  const filled = event.total === null ? 0 : Math.round((percent(event) / 100) * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const share = event.total === null ? count(event.done) : `${String(percent(event)).padStart(3)}%`;
  const eta = event.etaMs === null ? '' : ` ETA ${duration(event.etaMs)}`;
  return `  ${event.label} ${bar} ${share} ${count(event.rate)}/s${eta}`;
}

export interface ProgressSink {
  /** Writes raw text (no newline added) to the terminal. */
  write(text: string): void;
  /** Writes one log line. */
  line(text: string): void;
}

/** A stateful renderer: call it with every progress event; it decides what to show. */
export function progressRenderer(sink: ProgressSink, terminal: boolean, now = () => performance.now()) {
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return (event: ProgressEvent): void => {
    const time = now();
    if (terminal) {
      if (event.finished) {
        if (drawn) sink.write('\r\x1b[K');
        drawn = false;
        sink.line(describeProgress(event));
        last = Number.NEGATIVE_INFINITY;
        return;
      }
      if (time - last < REDRAW_MS) return;
      last = time;
      drawn = true;
      sink.write(`\r\x1b[K${progressBar(event)}`);
      return;
    }
    if (!event.finished && time - last < LINE_EVERY_MS) return;
    last = event.finished ? Number.NEGATIVE_INFINITY : time;
    sink.line(describeProgress(event));
  };
}
