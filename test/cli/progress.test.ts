import { describe, expect, test } from 'vitest';
import { describeProgress, progressBar, progressRenderer } from '../../src/cli/progress.js';
import type { ProgressEvent } from '../../src/operations/data/progress.js';

const event = (done: number, extra: Partial<ProgressEvent> = {}): ProgressEvent => ({
  type: 'progress',
  revision: 'r1',
  label: 'backfill chat',
  done,
  total: 4000,
  resumedFrom: 0,
  elapsedMs: 2000,
  rate: 500,
  etaMs: ((4000 - done) / 500) * 1000,
  finished: false,
  note: null,
  ...extra,
});

function capture(terminal: boolean, times: number[]) {
  const out: string[] = [];
  const render = progressRenderer(
    { write: (text) => out.push(text), line: (text) => out.push(`${text}\n`) },
    terminal,
    () => times.shift() ?? 0,
  );
  return { out, render };
}

describe('progress rendering', () => {
  test('a plain line has the count, share, rate and ETA; the last one the duration', () => {
    expect(describeProgress(event(1000))).toBe('  backfill chat: 1,000/4,000 (25%), 500/s, ETA 6s');
    expect(describeProgress(event(4000, { finished: true, elapsedMs: 125_000 }))).toBe(
      '  backfill chat: 4,000/4,000 (100%) done in 2m05s',
    );
  });

  test('the last line carries the revision’s note on the outcome', () => {
    expect(describeProgress(event(4000, { finished: true, note: 'skipped 2 rows' }))).toBe(
      '  backfill chat: 4,000/4,000 (100%) done in 2s; skipped 2 rows',
    );
  });

  test('a resumed run says where it resumed', () => {
    expect(describeProgress(event(3000, { resumedFrom: 2000 }))).toContain(', resumed at 2,000');
  });

  test('without a total the count stands alone', () => {
    expect(describeProgress(event(1000, { total: null, etaMs: null }))).toBe('  backfill chat: 1,000, 500/s');
  });

  test('the bar fills with the share done', () => {
    expect(progressBar(event(2000))).toBe(
      `  backfill chat [${'#'.repeat(12)}${'-'.repeat(12)}]  50% 500/s ETA 4s`,
    );
  });

  test('plain lines come at most every 2 s, and the last always', () => {
    const { out, render } = capture(false, [0, 1000, 2500, 2600]);
    render(event(1000));
    render(event(2000));
    render(event(3000));
    render(event(4000, { finished: true }));
    expect(out.map((line) => line.split(':')[1]?.trim().split(' ')[0])).toEqual([
      '1,000/4,000',
      '3,000/4,000',
      '4,000/4,000',
    ]);
  });

  test('on a terminal the bar is redrawn in place at most every 100 ms, then replaced by the last line', () => {
    const { out, render } = capture(true, [0, 50, 150, 160]);
    render(event(1000));
    render(event(2000));
    render(event(3000));
    render(event(4000, { finished: true }));
    expect(out).toEqual([
      `\r\x1b[K${progressBar(event(1000))}`,
      `\r\x1b[K${progressBar(event(3000))}`,
      '\r\x1b[K',
      `${describeProgress(event(4000, { finished: true }))}\n`,
    ]);
  });
});
