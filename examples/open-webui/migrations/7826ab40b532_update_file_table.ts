import { type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = '7826ab40b532';
export const downRevision = '57c599a3cb57';
export const message = 'Update file table';
export const createDate = '2024-12-23 03:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'file', [{ name: 'access_control', type: t.json() }]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('file', 'access_control');
}
