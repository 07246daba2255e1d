import { type Operations, t } from 'ambix';

export const revision = 'af906e964978';
export const downRevision = 'c29facfe716b';
export const message = 'Add feedback table';
export const createDate = '2024-10-20 17:02:35.241684';

export async function upgrade(op: Operations): Promise<void> {
  if (await op.inspect.hasTable('feedback')) return;
  await op.createTable('feedback', {
    columns: [
      { name: 'id', type: t.text(), primaryKey: true, nullable: false },
      { name: 'user_id', type: t.text() },
      { name: 'version', type: t.bigint() },
      { name: 'type', type: t.text() },
      { name: 'data', type: t.json() },
      { name: 'meta', type: t.json() },
      { name: 'snapshot', type: t.json() },
      { name: 'created_at', type: t.bigint(), nullable: false },
      { name: 'updated_at', type: t.bigint(), nullable: false },
    ],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('feedback');
}
