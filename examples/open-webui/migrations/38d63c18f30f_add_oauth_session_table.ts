import { type Operations, t } from 'ambix';
import { required, uniqueTextKey } from './lib/columns.js';
import { indexNames } from './lib/schema.js';

export const revision = '38d63c18f30f';
export const downRevision = '3af16a1c9fb6';
export const message = 'Add oauth_session table';
export const createDate = '2025-09-08 14:19:59.583921';

const INDEXES: readonly [string, string[]][] = [
  ['idx_oauth_session_user_id', ['user_id']],
  ['idx_oauth_session_expires_at', ['expires_at']],
  ['idx_oauth_session_user_provider', ['user_id', 'provider']],
];

export async function upgrade(op: Operations): Promise<void> {
  const existed = await op.inspect.hasTable('oauth_session');
  if (!existed) {
    await op.createTable('oauth_session', {
      columns: [
        uniqueTextKey(),
        required('user_id', t.text(), { references: { table: 'user', column: 'id', onDelete: 'CASCADE' } }),
        required('provider', t.text()),
        required('token', t.text()),
        required('expires_at', t.bigint()),
        required('created_at', t.bigint()),
        required('updated_at', t.bigint()),
      ],
    });
  }
  const present = existed ? await indexNames(op, 'oauth_session') : new Set<string>();
  for (const [name, columns] of INDEXES) {
    if (!present.has(name)) await op.createIndex(name, 'oauth_session', columns);
  }
}

export async function downgrade(op: Operations): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await op.dropIndex(name, { table: 'oauth_session' });
  await op.dropTable('oauth_session');
}
