import { type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = 'e1f2a3b4c5d6';
export const downRevision = 'b7c8d9e0f1a2';
export const message = 'Add is_pinned to note table';
export const createDate = '2026-04-14 22:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'note', [{ name: 'is_pinned', type: t.boolean() }]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('note', 'is_pinned');
}
