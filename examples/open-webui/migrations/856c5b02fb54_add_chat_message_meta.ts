/** add chat message meta. Unguarded, as upstream (it is the one revision that renders offline). */
import { type Operations, t } from 'ambix';

export const revision = '856c5b02fb54';
export const downRevision = '42e2978c7933';
export const message = 'add chat message meta';
export const createDate = '2026-07-16 01:39:39.291935';

export async function upgrade(op: Operations): Promise<void> {
  await op.addColumn('chat_message', { name: 'meta', type: t.json() });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('chat_message', 'meta');
}
