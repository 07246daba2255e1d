import { afterEach, beforeEach, expect, it } from 'vitest';
import { LOCK_TIMEOUT_EXIT_CODE, LockTimeoutError } from '../../src/runtime/errors.js';
import type { RunEvent } from '../../src/runtime/events.js';
import { acquireLock } from '../../src/runtime/lock.js';
import type { Session } from '../../src/runtime/session.js';
import { DEFAULT_VERSION_TABLE } from '../../src/runtime/version-table.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { openSession } from './support.js';

function lockOf(session: Session, table = DEFAULT_VERSION_TABLE) {
  return session.adapter.createLock(session.spec, session.execute, table);
}

describeEachDialect('the migration lock', (dialect) => {
  let db: TestDatabase;
  let holder: Session;
  let waiter: Session;
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    holder = await openSession(db.url);
    waiter = await openSession(db.url);
  });
  afterEach(async () => {
    await holder.close();
    await waiter.close();
    await db.drop();
  });

  it('is free when nobody holds it, and says so without waiting', async () => {
    const events: RunEvent[] = [];
    await acquireLock(lockOf(waiter), 1000, (event) => events.push(event));
    expect(events).toEqual([expect.objectContaining({ type: 'lock-acquired' })]);
  });

  it('makes a second run wait, saying who holds it, then time out with exit code 3', async () => {
    await acquireLock(lockOf(holder), 1000, () => {});
    const events: RunEvent[] = [];
    const error = await acquireLock(lockOf(waiter), 400, (event) => events.push(event)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as LockTimeoutError).exitCode).toBe(LOCK_TIMEOUT_EXIT_CODE);
    expect((error as LockTimeoutError).waitedMs).toBeGreaterThanOrEqual(400);
    expect(events[0]).toMatchObject({ type: 'lock-waiting' });
    const waiting = events[0] as Extract<RunEvent, { type: 'lock-waiting' }>;
    if (dialect === 'postgresql') {
      const { rows } = await holder.execute('SELECT pg_backend_pid() AS pid');
      expect(waiting.holder).toEqual({
        connectionId: String(rows[0]?.pid),
        applicationName: `ambix-${process.pid}`,
      });
      expect((error as LockTimeoutError).message).toContain(`ambix-${process.pid}`);
    } else if (dialect === 'mysql') {
      const { rows } = await holder.execute('SELECT CONNECTION_ID() AS id');
      expect(waiting.holder).toEqual({ connectionId: String(rows[0]?.id), applicationName: null });
    } else {
      expect(waiting.holder).toBeNull();
    }
  });

  it('is taken by the waiter as soon as the holder releases it', async () => {
    const held = lockOf(holder);
    await acquireLock(held, 1000, () => {});
    const waiting = acquireLock(lockOf(waiter), 5000, () => {});
    setTimeout(() => void held.release(), 200);
    await expect(waiting).resolves.toBeUndefined();
  });

  // SQLite's lock is a file lock the OS drops when the process dies (see the crash test); it
  // is one lock per database file, whatever the version table.
  it.skipIf(dialect === 'sqlite')('is released when the holding connection closes', async () => {
    await acquireLock(lockOf(holder), 1000, () => {});
    await holder.close();
    holder = await openSession(db.url);
    await expect(acquireLock(lockOf(waiter), 2000, () => {})).resolves.toBeUndefined();
  });

  it.skipIf(dialect === 'sqlite')('is a different lock for a different version table', async () => {
    await acquireLock(lockOf(holder), 1000, () => {});
    const other = { name: 'other_version', schema: null };
    await expect(acquireLock(lockOf(waiter, other), 300, () => {})).resolves.toBeUndefined();
  });
});
