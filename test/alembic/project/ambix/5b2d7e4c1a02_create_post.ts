import { type Operations, t } from 'ambix';

export const revision = '5b2d7e4c1a02';
export const downRevision = '3f1e0c2a9b01';
export const message = 'create post (branch a)';

export async function upgrade(op: Operations): Promise<void> {
  await op.createTable('post', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      { name: 'user_id', type: t.integer(), nullable: false },
      { name: 'title', type: t.string(200), nullable: false },
      // Reserved on every dialect: always quoted.
      { name: 'order', type: t.integer() },
    ],
    foreignKeys: [
      {
        name: 'fk_post_user',
        columns: ['user_id'],
        referencedTable: 'user',
        referencedColumns: ['id'],
        onDelete: 'CASCADE',
      },
    ],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('post');
}
