/**
 * Update file table path: add file.path, make file.meta JSON, and copy meta.path into path.
 * Upstream fails on a meta that is JSON `null` (a membership test on None) and substring-tests a
 * string meta; here only a JSON object's `path` member counts and other rows are left alone.
 */
import { type Operations, t } from 'ambix';
import { isObject, jsonText, pythonJson, readJsonColumn } from './lib/json.js';
import { addColumnsIfMissing } from './lib/schema.js';

export const revision = 'c29facfe716b';
export const downRevision = 'c69f45358db4';
export const message = 'Update file table path';
export const createDate = '2024-10-20 17:02:35.241684';

export async function upgrade(op: Operations): Promise<void> {
  await addColumnsIfMissing(op, 'file', [{ name: 'path', type: t.text() }]);
  await op.batchAlterTable(
    'file',
    (batch) => {
      batch.alterColumn('meta', { type: t.json(), using: 'meta::json', existingType: t.text() });
    },
    { recreate: 'always' },
  );
  const progress = op.progress(null, 'file.path from meta');
  const pages = op.batches('file', {
    columns: [],
    expressions: jsonText(['meta']),
    where: 'path IS NULL AND meta IS NOT NULL',
  });
  for await (const rows of pages) {
    for (const row of rows) {
      const meta = readJsonColumn(row.meta);
      if (!isObject(meta) || !('path' in meta)) continue;
      const path = meta.path;
      await op.execute('UPDATE file SET path = :path WHERE id = :id', {
        path: path === null || path === undefined ? null : typeof path === 'string' ? path : pythonJson(path),
        id: row.id,
      });
    }
    progress.tick(rows.length);
  }
  progress.finish();
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('file', 'path');
  await op.batchAlterTable('file', (batch) => {
    batch.alterColumn('meta', { type: t.text(), existingType: t.json() });
  });
}
