/** Add memory user_id index. (Its create date, 2025-09-15, is older than its parent's: sic upstream.) */
import type { Operations } from 'ambix';
import { createIndexIfMissing } from './lib/schema.js';

export const revision = 'a0b1c2d3e4f5';
export const downRevision = '4de81c2a3af1';
export const message = 'Add memory user_id index';
export const createDate = '2025-09-15 03:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  await createIndexIfMissing(op, 'ix_memory_user_id', 'memory', ['user_id']);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropIndex('ix_memory_user_id', { table: 'memory' });
}
