/**
 * Update chat table: `chat.chat` TEXT → JSON. The column is renamed to old_chat, a JSON `chat`
 * is added (it becomes the last column, as upstream), every row is parsed, old_chat is dropped.
 * Text that is not valid JSON becomes JSON `null`, as upstream (that is its documented loss).
 * Unlike upstream, a SQL NULL chat stays NULL instead of failing the revision. Values keep every
 * digit and their key order; `NaN` and the infinities are kept on SQLite as Python's json keeps
 * them, and stop the revision on PostgreSQL (whose JSON type refuses them, as upstream's UPDATE fails).
 */
import { type Operations, t } from 'ambix';
import { UnmigratableRowError } from './lib/errors.js';
import { decodeText, hasNonFinite, jsonText, pythonJson, readJsonColumn } from './lib/json.js';
import { columnNames, columnTypes, isTextFamily } from './lib/schema.js';

export const revision = '242a2047eae0';
export const downRevision = '6a39f3d8e55c';
export const message = 'Update chat table';
export const createDate = '2024-10-09 21:02:35.241684';

export async function upgrade(op: Operations): Promise<void> {
  const types = await columnTypes(op, 'chat');
  if (types.has('chat') && isTextFamily(types.get('chat'))) {
    if (types.has('old_chat')) await op.dropColumn('chat', 'old_chat');
    await op.alterColumn('chat', 'chat', { newName: 'old_chat' });
    await op.addColumn('chat', { name: 'chat', type: t.json() });
  }
  // Also finishes an interrupted run that left old_chat behind.
  if (!(await columnNames(op, 'chat')).has('old_chat')) return;
  const progress = op.progress(null, 'chat.chat to JSON');
  for await (const rows of op.batches('chat', { columns: ['old_chat'], batchSize: 500 })) {
    for (const row of rows) {
      let value: string | null = null;
      if (row.old_chat !== null) {
        const decoded = decodeText(String(row.old_chat));
        if (decoded.ok && op.dialect.name === 'postgresql' && hasNonFinite(decoded.value)) {
          throw new UnmigratableRowError(
            revision,
            `chat ${String(row.id)}`,
            'holds NaN or Infinity, which a PostgreSQL JSON column cannot store',
            'Replace those numbers in chat.chat (with null, say)',
          );
        }
        value = pythonJson(decoded.ok ? decoded.value : null);
      }
      await op.execute('UPDATE chat SET chat = :chat WHERE id = :id', { chat: value, id: row.id });
    }
    progress.tick(rows.length);
  }
  progress.finish();
  await op.dropColumn('chat', 'old_chat');
}

export async function downgrade(op: Operations): Promise<void> {
  const names = await columnNames(op, 'chat');
  if (!names.has('old_chat')) await op.addColumn('chat', { name: 'old_chat', type: t.text() });
  if (names.has('chat')) {
    for await (const rows of op.batches('chat', {
      columns: [],
      expressions: jsonText(['chat']),
      batchSize: 500,
    })) {
      for (const row of rows) {
        const value = readJsonColumn(row.chat);
        const text = value === null || value === undefined ? null : pythonJson(value);
        await op.execute('UPDATE chat SET old_chat = :text WHERE id = :id', { text, id: row.id });
      }
    }
    await op.dropColumn('chat', 'chat');
  }
  await op.alterColumn('chat', 'old_chat', { newName: 'chat' });
}
