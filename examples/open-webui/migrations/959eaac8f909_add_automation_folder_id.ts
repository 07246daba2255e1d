/** add automation folder id. Offline (`--sql`) the guards cannot read the schema: plain DDL. */
import { type Operations, t } from 'ambix';
import { columnNames, indexNames } from './lib/schema.js';

export const revision = '959eaac8f909';
export const downRevision = '55f1302ac17c';
export const message = 'add automation folder id';
export const createDate = '2026-07-26 19:19:31.345756';

export async function upgrade(op: Operations): Promise<void> {
  const names = op.offline ? new Set<string>() : await columnNames(op, 'automation');
  const indexes = op.offline ? new Set<string>() : await indexNames(op, 'automation');
  if (!names.has('folder_id')) await op.addColumn('automation', { name: 'folder_id', type: t.text() });
  if (!indexes.has('ix_automation_user_folder')) {
    await op.createIndex('ix_automation_user_folder', 'automation', ['user_id', 'folder_id']);
  }
}

export async function downgrade(op: Operations): Promise<void> {
  const names = op.offline ? new Set(['folder_id']) : await columnNames(op, 'automation');
  const indexes = op.offline ? new Set(['ix_automation_user_folder']) : await indexNames(op, 'automation');
  if (indexes.has('ix_automation_user_folder')) {
    await op.dropIndex('ix_automation_user_folder', { table: 'automation' });
  }
  if (names.has('folder_id')) await op.dropColumn('automation', 'folder_id');
}
