import { type Operations, t } from 'ambix';
import { column, required } from './lib/columns.js';

export const revision = 'c440947495f3';
export const downRevision = '81cc2ce44d79';
export const message = 'Add chat_file table';
export const createDate = '2025-12-21 20:27:41.694897';

export async function upgrade(op: Operations): Promise<void> {
  if (await op.inspect.hasTable('chat_file')) return;
  await op.createTable('chat_file', {
    columns: [
      { name: 'id', type: t.text(), primaryKey: true, nullable: false },
      required('user_id', t.text()),
      required('chat_id', t.text(), { references: { table: 'chat', column: 'id', onDelete: 'CASCADE' } }),
      required('file_id', t.text(), { references: { table: 'file', column: 'id', onDelete: 'CASCADE' } }),
      column('message_id', t.text()),
      required('created_at', t.bigint()),
      required('updated_at', t.bigint()),
    ],
    uniqueConstraints: [{ name: 'uq_chat_file_chat_file', columns: ['chat_id', 'file_id'] }],
    indexes: ['chat_id', 'file_id', 'message_id', 'user_id'].map((name) => ({
      name: `ix_chat_file_${name}`,
      columns: [name],
    })),
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('chat_file');
}
