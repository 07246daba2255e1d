/** Update tags: the tag primary key becomes (id, user_id), named pk_id_user_id. */
import type { Operations } from 'ambix';

export const revision = '3ab32c4b8f59';
export const downRevision = '1af9b942657b';
export const message = 'Update tags';
export const createDate = '2024-10-09 21:02:35.241684';

export async function upgrade(op: Operations): Promise<void> {
  const primaryKey = await op.inspect.getPrimaryKey('tag');
  const uniques = await op.inspect.getUniqueConstraints('tag');
  const indexes = await op.inspect.getIndexes('tag');
  const uniqueNames = new Set(uniques.map((unique) => unique.name));
  await op.batchAlterTable('tag', (batch) => {
    if (primaryKey.columns.length > 0 && primaryKey.name !== null) {
      batch.dropConstraint(primaryKey.name, { type: 'primary' });
    }
    batch.createPrimaryKey('pk_id_user_id', ['id', 'user_id']);
    for (const unique of uniques) {
      if (unique.name === 'uq_id_user_id') batch.dropConstraint(unique.name, { type: 'unique' });
    }
    // A legacy peewee database has a unique index on id besides the key; it goes too.
    for (const index of indexes) {
      if (index.unique && !uniqueNames.has(index.name)) batch.dropIndex(index.name);
    }
  });
}

export async function downgrade(op: Operations): Promise<void> {
  const primaryKey = await op.inspect.getPrimaryKey('tag');
  await op.batchAlterTable('tag', (batch) => {
    if (primaryKey.name === 'pk_id_user_id') batch.dropConstraint('pk_id_user_id', { type: 'primary' });
    batch.createPrimaryKey('pk_id', ['id']);
    batch.createUniqueConstraint('uq_id_user_id', ['id', 'user_id']);
  });
}
