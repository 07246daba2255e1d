/**
 * Add shared_chat table and migrate existing shares. A shared link used to be a pseudo-chat whose
 * id is the share token and whose user_id is `shared-<original chat id>`; each becomes a
 * shared_chat row plus a public-read grant on the original chat, then the pseudo-chats and their
 * chat_message rows are deleted. Pseudo-chats whose original chat is gone are dropped, as upstream.
 *
 * Pseudo-chats are read in storage order, as upstream reads them: when one chat was shared twice,
 * the grant takes the `created_at` of the share stored first. Rows of other tables that referenced
 * a deleted pseudo-chat (chat_file) are removed as PostgreSQL's ON DELETE CASCADE removes them,
 * on SQLite too, where upstream leaves them pointing nowhere; the count is reported.
 */
import { randomUUID } from 'node:crypto';
import { type Operations, t } from 'ambix';
import { deleteCascading, describeTouched } from './lib/cascade.js';
import { column, required } from './lib/columns.js';
import { bindBoolean, jsonText, pythonJson, readJsonColumn } from './lib/json.js';
import { nowSeconds } from './lib/schema.js';

export const revision = 'c1d2e3f4a5b6';
export const downRevision = 'e1f2a3b4c5d6';
export const message = 'Add shared_chat table and migrate existing shares';
export const createDate = '2026-04-16 23:00:00.000000';

const SHARED = "user_id LIKE 'shared-%'";

export async function upgrade(op: Operations): Promise<void> {
  if (!(await op.inspect.hasTable('shared_chat'))) {
    await op.createTable('shared_chat', {
      columns: [
        { name: 'id', type: t.text(), primaryKey: true, nullable: false },
        required('chat_id', t.text(), { references: { table: 'chat', column: 'id', onDelete: 'CASCADE' } }),
        required('user_id', t.text()),
        column('title', t.text()),
        column('chat', t.json()),
        column('created_at', t.bigint()),
        column('updated_at', t.bigint()),
      ],
    });
  }
  const progress = op.progress(null, 'shared chats into shared_chat');
  const pages = op.batches('chat', {
    columns: ['id', 'user_id', 'title', 'created_at', 'updated_at'],
    expressions: jsonText(['chat']),
    where: SHARED,
    order: 'storage',
  });
  for await (const rows of pages) {
    for (const row of rows) await moveShare(op, row);
    progress.tick(rows.length);
  }
  await op.execute(`DELETE FROM chat_message WHERE chat_id IN (SELECT id FROM chat WHERE ${SHARED})`);
  const cascaded = describeTouched(await deleteCascading(op, 'chat', SHARED));
  progress.finish(
    cascaded === '' ? undefined : `removed with the pseudo-chats (ON DELETE CASCADE): ${cascaded} row(s)`,
  );
}

async function moveShare(op: Operations, row: Record<string, unknown>): Promise<void> {
  const token = row.id;
  const originalId = String(row.user_id).replace('shared-', '');
  const original = await op.execute('SELECT user_id FROM chat WHERE id = :id', { id: originalId });
  const owner = original.rows[0];
  if (owner === undefined) return;
  const existing = await op.execute('SELECT id FROM shared_chat WHERE id = :id', { id: token });
  if (existing.rows.length === 0) {
    await op.bulkInsert('shared_chat', [
      {
        id: token,
        chat_id: originalId,
        user_id: owner.user_id,
        title: row.title,
        chat: pythonJson(readJsonColumn(row.chat) ?? null),
        created_at: row.created_at,
        updated_at: row.updated_at,
      },
    ]);
  }
  const grant = await op.execute(
    'SELECT id FROM access_grant WHERE resource_type = :type AND resource_id = :id ' +
      "AND principal_type = 'user' AND principal_id = '*' AND permission = 'read'",
    { type: 'shared_chat', id: originalId },
  );
  if (grant.rows.length > 0) return;
  const createdAt = Number(row.created_at ?? 0);
  await op.bulkInsert('access_grant', [
    {
      id: randomUUID(),
      resource_type: 'shared_chat',
      resource_id: originalId,
      principal_type: 'user',
      principal_id: '*',
      permission: 'read',
      created_at: createdAt === 0 || Number.isNaN(createdAt) ? nowSeconds() : row.created_at,
    },
  ]);
}

export async function downgrade(op: Operations): Promise<void> {
  const pages = op.batches('shared_chat', {
    columns: ['chat_id', 'title', 'created_at', 'updated_at'],
    expressions: jsonText(['chat']),
  });
  for await (const rows of pages) {
    await op.bulkInsert(
      'chat',
      rows.map((row) => ({
        id: row.id,
        user_id: `shared-${String(row.chat_id)}`,
        title: row.title,
        chat: pythonJson(readJsonColumn(row.chat) ?? null),
        created_at: row.created_at,
        updated_at: row.updated_at,
        archived: bindBoolean(op, false),
        meta: '{}',
      })),
    );
  }
  await op.execute("DELETE FROM access_grant WHERE resource_type = 'shared_chat'");
  await op.dropTable('shared_chat');
}

/**
 * No shared-link pseudo-chat is left in chat: each became a shared_chat row (or was dropped, its
 * chat gone). One left behind shows up in users' chat lists as a chat they never had.
 */
export async function verify(op: Operations): Promise<void> {
  const { rows } = await op.execute(`SELECT id FROM chat WHERE ${SHARED} LIMIT 3`);
  if (rows.length > 0) {
    throw new Error(
      `chat still holds shared-link pseudo-chats (${rows.map((row) => String(row.id)).join(', ')}); ` +
        'rerun the move of c1d2e3f4a5b6 on them, or restore the backup taken before it and upgrade again',
    );
  }
}
