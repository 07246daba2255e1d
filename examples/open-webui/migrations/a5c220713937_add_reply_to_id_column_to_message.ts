import { type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = 'a5c220713937';
export const downRevision = '38d63c18f30f';
export const message = 'Add reply_to_id column to message';
export const createDate = '2025-09-27 02:24:18.058455';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'message', [{ name: 'reply_to_id', type: t.text() }]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('message', 'reply_to_id');
}
