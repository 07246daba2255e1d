import { type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = 'c49178636c78';
export const downRevision = '9a1b2c3d4e5f';
export const message = 'add chat variables';
export const createDate = '2026-07-23 23:33:45.497453';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'chat', [{ name: 'variables', type: t.json() }]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('chat', 'variables');
}
