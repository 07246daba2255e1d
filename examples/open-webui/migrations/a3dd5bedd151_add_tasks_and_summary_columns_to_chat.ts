import { type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = 'a3dd5bedd151';
export const downRevision = 'b2c3d4e5f6a7';
export const message = 'Add tasks and summary columns to chat table';
export const createDate = '2026-03-29 22:15:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'chat', [
    { name: 'tasks', type: t.json() },
    { name: 'summary', type: t.text() },
  ]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('chat', 'summary');
  await op.dropColumn('chat', 'tasks');
}
