import { type Operations, t } from 'ambix';
import { column, uniqueTextKey } from './lib/columns.js';

export const revision = '57c599a3cb57';
export const downRevision = '922e7a387820';
export const message = 'Add channel table';
export const createDate = '2024-12-22 03:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  const existing = new Set(await op.inspect.getTables());
  if (!existing.has('channel')) {
    await op.createTable('channel', {
      columns: [
        uniqueTextKey(),
        column('user_id', t.text()),
        column('name', t.text()),
        column('description', t.text()),
        column('data', t.json()),
        column('meta', t.json()),
        column('access_control', t.json()),
        column('created_at', t.bigint()),
        column('updated_at', t.bigint()),
      ],
    });
  }
  if (!existing.has('message')) {
    await op.createTable('message', {
      columns: [
        uniqueTextKey(),
        column('user_id', t.text()),
        column('channel_id', t.text()),
        column('content', t.text()),
        column('data', t.json()),
        column('meta', t.json()),
        column('created_at', t.bigint()),
        column('updated_at', t.bigint()),
      ],
    });
  }
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('channel');
  await op.dropTable('message');
}
