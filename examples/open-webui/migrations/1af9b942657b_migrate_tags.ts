/**
 * Migrate tags: tag ids become normalised names (lower case, `_` for spaces), duplicates and the
 * special "pinned" tag are deleted, and the chatidtag rows are folded into chat.meta.tags and
 * chat.pinned. Not reversible (upstream's downgrade is a no-op too).
 *
 * As upstream, rows are read in storage order (the first of several tags with one name is the
 * one renamed, the others are deleted), and a tag whose id already equals its normalised name
 * finds itself in the "is the new id taken?" check and is deleted.
 */
import { type Operations, t } from 'ambix';
import { UnmigratableRowError } from './lib/errors.js';
import { bindBoolean, isObject, pythonJson } from './lib/json.js';
import { addColumnsIfMissing, columnNames } from './lib/schema.js';

export const revision = '1af9b942657b';
export const downRevision = '242a2047eae0';
export const message = 'Migrate tags';
export const createDate = '2024-10-09 21:02:35.241684';

function normalise(name: unknown, where: string): string {
  if (typeof name !== 'string') {
    throw new UnmigratableRowError(revision, where, 'has a NULL tag name', 'Give it a name (or delete it)');
  }
  return name.replaceAll(' ', '_').toLowerCase();
}

export async function upgrade(op: Operations): Promise<void> {
  // A crashed Alembic rebuild leaves this behind and would block the next one.
  await op.execute('DROP TABLE IF EXISTS _alembic_tmp_tag');
  if (await op.inspect.hasTable('tag')) {
    const names = await columnNames(op, 'tag');
    const uniques = await op.inspect.getUniqueConstraints('tag');
    await op.batchAlterTable('tag', (batch) => {
      if (!uniques.some((unique) => unique.name === 'uq_id_user_id')) {
        batch.createUniqueConstraint('uq_id_user_id', ['id', 'user_id']);
      }
      if (names.has('data')) batch.dropColumn('data');
      if (!names.has('meta')) batch.addColumn({ name: 'meta', type: t.json() });
    });
    await normaliseTagIds(op);
  }
  await addColumnsIfMissing(op, 'chat', [
    { name: 'pinned', type: t.boolean() },
    { name: 'meta', type: t.json(), nullable: false, default: '{}' },
  ]);
  await foldChatIdTags(op);
}

async function normaliseTagIds(op: Operations): Promise<void> {
  // Tags are few per user; the ordered map is what upstream builds too.
  const renames = new Map<string, string>();
  const pages = op.batches('tag', { columns: ['id', 'name', 'user_id'], order: 'storage' });
  for await (const rows of pages) {
    for (const row of rows) renames.set(String(row.id), normalise(row.name, `tag ${String(row.id)}`));
  }
  for (const [oldId, newId] of renames) {
    const taken =
      newId === 'pinned' ||
      (await op.execute('SELECT id FROM tag WHERE id = :id', { id: newId })).rows.length > 0;
    if (taken) await op.execute('DELETE FROM tag WHERE id = :id', { id: oldId });
    else await op.execute('UPDATE tag SET id = :newId WHERE id = :oldId', { newId, oldId });
  }
}

interface ChatTags {
  pinned: boolean;
  tags: string[] | null;
}

async function foldChatIdTags(op: Operations): Promise<void> {
  if (!(await op.inspect.hasTable('chatidtag'))) return;
  const chats = new Map<string, ChatTags>();
  const pages = op.batches('chatidtag', {
    columns: ['id', 'chat_id', 'tag_name'],
    order: 'storage',
  });
  for await (const rows of pages) {
    for (const row of rows) {
      const chatId = String(row.chat_id);
      const tag = normalise(row.tag_name, `chatidtag ${String(row.id)}`);
      const entry = chats.get(chatId) ?? { pinned: false, tags: null };
      chats.set(chatId, entry);
      if (tag === 'pinned') entry.pinned = true;
      // Upstream de-duplicates through a Python set (arbitrary order); first-seen (storage) order here.
      else if (entry.tags === null) entry.tags = [tag];
      else if (!entry.tags.includes(tag)) entry.tags.push(tag);
    }
  }
  const progress = op.progress(null, 'chatidtag into chat.meta');
  for (const [chatId, entry] of chats) {
    const meta = entry.tags === null ? {} : { tags: entry.tags };
    await op.execute('UPDATE chat SET meta = :meta, pinned = :pinned WHERE id = :id', {
      meta: pythonJson(isObject(meta) ? meta : {}),
      pinned: bindBoolean(op, entry.pinned),
      id: chatId,
    });
    progress.tick(1);
  }
  progress.finish();
}

export async function downgrade(_op: Operations): Promise<void> {
  // Upstream has no downgrade: the old tag ids and tag.data are gone.
}
