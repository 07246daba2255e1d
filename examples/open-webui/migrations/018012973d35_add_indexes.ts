/**
 * Add indexes on chat, tag and function. Plain CREATE INDEX as upstream: on a big chat table it
 * blocks writes while it builds (CONCURRENTLY cannot run inside the migration's transaction).
 */
import type { Operations } from 'ambix';
import { columnNames, createIndexIfMissing } from './lib/schema.js';

export const revision = '018012973d35';
export const downRevision = 'd31026856c01';
export const message = 'Add indexes';
export const createDate = '2025-08-13 03:00:00.000000';

const CHAT_INDEXES: readonly [string, string[]][] = [
  ['folder_id_idx', ['folder_id']],
  ['user_id_pinned_idx', ['user_id', 'pinned']],
  ['user_id_archived_idx', ['user_id', 'archived']],
  ['updated_at_user_id_idx', ['updated_at', 'user_id']],
  ['folder_id_user_id_idx', ['folder_id', 'user_id']],
];

export async function upgrade(op: Operations): Promise<void> {
  for (const [name, columns] of CHAT_INDEXES) await createIndexIfMissing(op, name, 'chat', columns);
  await createIndexIfMissing(op, 'user_id_idx', 'tag', ['user_id']);
  if ((await columnNames(op, 'function')).has('is_global')) {
    await createIndexIfMissing(op, 'is_global_idx', 'function', ['is_global']);
  }
}

export async function downgrade(op: Operations): Promise<void> {
  for (const [name] of CHAT_INDEXES) await op.dropIndex(name, { table: 'chat' });
  await op.dropIndex('user_id_idx', { table: 'tag' });
  await op.dropIndex('is_global_idx', { table: 'function' });
}
