import { type Operations, t } from 'ambix';

export const revision = '3f1e0c2a9b01';
export const downRevision = null;
export const message = 'create user';

export async function upgrade(op: Operations): Promise<void> {
  // `user` is reserved on PostgreSQL only: quoted there, bare elsewhere, as SQLAlchemy writes it.
  await op.createTable('user', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      { name: 'email', type: t.string(100), nullable: false },
      { name: 'name', type: t.text() },
    ],
    uniqueConstraints: [{ name: 'uq_user_email', columns: ['email'] }],
    indexes: [{ name: 'ix_user_name', columns: ['name'] }],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropIndex('ix_user_name', { table: 'user' });
  await op.dropTable('user');
}
