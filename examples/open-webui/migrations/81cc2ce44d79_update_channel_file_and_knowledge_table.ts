import { type Operations, t } from 'ambix';
import { columnNames } from './lib/schema.js';

export const revision = '81cc2ce44d79';
export const downRevision = '6283dc0e4d8d';
export const message = 'Update channel file and knowledge table';
export const createDate = '2025-12-10 16:07:58.001282';

export async function upgrade(op: Operations): Promise<void> {
  if (!(await columnNames(op, 'channel_file')).has('message_id')) {
    await op.batchAlterTable('channel_file', (batch) => {
      batch.addColumn({ name: 'message_id', type: t.text() });
      batch.createForeignKey('fk_channel_file_message_id', 'message', ['message_id'], ['id'], {
        onDelete: 'CASCADE',
      });
    });
  }
  if (!(await columnNames(op, 'knowledge')).has('data')) {
    await op.batchAlterTable('knowledge', (batch) => batch.addColumn({ name: 'data', type: t.json() }));
  }
}

export async function downgrade(op: Operations): Promise<void> {
  await op.batchAlterTable('channel_file', (batch) => batch.dropColumn('message_id'));
  await op.batchAlterTable('knowledge', (batch) => batch.dropColumn('data'));
}
