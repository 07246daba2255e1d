import type { Operations } from 'ambix';
import { createIndexIfMissing, indexNames } from './lib/schema.js';

export const revision = '55f1302ac17c';
export const downRevision = 'b0018471bbbe';
export const message = 'Add memory (id, user_id) covering index';
export const createDate = '2026-07-24 00:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  await createIndexIfMissing(op, 'ix_memory_id_user_id', 'memory', ['id', 'user_id']);
}

export async function downgrade(op: Operations): Promise<void> {
  if ((await indexNames(op, 'memory')).has('ix_memory_id_user_id')) {
    await op.dropIndex('ix_memory_id_user_id', { table: 'memory' });
  }
}
