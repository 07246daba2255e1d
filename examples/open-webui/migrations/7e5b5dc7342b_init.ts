/**
 * Initial bootstrap migration version: the twelve tables Open WebUI had before Alembic. Each is
 * created only if missing, because databases older than May 2026 got them from the peewee layer
 * (with a different shape, reconciled later by 461111b60977); an existing table is left alone.
 */
import { type ColumnSpec, type Operations, t } from 'ambix';

export const revision = '7e5b5dc7342b';
export const downRevision = null;
export const message = 'Initial bootstrap migration version.';
export const createDate = '2024-06-24 13:15:33.808998';

const col = (name: string, type: ReturnType<typeof t.text>, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  type,
  ...extra,
});
const key = (name: string, type = t.string()): ColumnSpec =>
  col(name, type, { nullable: false, primaryKey: true });

// JSONField (JSON kept in TEXT) is plain TEXT in the DDL.
const TABLES: readonly { name: string; columns: ColumnSpec[] }[] = [
  {
    name: 'auth',
    columns: [key('id'), col('email', t.string()), col('password', t.text()), col('active', t.boolean())],
  },
  {
    name: 'chat',
    columns: [
      key('id'),
      col('user_id', t.string()),
      col('title', t.text()),
      col('chat', t.text()),
      col('created_at', t.bigint()),
      col('updated_at', t.bigint()),
      col('share_id', t.text(), { unique: true }),
      col('archived', t.boolean()),
    ],
  },
  {
    name: 'chatidtag',
    columns: [
      key('id'),
      col('tag_name', t.string()),
      col('chat_id', t.string()),
      col('user_id', t.string()),
      col('timestamp', t.bigint()),
    ],
  },
  {
    name: 'document',
    columns: [
      key('collection_name'),
      col('name', t.string(), { unique: true }),
      col('title', t.text()),
      col('filename', t.text()),
      col('content', t.text()),
      col('user_id', t.string()),
      col('timestamp', t.bigint()),
    ],
  },
  {
    name: 'file',
    columns: [
      key('id'),
      col('user_id', t.string()),
      col('filename', t.text()),
      col('meta', t.text()),
      col('created_at', t.bigint()),
    ],
  },
  {
    name: 'function',
    columns: [
      key('id'),
      col('user_id', t.string()),
      col('name', t.text()),
      col('type', t.text()),
      col('content', t.text()),
      col('meta', t.text()),
      col('valves', t.text()),
      col('is_active', t.boolean()),
      col('is_global', t.boolean()),
      col('updated_at', t.bigint()),
      col('created_at', t.bigint()),
    ],
  },
  {
    name: 'memory',
    columns: [
      key('id'),
      col('user_id', t.string()),
      col('content', t.text()),
      col('updated_at', t.bigint()),
      col('created_at', t.bigint()),
    ],
  },
  {
    name: 'model',
    columns: [
      key('id', t.text()),
      col('user_id', t.text()),
      col('base_model_id', t.text()),
      col('name', t.text()),
      col('params', t.text()),
      col('meta', t.text()),
      col('updated_at', t.bigint()),
      col('created_at', t.bigint()),
    ],
  },
  {
    name: 'prompt',
    columns: [
      key('command'),
      col('user_id', t.string()),
      col('title', t.text()),
      col('content', t.text()),
      col('timestamp', t.bigint()),
    ],
  },
  {
    name: 'tag',
    columns: [key('id'), col('name', t.string()), col('user_id', t.string()), col('data', t.text())],
  },
  {
    name: 'tool',
    columns: [
      key('id'),
      col('user_id', t.string()),
      col('name', t.text()),
      col('content', t.text()),
      col('specs', t.text()),
      col('meta', t.text()),
      col('valves', t.text()),
      col('updated_at', t.bigint()),
      col('created_at', t.bigint()),
    ],
  },
  {
    name: 'user',
    columns: [
      key('id'),
      col('name', t.string()),
      col('email', t.string()),
      col('role', t.string()),
      col('profile_image_url', t.text()),
      col('last_active_at', t.bigint()),
      col('updated_at', t.bigint()),
      col('created_at', t.bigint()),
      col('api_key', t.string(), { unique: true }),
      col('settings', t.text()),
      col('info', t.text()),
      col('oauth_sub', t.text(), { unique: true }),
    ],
  },
];

export async function upgrade(op: Operations): Promise<void> {
  const existing = new Set(await op.inspect.getTables());
  for (const table of TABLES) {
    if (!existing.has(table.name)) await op.createTable(table.name, { columns: table.columns });
  }
}

export async function downgrade(op: Operations): Promise<void> {
  for (const table of [...TABLES].reverse()) await op.dropTable(table.name);
}
