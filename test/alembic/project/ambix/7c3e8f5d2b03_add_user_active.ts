import { type Operations, t } from 'ambix';

export const revision = '7c3e8f5d2b03';
export const downRevision = '3f1e0c2a9b01';
export const message = 'add user.active (branch b)';

export async function upgrade(op: Operations): Promise<void> {
  await op.addColumn('user', { name: 'active', type: t.boolean(), nullable: false, default: true });
}

export async function downgrade(op: Operations): Promise<void> {
  // SQLite drops a column in place (3.35+), as Alembic's plain drop_column does.
  await op.dropColumn('user', 'active');
}
