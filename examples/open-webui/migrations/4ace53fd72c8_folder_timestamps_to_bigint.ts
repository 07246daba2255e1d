/**
 * Update folder table and change DateTime to BigInteger for timestamp fields.
 *
 * Upstream bug, fixed here: on SQLite, Alembic's table rebuild copies `CAST(created_at AS BIGINT)`,
 * which keeps only the leading integer of '2024-10-23 03:00:00', i.e. the year. ambix first turns
 * each stored timestamp into epoch seconds (the naive value read as UTC, to the microsecond, then
 * rounded), which is what PostgreSQL's `extract(epoch …)::bigint` gives, so both databases end with
 * the same numbers. Text that is no timestamp is left to the rebuild's CAST, as upstream.
 */
import { now, type Operations, t } from 'ambix';
import { columnTypes, isBigInteger } from './lib/schema.js';
import { epochSecondsLikePostgres } from './lib/timestamps.js';

export const revision = '4ace53fd72c8';
export const downRevision = 'af906e964978';
export const message = 'Update folder table and change DateTime to BigInteger for timestamp fields';
export const createDate = '2024-10-23 03:00:00.000000';

const TIMESTAMPS = ['created_at', 'updated_at'] as const;

export async function upgrade(op: Operations): Promise<void> {
  const types = await columnTypes(op, 'folder');
  if (!types.has('created_at') || isBigInteger(types.get('created_at'))) return;
  if (op.dialect.name === 'sqlite') await convertStoredTimestamps(op);
  await op.batchAlterTable('folder', (batch) => {
    for (const name of TIMESTAMPS) batch.alterColumn(name, { default: null });
    for (const name of TIMESTAMPS) {
      batch.alterColumn(name, {
        type: t.bigint(),
        using: `extract(epoch from ${name})::bigint`,
        existingType: t.datetime(),
        existingNullable: false,
      });
    }
  });
}

/** SQLite: each DATETIME text becomes epoch seconds before the rebuild casts the column to BIGINT. */
async function convertStoredTimestamps(op: Operations): Promise<void> {
  const progress = op.progress(null, 'folder timestamps to epoch seconds');
  for await (const rows of op.batches('folder', { columns: [...TIMESTAMPS] })) {
    for (const row of rows) {
      for (const name of TIMESTAMPS) {
        const stored = row[name];
        const seconds = typeof stored === 'string' ? epochSecondsLikePostgres(stored) : null;
        if (seconds === null) continue;
        await op.execute(`UPDATE folder SET ${name} = :seconds WHERE id = :id`, { seconds, id: row.id });
      }
    }
    progress.tick(rows.length);
  }
  progress.finish();
}

export async function downgrade(op: Operations): Promise<void> {
  await op.batchAlterTable('folder', (batch) => {
    for (const name of TIMESTAMPS) {
      batch.alterColumn(name, {
        type: t.datetime(),
        default: now(),
        using: `to_timestamp(${name})::timestamp without time zone`,
        existingType: t.bigint(),
        existingNullable: false,
      });
    }
  });
  // Upstream leaves the integers in the DATETIME columns on SQLite; turn them back into timestamps.
  if (op.dialect.name === 'sqlite') {
    for (const name of TIMESTAMPS) {
      await op.execute(
        `UPDATE folder SET ${name} = datetime(${name}, 'unixepoch') WHERE typeof(${name}) = 'integer'`,
      );
    }
  }
}
