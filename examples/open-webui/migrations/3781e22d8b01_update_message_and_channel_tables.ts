import { type Operations, t } from 'ambix';
import { column, required, uniqueTextKey } from './lib/columns.js';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = '3781e22d8b01';
export const downRevision = '7826ab40b532';
export const message = 'Update message & channel tables';
export const createDate = '2024-12-30 03:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  const existing = new Set(await op.inspect.getTables());
  await addColumnsIfMissing(op, 'channel', [column('type', t.text())]);
  await addColumnsIfMissing(op, 'message', [column('parent_id', t.text())]);
  if (!existing.has('message_reaction')) {
    await op.createTable('message_reaction', {
      columns: [
        uniqueTextKey(),
        required('user_id', t.text()),
        required('message_id', t.text()),
        required('name', t.text()),
        column('created_at', t.bigint()),
      ],
    });
  }
  if (!existing.has('channel_member')) {
    await op.createTable('channel_member', {
      columns: [
        uniqueTextKey(),
        required('channel_id', t.text()),
        required('user_id', t.text()),
        column('created_at', t.bigint()),
      ],
    });
  }
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('channel', 'type');
  await op.dropColumn('message', 'parent_id');
  await op.dropTable('message_reaction');
  await op.dropTable('channel_member');
}
