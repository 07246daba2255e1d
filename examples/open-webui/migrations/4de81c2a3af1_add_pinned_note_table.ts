/**
 * add pinned_note table: each pinned note becomes a pinned_note row for its owner, then
 * note.is_pinned is dropped. pinned_note.created_at is in nanoseconds here (upstream writes
 * `time.time_ns()`), unlike every other timestamp; kept so for equality with upstream.
 */
import { randomUUID } from 'node:crypto';
import { type Operations, t } from 'ambix';
import { required } from './lib/columns.js';
import { bindBoolean } from './lib/json.js';

export const revision = '4de81c2a3af1';
export const downRevision = '56359461a091';
export const message = 'add pinned_note table';
export const createDate = '2026-05-09 04:29:27.651341';

export async function upgrade(op: Operations): Promise<void> {
  if (await op.inspect.hasTable('pinned_note')) return;
  await op.createTable('pinned_note', {
    columns: [
      { name: 'id', type: t.text(), nullable: false },
      required('user_id', t.text()),
      required('note_id', t.text(), { references: { table: 'note', column: 'id', onDelete: 'CASCADE' } }),
      required('created_at', t.bigint()),
    ],
    primaryKey: { columns: ['id'] },
    uniqueConstraints: [{ name: 'uq_pinned_note', columns: ['user_id', 'note_id'] }],
  });
  // Nanoseconds exceed 2^53; a BigInt keeps them exact.
  const nanoseconds = BigInt(Date.now()) * 1_000_000n;
  const pinned = `is_pinned = ${op.dialect.name === 'sqlite' ? '1' : 'true'}`;
  for await (const notes of op.batches('note', { columns: ['user_id'], where: pinned })) {
    await op.bulkInsert(
      'pinned_note',
      notes.map((note) => ({
        id: randomUUID(),
        user_id: note.user_id,
        note_id: note.id,
        created_at: nanoseconds,
      })),
    );
  }
  await op.batchAlterTable('note', (batch) => batch.dropColumn('is_pinned'));
}

export async function downgrade(op: Operations): Promise<void> {
  await op.batchAlterTable('note', (batch) => batch.addColumn({ name: 'is_pinned', type: t.boolean() }));
  await op.execute('UPDATE note SET is_pinned = :pinned WHERE id IN (SELECT note_id FROM pinned_note)', {
    pinned: bindBoolean(op, true),
  });
  await op.dropTable('pinned_note');
}
