import { type Operations, t } from 'ambix';
import { columnNames } from './lib/schema.js';

export const revision = 'b7c8d9e0f1a2';
export const downRevision = 'd4e5f6a7b8c9';
export const message = 'add last_read_at to chat';
export const createDate = '2026-04-01 04:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  if ((await columnNames(op, 'chat')).has('last_read_at')) return;
  await op.addColumn('chat', { name: 'last_read_at', type: t.bigint() });
  // One set-based UPDATE: the database does it in a single pass, no rows travel to Node.
  await op.execute('UPDATE chat SET last_read_at = updated_at');
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('chat', 'last_read_at');
}
