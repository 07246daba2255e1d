import { type Operations, t } from 'ambix';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = 'd31026856c01';
export const downRevision = '9f0c9cd09105';
export const message = 'Update folder table data';
export const createDate = '2025-07-13 03:00:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'folder', [{ name: 'data', type: t.json() }]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('folder', 'data');
}
