import { type Operations, t } from 'ambix';

export const revision = 'b05a1b7f4d05';
export const downRevision = '9d4f0a6e3c04';
export const message = 'widen post.title, add post.score (a table rebuild on SQLite)';

export async function upgrade(op: Operations): Promise<void> {
  await op.batchAlterTable('post', (batch) => {
    batch.alterColumn('title', { type: t.text(), existingType: t.string(200), existingNullable: false });
    batch.addColumn({ name: 'score', type: t.integer(), nullable: false, default: 0 });
    batch.createIndex('ix_post_score', ['score']);
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.batchAlterTable('post', (batch) => {
    batch.dropIndex('ix_post_score');
    batch.dropColumn('score');
    batch.alterColumn('title', { type: t.string(200), existingType: t.text(), existingNullable: false });
  });
}
