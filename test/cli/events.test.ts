import { describe, expect, test } from 'vitest';
import { describeEvent } from '../../src/cli/events.js';

const step = {
  direction: 'upgrade',
  revision: 'bbbb',
  from: ['aaaa'],
  to: ['bbbb'],
  message: 'add users',
} as const;

describe('log lines for run events', () => {
  test('a step start is Alembic’s Running line', () => {
    expect(describeEvent({ type: 'step-start', ...step })).toBe('Running upgrade aaaa -> bbbb, add users');
  });

  test('a finished step reports its duration', () => {
    expect(describeEvent({ type: 'step-done', durationMs: 12, committed: true, ...step })).toBe(
      '  done in 12 ms',
    );
    expect(describeEvent({ type: 'step-done', durationMs: 2500, committed: true, ...step })).toBe(
      '  done in 2.5 s',
    );
  });

  test('a step not yet committed (it shares the run’s transaction) ran, and is not called done', () => {
    expect(describeEvent({ type: 'step-done', durationMs: 12, committed: false, ...step })).toBe(
      '  ran in 12 ms',
    );
  });

  test('waiting for the lock names the lock and the holder', () => {
    const line = describeEvent({
      type: 'lock-waiting',
      lock: 'advisory lock 42',
      holder: { connectionId: '777', applicationName: 'ambix-1' },
      waitedMs: 5000,
    });
    expect(line).toBe(
      'Waiting for the migration lock advisory lock 42 held by connection 777 (5.0 s so far)',
    );
  });

  test('taking a free lock is silent; taking it after waiting is reported', () => {
    const acquired = { type: 'lock-acquired', lock: 'l', waitedMs: 3200 } as const;
    expect(describeEvent(acquired)).toBeNull();
    expect(describeEvent(acquired, true)).toBe('Acquired the migration lock after 3.2 s');
  });

  test('a stamp shows the rows it moves', () => {
    expect(describeEvent({ type: 'stamp', from: ['aaaa'], to: [] })).toBe('Running stamp_revision aaaa -> ');
  });

  test('the end of a run says where the database is', () => {
    expect(describeEvent({ type: 'done', heads: ['cccc'], steps: 2, durationMs: 40 })).toBe(
      'Done: 2 step(s) in 40 ms; now at cccc',
    );
    expect(describeEvent({ type: 'done', heads: [], steps: 0, durationMs: 3 })).toBe('Nothing to do.');
  });
});
