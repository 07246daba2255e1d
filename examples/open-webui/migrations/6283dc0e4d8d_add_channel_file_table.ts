import { type Operations, t } from 'ambix';
import { required } from './lib/columns.js';

export const revision = '6283dc0e4d8d';
export const downRevision = '3e0e00844bb0';
export const message = 'Add channel file table';
export const createDate = '2025-12-10 15:11:39.424601';

export async function upgrade(op: Operations): Promise<void> {
  if (await op.inspect.hasTable('channel_file')) return;
  await op.createTable('channel_file', {
    columns: [
      { name: 'id', type: t.text(), primaryKey: true, nullable: false },
      required('user_id', t.text()),
      required('channel_id', t.text(), {
        references: { table: 'channel', column: 'id', onDelete: 'CASCADE' },
      }),
      required('file_id', t.text(), { references: { table: 'file', column: 'id', onDelete: 'CASCADE' } }),
      required('created_at', t.bigint()),
      required('updated_at', t.bigint()),
    ],
    uniqueConstraints: [{ name: 'uq_channel_file_channel_file', columns: ['channel_id', 'file_id'] }],
    indexes: [
      { name: 'ix_channel_file_channel_id', columns: ['channel_id'] },
      { name: 'ix_channel_file_file_id', columns: ['file_id'] },
      { name: 'ix_channel_file_user_id', columns: ['user_id'] },
    ],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('channel_file');
}
