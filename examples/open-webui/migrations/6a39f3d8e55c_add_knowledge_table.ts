/**
 * Add knowledge table, and copy every legacy `document` row into it. `document` itself stays.
 */
import { type Operations, t } from 'ambix';
import { UnmigratableRowError } from './lib/errors.js';
import { decodeText, isObject, pythonJson } from './lib/json.js';

export const revision = '6a39f3d8e55c';
export const downRevision = 'c0fbf31ca0db';
export const message = 'Add knowledge table';
export const createDate = '2024-10-01 14:02:35.241684';

export async function upgrade(op: Operations): Promise<void> {
  // All or nothing, as upstream: an existing knowledge table means the copy already happened.
  if (await op.inspect.hasTable('knowledge')) return;
  await op.createTable('knowledge', {
    columns: [
      { name: 'id', type: t.text(), primaryKey: true, nullable: false },
      { name: 'user_id', type: t.text(), nullable: false },
      { name: 'name', type: t.text(), nullable: false },
      { name: 'description', type: t.text() },
      { name: 'data', type: t.json() },
      { name: 'meta', type: t.json() },
      { name: 'created_at', type: t.bigint(), nullable: false },
      { name: 'updated_at', type: t.bigint() },
    ],
  });
  const progress = op.progress(null, 'knowledge from document');
  const pages = op.batches('document', {
    key: 'collection_name',
    columns: ['user_id', 'name', 'title', 'content', 'timestamp'],
  });
  for await (const rows of pages) {
    for (const row of rows) {
      const content = row.content === null || row.content === '' ? '{}' : String(row.content);
      // Upstream fails on content that is not a JSON object; so do we, naming the document.
      const decoded = decodeText(content);
      const parsed = decoded.ok ? decoded.value : undefined;
      if (!isObject(parsed)) {
        throw new UnmigratableRowError(
          revision,
          `document ${String(row.collection_name)}`,
          'has content that is not a JSON object',
          'Fix or empty its content',
        );
      }
      const tags = 'tags' in parsed ? parsed.tags : [];
      await op.execute(
        'INSERT INTO knowledge (id, user_id, name, description, meta, created_at, updated_at) ' +
          'VALUES (:id, :user_id, :name, :description, :meta, :created_at, :updated_at)',
        {
          id: row.collection_name,
          user_id: row.user_id,
          name: row.title,
          description: row.name,
          meta: pythonJson({ legacy: true, document: true, tags }),
          created_at: row.timestamp,
          updated_at: row.timestamp,
        },
      );
    }
    progress.tick(rows.length);
  }
  progress.finish();
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('knowledge');
}
