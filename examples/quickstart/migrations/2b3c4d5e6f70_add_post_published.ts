import { type Operations, t } from 'ambix';

export const revision = '2b3c4d5e6f70';
export const downRevision = '1a2b3c4d5e6f';
export const message = 'add post.published';
export const createDate = '2026-11-26T10:05:00Z';

export async function upgrade(op: Operations): Promise<void> {
  await op.addColumn('post', { name: 'published', type: t.boolean(), nullable: false, default: false });
  await op.createIndex('ix_post_published', 'post', ['published'], { where: 'published' });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropIndex('ix_post_published', { table: 'post' });
  await op.dropColumn('post', 'published');
}
