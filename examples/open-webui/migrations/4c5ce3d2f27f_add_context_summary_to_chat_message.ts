import { type Operations, t } from 'ambix';
import { addColumnsIfMissing, columnNames } from './lib/schema.js';

export const revision = '4c5ce3d2f27f';
export const downRevision = '3ff2c63645b8';
export const message = 'add context summary to chat message';
export const createDate = '2026-06-18 23:48:08.310063';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'chat_message', [{ name: 'context_summary', type: t.text() }]);
}

export async function downgrade(op: Operations): Promise<void> {
  if ((await columnNames(op, 'chat_message')).has('context_summary')) {
    await op.dropColumn('chat_message', 'context_summary');
  }
}
