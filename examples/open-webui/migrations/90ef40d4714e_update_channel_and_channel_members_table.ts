import { type Operations, t } from 'ambix';
import { column, required, uniqueTextKey } from './lib/columns.js';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = '90ef40d4714e';
export const downRevision = 'b10670c03dd5';
export const message = 'Update channel and channel members table';
export const createDate = '2025-11-30 06:33:38.790341';

const CHANNEL_COLUMNS = [
  column('is_private', t.boolean()),
  column('archived_at', t.bigint()),
  column('archived_by', t.text()),
  column('deleted_at', t.bigint()),
  column('deleted_by', t.text()),
  column('updated_by', t.text()),
];
const MEMBER_COLUMNS = [
  column('role', t.text()),
  column('invited_by', t.text()),
  column('invited_at', t.bigint()),
];

export async function upgrade(op: Operations): Promise<void> {
  const existing = new Set(await op.inspect.getTables());
  await addColumnsIfMissing(op, 'channel', CHANNEL_COLUMNS);
  await addColumnsIfMissing(op, 'channel_member', MEMBER_COLUMNS);
  if (existing.has('channel_webhook')) return;
  await op.createTable('channel_webhook', {
    columns: [
      uniqueTextKey(),
      required('user_id', t.text()),
      required('channel_id', t.text(), {
        references: { table: 'channel', column: 'id', onDelete: 'CASCADE' },
      }),
      required('name', t.text()),
      column('profile_image_url', t.text()),
      required('token', t.text()),
      column('last_used_at', t.bigint()),
      required('created_at', t.bigint()),
      required('updated_at', t.bigint()),
    ],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  for (const spec of CHANNEL_COLUMNS) await op.dropColumn('channel', spec.name);
  for (const spec of MEMBER_COLUMNS) await op.dropColumn('channel_member', spec.name);
  await op.dropTable('channel_webhook');
}
