import { type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = 'b0018471bbbe';
export const downRevision = 'c49178636c78';
export const message = 'add user variables';
export const createDate = '2026-07-24 01:21:46.457057';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'user', [{ name: 'variables', type: t.json() }]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('user', 'variables');
}
