import { type Operations, t } from 'ambix';
import { columnNames, indexNames } from './lib/schema.js';

export const revision = '7b3f2a9c1d4e';
export const downRevision = '4c5ce3d2f27f';
export const message = 'add memory type';
export const createDate = '2026-06-25 00:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  const names = await columnNames(op, 'memory');
  const indexes = await indexNames(op, 'memory');
  if (!names.has('type')) {
    await op.addColumn('memory', { name: 'type', type: t.string(), nullable: false, default: 'context' });
  }
  if (!indexes.has('ix_memory_type')) await op.createIndex('ix_memory_type', 'memory', ['type']);
}

export async function downgrade(op: Operations): Promise<void> {
  if ((await indexNames(op, 'memory')).has('ix_memory_type')) {
    await op.dropIndex('ix_memory_type', { table: 'memory' });
  }
  if ((await columnNames(op, 'memory')).has('type')) await op.dropColumn('memory', 'type');
}
