/**
 * Add chat_message table and backfill it from every chat's JSON history.
 *
 * The heaviest data migration of the history (upstream reports 55-minute runs and OOM kills on
 * large PostgreSQL databases). Here memory stays bounded whatever the size of the chat table:
 * chats are read in keyset pages of 500 (in storage order, as upstream's unordered SELECT reads
 * them, so that of two messages whose prefixed ids collide the same one is kept), their
 * messages are queued and flushed every 5,000 rows, and nothing else is kept. Each flush runs
 * in a savepoint; if the multi-row insert fails, the flush is retried row by row, each in its
 * own savepoint, and the rows the database refuses are counted and reported, as upstream does.
 * Progress is reported through `op.progress` (a bar on a terminal, NDJSON with `--json`).
 */
import { type Operations, t } from 'ambix';
import { type ChatMessageRow, messagesOfChat } from './lib/chat-messages.js';
import { column, required } from './lib/columns.js';
import { bindBoolean, jsonText, readJsonColumn } from './lib/json.js';
import { nowSeconds } from './lib/schema.js';

export const revision = '8452d01d26d7';
export const downRevision = '374d2f66af06';
export const message = 'Add chat_message table';
export const createDate = '2026-02-01 04:00:00.000000';

const FLUSH_ROWS = 1000;
const CHAT_PAGE = 100;

const COMPOSITE_INDEXES: readonly [string, string[]][] = [
  ['chat_message_chat_parent_idx', ['chat_id', 'parent_id']],
  ['chat_message_model_created_idx', ['model_id', 'created_at']],
  ['chat_message_user_created_idx', ['user_id', 'created_at']],
];

export async function upgrade(op: Operations): Promise<void> {
  if (await op.inspect.hasTable('chat_message')) return;
  await op.createTable('chat_message', {
    columns: [
      { name: 'id', type: t.text(), primaryKey: true, nullable: false },
      required('chat_id', t.text(), {
        index: true,
        references: { table: 'chat', column: 'id', onDelete: 'CASCADE' },
      }),
      column('user_id', t.text(), { index: true }),
      required('role', t.text()),
      column('parent_id', t.text()),
      column('content', t.json()),
      column('output', t.json()),
      column('model_id', t.text(), { index: true }),
      column('files', t.json()),
      column('sources', t.json()),
      column('embeds', t.json()),
      column('done', t.boolean()),
      column('status_history', t.json()),
      column('error', t.json()),
      column('usage', t.json()),
      column('created_at', t.bigint(), { index: true }),
      column('updated_at', t.bigint()),
    ],
  });
  for (const [name, columns] of COMPOSITE_INDEXES) await op.createIndex(name, 'chat_message', columns);
  await backfill(op);
}

/**
 * The chats whose messages belong in chat_message, in pages, in storage order (as upstream's
 * unordered SELECT reads them); the backfill and verify() read the same ones.
 */
function conversationPages(op: Operations) {
  return op.batches('chat', {
    columns: ['id', 'user_id'],
    expressions: jsonText(['chat']),
    order: 'storage',
    // Pseudo-chats of shared links are not conversations (c1d2e3f4a5b6 moves them away).
    where: "user_id NOT LIKE 'shared-%'",
    batchSize: CHAT_PAGE,
  });
}

async function backfill(op: Operations): Promise<void> {
  const now = nowSeconds();
  const progress = op.progress(null, 'chat_message backfill (rows)');
  let failed = 0;
  let queue: ChatMessageRow[] = [];
  const flush = async () => {
    failed += await insertBatch(op, queue);
    progress.tick(queue.length);
    queue = [];
  };
  for await (const chats of conversationPages(op)) {
    for (const chat of chats) {
      const { rows, rejected } = messagesOfChat(
        String(chat.id),
        chat.user_id,
        readJsonColumn(chat.chat),
        now,
      );
      for (const reject of rejected) warn(`skipped message ${reject.id}: ${reject.reason}`);
      failed += rejected.length;
      for (const row of rows) queue.push(row);
      if (queue.length >= FLUSH_ROWS) await flush();
    }
  }
  if (queue.length > 0) await flush();
  progress.finish(failed > 0 ? `${failed} message(s) skipped` : undefined);
  // The table was created and filled in this transaction and has no statistics yet: without them
  // PostgreSQL plans verify()'s per-chat lookups (and the application's first queries) as full
  // scans. ANALYZE changes no schema and no row.
  if (op.dialect.name === 'postgresql') await op.execute('ANALYZE chat_message');
}

function warn(text: string): void {
  if (process.env.AMBIX_OPENWEBUI_QUIET !== '1') process.stderr.write(`  warning: ${text}\n`);
}

const COLUMNS = [
  'id',
  'chat_id',
  'user_id',
  'role',
  'parent_id',
  'content',
  'output',
  'model_id',
  'files',
  'sources',
  'embeds',
  'done',
  'status_history',
  'error',
  'usage',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ChatMessageRow)[];

/** Rows per INSERT: 500 × 17 parameters stays under every database's parameter limit. */
const ROWS_PER_INSERT = 500;

/**
 * The multi-row INSERT text for `count` rows, built once per size and reused: the runtime keeps
 * every statement's text for its failure report, so one shared string per size keeps that
 * record small however many rows the backfill writes.
 */
const insertTexts = new Map<string, string>();
function insertText(op: Operations, count: number): string {
  const key = `${op.dialect.name}:${count}`;
  let sql = insertTexts.get(key);
  if (sql === undefined) {
    let parameter = 0;
    const placeholder = () => (op.dialect.name === 'postgresql' ? `$${++parameter}` : '?');
    const tuple = () => `(${COLUMNS.map(placeholder).join(', ')})`;
    const tuples = Array.from({ length: count }, tuple);
    sql = `INSERT INTO chat_message (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
    insertTexts.set(key, sql);
  }
  return sql;
}

async function insertRows(op: Operations, rows: readonly ChatMessageRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const parameters: unknown[] = [];
    for (const row of chunk) {
      for (const name of COLUMNS) parameters.push(name === 'done' ? bindBoolean(op, row.done) : row[name]);
    }
    await op.execute(insertText(op, chunk.length), parameters);
  }
}

/** Inserts the rows; returns how many the database refused (those are skipped, as upstream). */
async function insertBatch(op: Operations, rows: readonly ChatMessageRow[]): Promise<number> {
  await op.execute('SAVEPOINT chat_message_batch');
  try {
    await insertRows(op, rows);
    await op.execute('RELEASE SAVEPOINT chat_message_batch');
    return 0;
  } catch {
    await op.execute('ROLLBACK TO SAVEPOINT chat_message_batch');
    await op.execute('RELEASE SAVEPOINT chat_message_batch');
  }
  let failed = 0;
  for (const row of rows) {
    await op.execute('SAVEPOINT chat_message_row');
    try {
      await insertRows(op, [row]);
      await op.execute('RELEASE SAVEPOINT chat_message_row');
    } catch (error) {
      await op.execute('ROLLBACK TO SAVEPOINT chat_message_row');
      await op.execute('RELEASE SAVEPOINT chat_message_row');
      failed += 1;
      warn(`skipped message ${row.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failed;
}

export async function downgrade(op: Operations): Promise<void> {
  for (const [name] of [...COMPOSITE_INDEXES].reverse()) await op.dropIndex(name, { table: 'chat_message' });
  await op.dropTable('chat_message');
}

/** Message ids looked up per query: 500 parameters stays under every database's limit. */
const IDS_PER_LOOKUP = 500;

/**
 * Every message of every chat (shared-link pseudo-chats aside) is in chat_message: a backfill
 * killed part-way, or a chat_message table created by hand before this revision ran (the upgrade
 * then skips the backfill), leaves messages out. Chats are read page by page as the backfill reads
 * them, so memory stays bounded; a message the database refused during the backfill is missing
 * too, and is reported. Messages the backfill could not take (no text role) are not expected.
 */
export async function verify(op: Operations): Promise<void> {
  let expected = 0;
  const missing: string[] = [];
  let missingCount = 0;
  for await (const chats of conversationPages(op)) {
    const ids = chats.flatMap(
      (chat) => messagesOfChat(String(chat.id), chat.user_id, readJsonColumn(chat.chat), 0).rows,
    );
    expected += ids.length;
    // One query per page finds the messages stored under their own chat; only the rest (none, on a
    // sound database, but an id that collided with another chat's is stored under that chat) is
    // looked up by id.
    const stored = await messagesStoredFor(
      op,
      chats.map((chat) => String(chat.id)),
    );
    const unseen = ids.filter((row) => !stored.has(row.id));
    for (let start = 0; start < unseen.length; start += IDS_PER_LOOKUP) {
      const wanted = unseen.slice(start, start + IDS_PER_LOOKUP).map((row) => row.id);
      const absent = await absentMessages(op, wanted);
      missingCount += absent.length;
      missing.push(...absent.slice(0, Math.max(0, 3 - missing.length)));
    }
  }
  if (missingCount > 0) {
    throw new Error(
      `chat_message lacks ${missingCount} of the ${expected} messages in chat histories (first: ${missing.join(', ')}); ` +
        'copy them from chat.chat, or restore the backup taken before 8452d01d26d7 and upgrade again',
    );
  }
}

/** The ids of the chat_message rows of these chats. */
async function messagesStoredFor(op: Operations, chatIds: readonly string[]): Promise<Set<string>> {
  if (chatIds.length === 0) return new Set();
  const parameters = Object.fromEntries(chatIds.map((id, index) => [`c${index}`, id]));
  const list = chatIds.map((_, index) => `:c${index}`).join(', ');
  const { rows } = await op.execute(`SELECT id FROM chat_message WHERE chat_id IN (${list})`, parameters);
  return new Set(rows.map((row) => String(row.id)));
}

/** Which of these message ids have no chat_message row. */
async function absentMessages(op: Operations, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const parameters = Object.fromEntries(ids.map((id, index) => [`m${index}`, id]));
  const list = ids.map((_, index) => `:m${index}`).join(', ');
  const { rows } = await op.execute(`SELECT id FROM chat_message WHERE id IN (${list})`, parameters);
  const present = new Set(rows.map((row) => String(row.id)));
  return ids.filter((id) => !present.has(id));
}
