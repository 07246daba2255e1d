import type { MigrationLock } from '../dialects/adapter.js';
import { LockTimeoutError } from './errors.js';
import type { RunEventListener } from './events.js';

/** How often a waiting process retries the lock: short enough that a fleet starts promptly. */
const POLL_INTERVAL_MS = 100;
/** How often a waiting process repeats that it is still waiting. */
const REPORT_INTERVAL_MS = 5000;

/**
 * Takes the migration lock, waiting at most `timeoutMs`. Says it is waiting (with the holder
 * where the database knows it) and throws `LockTimeoutError` when the time runs out.
 */
export async function acquireLock(
  lock: MigrationLock,
  timeoutMs: number,
  onEvent: RunEventListener,
): Promise<void> {
  const started = Date.now();
  let lastReport: number | null = null;
  for (;;) {
    if (await lock.tryAcquire()) {
      onEvent({ type: 'lock-acquired', lock: lock.description, waitedMs: Date.now() - started });
      return;
    }
    const waitedMs = Date.now() - started;
    if (waitedMs >= timeoutMs) {
      throw new LockTimeoutError(lock.description, waitedMs, await lock.holder().catch(() => null));
    }
    if (lastReport === null || Date.now() - lastReport >= REPORT_INTERVAL_MS) {
      lastReport = Date.now();
      onEvent({
        type: 'lock-waiting',
        lock: lock.description,
        holder: await lock.holder().catch(() => null),
        waitedMs,
      });
    }
    await sleep(Math.min(POLL_INTERVAL_MS, Math.max(1, timeoutMs - waitedMs)));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
