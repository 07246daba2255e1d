/** The long-data-migration calls check their options like every `op` call, and need a database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOperations, OfflineNotSupportedError, type Operations } from '../../src/operations/index.js';
import { InvalidOptionError } from '../../src/operations/validate/index.js';
import { type OnlineTestContext, offlineContext, openOnlineContext } from '../operations/support/context.js';

async function failure(call: () => Promise<unknown>): Promise<unknown> {
  return call().then(
    () => null,
    (error: unknown) => error,
  );
}

/** Drains an async generator, so `op.batches` runs its checks. */
async function drain(pages: AsyncGenerator<unknown>): Promise<void> {
  for await (const _page of pages) {
    // reading is the point
  }
}

describe('long data migration options (SQLite)', () => {
  let online: OnlineTestContext;
  let op: Operations;

  beforeEach(async () => {
    online = await openOnlineContext('sqlite');
    op = createOperations(online.context);
  });
  afterEach(async () => online.close());

  it('refuses a misspelt batches option (batch_size), suggesting batchSize, and runs nothing', async () => {
    const error = await failure(() => drain(op.batches('item', { batch_size: 10 } as never)));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ operation: 'batches', key: 'batch_size', suggestion: 'batchSize' });
    expect(online.statements).toEqual([]);
  });

  it('refuses a batch size that is not a positive whole number', async () => {
    const error = await failure(() => drain(op.batches('item', { batchSize: 0 })));
    expect(error).toMatchObject({ code: 'INVALID_OPTION', key: 'batchSize' });
  });

  it('refuses a backfill without its each function', async () => {
    const error = await failure(() => op.backfill('item', { resumable: true }, undefined as never));
    expect(error).toMatchObject({ code: 'INVALID_OPTION', operation: 'backfill', key: 'each' });
  });

  it('refuses bulkUpdate rows that do not share their columns', async () => {
    const error = await failure(() => op.bulkUpdate('item', [{ id: 1, a: 1 }, { id: 2 }]));
    expect(String(error)).toContain('every row must have the same columns');
    expect(online.statements).toEqual([]);
  });
});

describe('long data migrations offline (--sql)', () => {
  it('refuses op.backfill, naming the revision: its pages are read from the database', async () => {
    const op = createOperations(offlineContext('postgresql').context);
    const error = await failure(() => op.backfill('item', {}, async () => {}));
    expect(error).toBeInstanceOf(OfflineNotSupportedError);
  });
});
