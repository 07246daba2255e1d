import { type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = 'b2c3d4e5f6a7';
export const downRevision = 'a1b2c3d4e5f6';
export const message = 'add scim column to user table';
export const createDate = '2026-02-13 14:19:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'user', [{ name: 'scim', type: t.json() }]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('user', 'scim');
}
