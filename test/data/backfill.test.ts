import { expect, it } from 'vitest';
import { migrate } from '../../src/commands/migrate.js';
import { upgrade } from '../../src/commands/upgrade.js';
import type { ProgressEvent } from '../../src/operations/data/progress.js';
import type { RunEvent } from '../../src/runtime/events.js';
import type { RevisionSpec } from '../commands-online/project-fixture.js';
import { scenarios } from '../commands-online/support.js';
import { withSession } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';

/** 25 items, ids 1..25, `doubled` still empty. */
const TABLE: RevisionSpec = {
  id: 'tabl0001',
  upgradeSql: [
    'CREATE TABLE item (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL, label VARCHAR(20), doubled INTEGER, writes INTEGER NOT NULL DEFAULT 0)',
    `INSERT INTO item (id, amount, label) VALUES ${Array.from({ length: 25 }, (_, i) => `(${i + 1}, ${(i + 1) * 10}, 'item ${i + 1}')`).join(', ')}`,
  ],
};

function backfillRevision(body: string): RevisionSpec {
  return { id: 'fill0002', down: 'tabl0001', upgradeCode: body };
}

const DOUBLE_ALL = (options: string) => `
  await op.backfill('item', { batchSize: 10, columns: ['id', 'amount', 'writes'], ${options} }, async (rows) => {
    await op.bulkUpdate('item', rows.map((row) => ({ id: row.id, doubled: Number(row.amount) * 2, writes: Number(row.writes) + 1 })));
  });`;

async function items(url: string): Promise<{ id: number; doubled: number | null; writes: number }[]> {
  return withSession(url, async (session) =>
    (await session.execute('SELECT id, doubled, writes FROM item ORDER BY id', [])).rows.map((row) => ({
      id: Number(row.id),
      doubled: row.doubled === null ? null : Number(row.doubled),
      writes: Number(row.writes),
    })),
  );
}

const progressOf = (events: RunEvent[]) =>
  events.filter((event): event is ProgressEvent => event.type === 'progress');

describeEachDialect('long data migrations in op', (dialect) => {
  const scenario = scenarios(dialect);

  it('op.batches pages a table by key, batchSize rows at a time', async () => {
    const s = await scenario([
      TABLE,
      backfillRevision(`
  const sizes = [];
  for await (const page of op.batches('item', { batchSize: 10, columns: ['id'] })) sizes.push(page.length + ':' + page[0].id);
  await op.execute("INSERT INTO ran_log (entry) VALUES ('" + sizes.join(' ') + "')");`),
    ]);
    await upgrade({ ...s.options, target: 'head' });
    expect(await s.ran()).toContain('10:1 10:11 5:21');
  });

  it('op.batches pages a query by its key column', async () => {
    const s = await scenario([
      TABLE,
      backfillRevision(`
  const ids = [];
  for await (const page of op.batches({ query: 'SELECT id AS k, amount FROM item WHERE amount > 200' }, { key: 'k', batchSize: 2 })) ids.push(page.map((row) => row.k).join(','));
  await op.execute("INSERT INTO ran_log (entry) VALUES ('" + ids.join(' ') + "')");`),
    ]);
    await upgrade({ ...s.options, target: 'head' });
    expect(await s.ran()).toContain('21,22 23,24 25');
  });

  it("op.batches in order: 'storage' reads every matching row once, in the table's physical order", async () => {
    const s = await scenario([
      TABLE,
      backfillRevision(`
  const ids = [];
  for await (const page of op.batches('item', { order: 'storage', columns: ['id'], where: 'amount > 30', batchSize: 4 })) ids.push(page.map((row) => row.id).join(','));
  await op.execute("INSERT INTO ran_log (entry) VALUES ('" + ids.join(' ') + "')");`),
    ]);
    if (dialect === 'mysql') {
      await expect(upgrade({ ...s.options, target: 'head' })).rejects.toThrow(
        /order: 'storage' needs a row address .* use order: 'key'/,
      );
      return;
    }
    await upgrade({ ...s.options, target: 'head' });
    // Inserted in one statement into a fresh table: physical order is insertion order.
    expect(await s.ran()).toContain('4,5,6,7 8,9,10,11 12,13,14,15 16,17,18,19 20,21,22,23 24,25');
  });

  it('op.bulkUpdate sets each row by its key, and says how many rows changed', async () => {
    const s = await scenario([
      TABLE,
      backfillRevision(`
  const changed = await op.bulkUpdate('item', [{ id: 2, label: 'two', doubled: 4 }, { id: 5, label: "it's", doubled: null }]);
  await op.execute("INSERT INTO ran_log (entry) VALUES ('changed " + changed + "')");`),
    ]);
    await upgrade({ ...s.options, target: 'head' });
    expect(await s.ran()).toContain('changed 2');
    const rows = await withSession(
      s.db.url,
      async (session) =>
        (await session.execute('SELECT id, label, doubled FROM item WHERE id IN (1, 2, 5) ORDER BY id', []))
          .rows,
    );
    expect(
      rows.map((row) => [Number(row.id), row.label, row.doubled === null ? null : Number(row.doubled)]),
    ).toEqual([
      [1, 'item 1', null],
      [2, 'two', 4],
      [5, "it's", null],
    ]);
  });

  it('a backfill reports progress events to migrate()’s onEvent, with a total, ending with a finished one', async () => {
    const s = await scenario([TABLE, backfillRevision(DOUBLE_ALL(''))]);
    const events: RunEvent[] = [];
    await migrate({ ...s.options, onEvent: (event) => events.push(event) });
    const progress = progressOf(events);
    expect(progress.map((event) => [event.done, event.total, event.finished])).toEqual([
      [10, 25, false],
      [20, 25, false],
      [25, 25, false],
      [25, 25, true],
    ]);
    expect(progress[0]?.label).toBe('backfill item');
    expect((await items(s.db.url)).every((row) => row.doubled === row.id * 20 && row.writes === 1)).toBe(
      true,
    );
  });

  it('a resumable backfill that fails keeps its committed batches, not the revision; the rerun finishes it', async () => {
    const failing = backfillRevision(`
  await op.backfill('item', { batchSize: 10, columns: ['id', 'amount', 'writes'], resumable: true }, async (rows) => {
    if (rows[0].id === 21) throw new Error('interrupted');
    await op.bulkUpdate('item', rows.map((row) => ({ id: row.id, doubled: Number(row.amount) * 2, writes: Number(row.writes) + 1 })));
  });`);
    const s = await scenario([TABLE, failing]);
    await expect(upgrade({ ...s.options, target: 'head' })).rejects.toThrow(/interrupted/);
    expect(await s.rows()).toEqual(['tabl0001']);
    expect((await items(s.db.url)).filter((row) => row.writes === 1).map((row) => row.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );

    s.project.write(backfillRevision(DOUBLE_ALL('resumable: true')));
    const events: RunEvent[] = [];
    await upgrade({ ...s.options, target: 'head', onEvent: (event) => events.push(event) });
    expect(await s.rows()).toEqual(['fill0002']);
    expect(progressOf(events).map((event) => [event.done, event.resumedFrom])).toEqual([
      [25, 20],
      [25, 20],
    ]);
    const rows = await items(s.db.url);
    expect(rows.every((row) => row.doubled === row.id * 20 && row.writes === 1)).toBe(true);
    const checkpoints = await withSession(
      s.db.url,
      async (session) => (await session.execute('SELECT COUNT(*) AS n FROM ambix_backfill', [])).rows,
    );
    expect(Number(checkpoints[0]?.n)).toBe(0);
  });
});
