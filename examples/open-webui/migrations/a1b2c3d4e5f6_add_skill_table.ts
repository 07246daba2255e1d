import { type Operations, t } from 'ambix';
import { column, required } from './lib/columns.js';

export const revision = 'a1b2c3d4e5f6';
export const downRevision = 'f1e2d3c4b5a6';
export const message = 'Add skill table';
export const createDate = '2026-02-11 09:30:00.000000';

export async function upgrade(op: Operations): Promise<void> {
  if (await op.inspect.hasTable('skill')) return;
  await op.createTable('skill', {
    columns: [
      { name: 'id', type: t.string(), primaryKey: true, nullable: false },
      required('user_id', t.string()),
      required('name', t.text(), { unique: true }),
      column('description', t.text()),
      required('content', t.text()),
      column('meta', t.json()),
      required('is_active', t.boolean()),
      required('updated_at', t.bigint()),
      required('created_at', t.bigint()),
    ],
    indexes: [
      { name: 'idx_skill_user_id', columns: ['user_id'] },
      { name: 'idx_skill_updated_at', columns: ['updated_at'] },
    ],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropIndex('idx_skill_updated_at', { table: 'skill' });
  await op.dropIndex('idx_skill_user_id', { table: 'skill' });
  await op.dropTable('skill');
}
