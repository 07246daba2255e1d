import { type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = '3af16a1c9fb6';
export const downRevision = '018012973d35';
export const message = 'update user table';
export const createDate = '2025-08-21 02:07:18.078283';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'user', [
    { name: 'username', type: t.string(50) },
    { name: 'bio', type: t.text() },
    { name: 'gender', type: t.text() },
    { name: 'date_of_birth', type: t.date() },
  ]);
}

export async function downgrade(op: Operations): Promise<void> {
  for (const name of ['username', 'bio', 'gender', 'date_of_birth']) await op.dropColumn('user', name);
}
