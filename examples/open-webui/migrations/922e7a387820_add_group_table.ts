import { type Operations, t } from 'ambix';
import { column, uniqueTextKey } from './lib/columns.js';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = '922e7a387820';
export const downRevision = '4ace53fd72c8';
export const message = 'Add group table';
export const createDate = '2024-11-14 03:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  if (!(await op.inspect.hasTable('group'))) {
    await op.createTable('group', {
      columns: [
        uniqueTextKey(),
        column('user_id', t.text()),
        column('name', t.text()),
        column('description', t.text()),
        column('data', t.json()),
        column('meta', t.json()),
        column('permissions', t.json()),
        column('user_ids', t.json()),
        column('created_at', t.bigint()),
        column('updated_at', t.bigint()),
      ],
    });
  }
  await addColumnsIfMissing(op, 'model', [
    column('access_control', t.json()),
    column('is_active', t.boolean(), { nullable: false, default: true }),
  ]);
  for (const table of ['knowledge', 'prompt', 'tool']) {
    await addColumnsIfMissing(op, table, [column('access_control', t.json())]);
  }
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('group');
  await op.dropColumn('model', 'access_control');
  await op.dropColumn('model', 'is_active');
  await op.dropColumn('knowledge', 'access_control');
  await op.dropColumn('prompt', 'access_control');
  await op.dropColumn('tool', 'access_control');
}
