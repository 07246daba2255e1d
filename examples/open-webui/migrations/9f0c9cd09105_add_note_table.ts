import { type Operations, t } from 'ambix';
import { column, uniqueTextKey } from './lib/columns.js';

export const revision = '9f0c9cd09105';
export const downRevision = '3781e22d8b01';
export const message = 'Add note table';
export const createDate = '2025-05-03 03:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  if (await op.inspect.hasTable('note')) return;
  await op.createTable('note', {
    columns: [
      uniqueTextKey(),
      column('user_id', t.text()),
      column('title', t.text()),
      column('data', t.json()),
      column('meta', t.json()),
      column('access_control', t.json()),
      column('created_at', t.bigint()),
      column('updated_at', t.bigint()),
    ],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('note');
}
