import { type Operations, t } from 'ambix';

export const revision = '1a2b3c4d5e6f';
export const downRevision = null;
export const message = 'create user and post';
export const createDate = '2026-11-26T10:00:00Z';

export async function upgrade(op: Operations): Promise<void> {
  await op.createTable('user', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      { name: 'email', type: t.string(255), nullable: false, unique: true },
      { name: 'name', type: t.text(), nullable: false },
      { name: 'created_at', type: t.datetime(), nullable: false, default: { kind: 'now' } },
    ],
  });
  await op.createTable('post', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      {
        name: 'user_id',
        type: t.integer(),
        nullable: false,
        references: { table: 'user', column: 'id', onDelete: 'CASCADE' },
      },
      { name: 'title', type: t.string(200), nullable: false },
      { name: 'body', type: t.text() },
    ],
    indexes: [{ name: 'ix_post_user_id', columns: ['user_id'] }],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('post');
  await op.dropTable('user');
}
