import { type Operations, t } from 'ambix';
import { addColumnsIfMissing, columnNames } from './lib/schema.js';

export const revision = '42e2978c7933';
export const downRevision = '7b3f2a9c1d4e';
export const message = 'add memory path and meta';
export const createDate = '2026-06-29 05:35:50.565887';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'memory', [
    { name: 'path', type: t.text() },
    { name: 'meta', type: t.json() },
  ]);
}

export async function downgrade(op: Operations): Promise<void> {
  for (const name of ['meta', 'path']) {
    if ((await columnNames(op, 'memory')).has(name)) await op.dropColumn('memory', name);
  }
}
