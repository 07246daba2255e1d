import { now, type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = 'c69f45358db4';
export const downRevision = '3ab32c4b8f59';
export const message = 'Add folder table';
export const createDate = '2024-10-16 02:02:35.241684';

export async function upgrade(op: Operations): Promise<void> {
  if (!(await op.inspect.hasTable('folder'))) {
    await op.createTable('folder', {
      columns: [
        { name: 'id', type: t.text(), nullable: false },
        { name: 'parent_id', type: t.text() },
        { name: 'user_id', type: t.text(), nullable: false },
        { name: 'name', type: t.text(), nullable: false },
        { name: 'items', type: t.json() },
        { name: 'meta', type: t.json() },
        { name: 'is_expanded', type: t.boolean(), nullable: false },
        { name: 'created_at', type: t.datetime(), nullable: false, default: now() },
        { name: 'updated_at', type: t.datetime(), nullable: false, default: now() },
      ],
      primaryKey: { columns: ['id', 'user_id'] },
    });
  }
  await addColumnsIfMissing(op, 'chat', [{ name: 'folder_id', type: t.text() }]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('chat', 'folder_id');
  await op.dropTable('folder');
}
