/** add automation tables. (Upstream's docstring names f1e2d3c4b5a6 as parent; the code's a3dd5bedd151 counts.) */
import { type Operations, t } from 'ambix';
import { column, required } from './lib/columns.js';
import { createIndexIfMissing } from './lib/schema.js';

export const revision = 'd4e5f6a7b8c9';
export const downRevision = 'a3dd5bedd151';
export const message = 'add automation tables';
export const createDate = '2026-03-30';

export async function upgrade(op: Operations): Promise<void> {
  const tables = new Set(await op.inspect.getTables());
  if (!tables.has('automation')) {
    await op.createTable('automation', {
      columns: [
        { name: 'id', type: t.text(), primaryKey: true, nullable: false },
        required('user_id', t.text()),
        required('name', t.text()),
        required('data', t.json()),
        column('meta', t.json()),
        required('is_active', t.boolean()),
        column('last_run_at', t.bigint()),
        column('next_run_at', t.bigint()),
        required('created_at', t.bigint()),
        required('updated_at', t.bigint()),
      ],
    });
  }
  await createIndexIfMissing(op, 'ix_automation_next_run', 'automation', ['next_run_at']);
  if (!tables.has('automation_run')) {
    await op.createTable('automation_run', {
      columns: [
        { name: 'id', type: t.text(), primaryKey: true, nullable: false },
        required('automation_id', t.text()),
        column('chat_id', t.text()),
        required('status', t.text()),
        column('error', t.text()),
        required('created_at', t.bigint()),
      ],
    });
  }
  await createIndexIfMissing(op, 'ix_automation_run_automation_id', 'automation_run', ['automation_id']);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropIndex('ix_automation_run_automation_id', { table: 'automation_run' });
  await op.dropTable('automation_run');
  await op.dropIndex('ix_automation_next_run', { table: 'automation' });
  await op.dropTable('automation');
}
