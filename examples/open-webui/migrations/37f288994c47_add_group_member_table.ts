/**
 * add_group_member_table: one group_member row per element of group.user_ids, then user_ids is
 * dropped. All or nothing as upstream: an existing group_member table skips the whole revision.
 *
 * An id naming no user (a deleted one) is skipped and counted: its row would break the foreign key
 * to user, which PostgreSQL refuses (failing upstream's revision) and SQLite, with enforcement
 * off, would keep pointing nowhere.
 */
import { randomUUID } from 'node:crypto';
import { type Operations, t } from 'ambix';
import { column, required, uniqueTextKey } from './lib/columns.js';
import { decodeText, jsonText, PyNumber, pythonJson, readJsonColumn, truthy } from './lib/json.js';
import { nowSeconds } from './lib/schema.js';

export const revision = '37f288994c47';
export const downRevision = 'a5c220713937';
export const message = 'add_group_member_table';
export const createDate = '2025-11-17 03:45:25.123939';

function memberIds(raw: unknown): unknown[] {
  let value = raw;
  if (!truthy(value)) return [];
  if (typeof value === 'string') {
    const decoded = decodeText(value);
    if (!decoded.ok) return [];
    value = decoded.value;
  }
  return Array.isArray(value) ? value : [];
}

/** A list element as the text a Text column stores (numbers as Python prints them); others are no id. */
function asUserId(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof PyNumber) return pythonJson(value);
  return null;
}

/** The ids among `ids` that name a user. */
async function existingUsers(op: Operations, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const parameters = Object.fromEntries(chunk.map((id, index) => [`u${index}`, id]));
    const list = chunk.map((_, index) => `:u${index}`).join(', ');
    const { rows } = await op.execute(`SELECT id FROM "user" WHERE id IN (${list})`, parameters);
    for (const row of rows) found.add(String(row.id));
  }
  return found;
}

export async function upgrade(op: Operations): Promise<void> {
  if (await op.inspect.hasTable('group_member')) return;
  await op.createTable('group_member', {
    columns: [
      uniqueTextKey(),
      required('group_id', t.text(), { references: { table: 'group', column: 'id', onDelete: 'CASCADE' } }),
      required('user_id', t.text(), { references: { table: 'user', column: 'id', onDelete: 'CASCADE' } }),
      column('created_at', t.bigint()),
      column('updated_at', t.bigint()),
    ],
    uniqueConstraints: [{ name: 'uq_group_member_group_user', columns: ['group_id', 'user_id'] }],
  });
  const now = nowSeconds();
  const progress = op.progress(null, 'group.user_ids into group_member');
  let dangling = 0;
  for await (const groups of op.batches('group', { columns: [], expressions: jsonText(['user_ids']) })) {
    for (const group of groups) {
      // Upstream fails the whole revision on a repeated or null id in one list; each member once here.
      const listed = memberIds(readJsonColumn(group.user_ids)).map(asUserId);
      const ids = [...new Set(listed.filter((id) => id !== null))];
      const users = await existingUsers(op, ids);
      dangling += ids.length - users.size;
      const rows = ids
        .filter((id) => users.has(id))
        .map((userId) => ({
          id: randomUUID(),
          group_id: group.id,
          user_id: userId,
          created_at: now,
          updated_at: now,
        }));
      await op.bulkInsert('group_member', rows);
      progress.tick(rows.length);
    }
  }
  progress.finish(dangling > 0 ? `skipped ${dangling} id(s) naming no user` : undefined);
  await op.batchAlterTable('group', (batch) => batch.dropColumn('user_ids'));
}

export async function downgrade(op: Operations): Promise<void> {
  await op.batchAlterTable('group', (batch) => batch.addColumn({ name: 'user_ids', type: t.json() }));
  for await (const groups of op.batches('group', { columns: [] })) {
    for (const group of groups) {
      const { rows } = await op.execute('SELECT user_id FROM group_member WHERE group_id = :id', {
        id: group.id,
      });
      await op.execute('UPDATE "group" SET user_ids = :ids WHERE id = :id', {
        ids: pythonJson(rows.map((row) => row.user_id)),
        id: group.id,
      });
    }
  }
  await op.dropTable('group_member');
}
