import { type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = 'c0fbf31ca0db';
export const downRevision = 'ca81bd47c050';
export const message = 'Update file table';
export const createDate = '2024-09-20 15:26:35.241684';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'file', [
    { name: 'hash', type: t.text() },
    { name: 'data', type: t.json() },
    { name: 'updated_at', type: t.bigint() },
  ]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('file', 'updated_at');
  await op.dropColumn('file', 'data');
  await op.dropColumn('file', 'hash');
}
