/**
 * Add knowledge_file table: one row per existing file in knowledge.data.file_ids, then
 * knowledge.data is dropped (81cc2ce44d79 adds it back, empty). References to files that no
 * longer exist are skipped, as upstream. All or nothing: an existing knowledge_file skips it all.
 */
import { randomUUID } from 'node:crypto';
import { type Operations, t } from 'ambix';
import { required } from './lib/columns.js';
import { decodeText, isObject, jsonText, pythonJson, readJsonColumn, truthy } from './lib/json.js';
import { nowSeconds } from './lib/schema.js';

export const revision = '3e0e00844bb0';
export const downRevision = '90ef40d4714e';
export const message = 'Add knowledge_file table';
export const createDate = '2025-12-02 06:54:19.401334';

function fileIdsOf(raw: unknown): unknown[] {
  let data = raw;
  if (!truthy(data)) return [];
  if (typeof data === 'string') {
    const decoded = decodeText(data);
    if (!decoded.ok) return [];
    data = decoded.value;
  }
  if (!isObject(data)) return [];
  const ids = data.file_ids ?? [];
  return Array.isArray(ids) ? ids : [];
}

export async function upgrade(op: Operations): Promise<void> {
  if (await op.inspect.hasTable('knowledge_file')) return;
  await op.createTable('knowledge_file', {
    columns: [
      { name: 'id', type: t.text(), primaryKey: true, nullable: false },
      required('user_id', t.text()),
      required('knowledge_id', t.text(), {
        references: { table: 'knowledge', column: 'id', onDelete: 'CASCADE' },
      }),
      required('file_id', t.text(), { references: { table: 'file', column: 'id', onDelete: 'CASCADE' } }),
      required('created_at', t.bigint()),
      required('updated_at', t.bigint()),
    ],
    uniqueConstraints: [{ name: 'uq_knowledge_file_knowledge_file', columns: ['knowledge_id', 'file_id'] }],
    indexes: [
      { name: 'ix_knowledge_file_knowledge_id', columns: ['knowledge_id'] },
      { name: 'ix_knowledge_file_file_id', columns: ['file_id'] },
      { name: 'ix_knowledge_file_user_id', columns: ['user_id'] },
    ],
  });
  const now = nowSeconds();
  const progress = op.progress(null, 'knowledge.data.file_ids into knowledge_file');
  for await (const rows of op.batches('knowledge', {
    columns: ['user_id'],
    expressions: jsonText(['data']),
  })) {
    for (const knowledge of rows) {
      const seen = new Set<string>();
      for (const fileId of fileIdsOf(readJsonColumn(knowledge.data))) {
        if (typeof fileId !== 'string' || seen.has(fileId)) continue;
        seen.add(fileId);
        const found = await op.execute('SELECT id FROM file WHERE id = :id', { id: fileId });
        if (found.rows.length === 0) continue;
        await op.bulkInsert('knowledge_file', [
          {
            id: randomUUID(),
            user_id: knowledge.user_id,
            knowledge_id: knowledge.id,
            file_id: fileId,
            created_at: now,
            updated_at: now,
          },
        ]);
        progress.tick(1);
      }
    }
  }
  progress.finish();
  await op.batchAlterTable('knowledge', (batch) => batch.dropColumn('data'));
}

export async function downgrade(op: Operations): Promise<void> {
  await op.addColumn('knowledge', { name: 'data', type: t.json() });
  for await (const rows of op.batches('knowledge', { columns: [] })) {
    for (const knowledge of rows) {
      const files = await op.execute('SELECT file_id FROM knowledge_file WHERE knowledge_id = :id', {
        id: knowledge.id,
      });
      await op.execute('UPDATE knowledge SET data = :data WHERE id = :id', {
        data: pythonJson({ file_ids: files.rows.map((row) => row.file_id) }),
        id: knowledge.id,
      });
    }
  }
  await op.dropTable('knowledge_file');
}
