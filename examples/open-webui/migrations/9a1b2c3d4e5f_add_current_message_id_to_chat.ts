/**
 * add current_message_id to chat, and fill it for every chat: the first valid candidate among
 * the stored value, history.currentId, currentId and branchPointMessageId (checked against
 * chat_message), else the newest leaf of the message tree (from chat_message, else the JSON).
 * Chats are processed in keyset pages of 150, as upstream's chunks; stored ids are unprefixed.
 */
import { type Operations, t } from 'ambix';
import { decodeText, entriesOf, isObject, jsonText, PyNumber, readJsonColumn, truthy } from './lib/json.js';
import { columnNames } from './lib/schema.js';

export const revision = '9a1b2c3d4e5f';
export const downRevision = '856c5b02fb54';
export const message = 'add current_message_id to chat';
export const createDate = '2026-07-23 00:00:00.000000';

interface TreeNode {
  readonly parentId: unknown;
  readonly createdAt: unknown;
}

function asNumber(value: unknown): number {
  if (!truthy(value)) return 0;
  const number =
    typeof value === 'number' ? value : value instanceof PyNumber ? value.toNumber() : Number(value);
  return Number.isFinite(number) ? number : 0;
}

/** The newest leaf (ties: the first in order); among all messages when every one is a parent. */
export function pickLeaf(messages: ReadonlyMap<string, TreeNode>): string | null {
  const parents = new Set<unknown>();
  for (const node of messages.values()) if (messages.has(node.parentId as string)) parents.add(node.parentId);
  const ids = [...messages.keys()];
  const leaves = ids.filter((id) => !parents.has(id));
  let best: string | null = null;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const id of leaves.length > 0 ? leaves : ids) {
    const time = asNumber(messages.get(id)?.createdAt);
    if (time > bestTime) {
      best = id;
      bestTime = time;
    }
  }
  return best;
}

function stripPrefix(value: unknown, prefix: string): string {
  const text = String(value ?? '');
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

interface ChatState {
  readonly id: string;
  readonly current: unknown;
  readonly candidates: string[];
  readonly jsonMessages: Map<string, TreeNode>;
}

function chatData(raw: unknown): Record<string, unknown> {
  if (isObject(raw)) return raw;
  if (typeof raw === 'string') {
    const decoded = decodeText(raw);
    if (decoded.ok && isObject(decoded.value)) return decoded.value;
  }
  return {};
}

function stateOf(id: string, current: unknown, raw: unknown): ChatState {
  const prefix = `${id}-`;
  const data = chatData(raw);
  const history = isObject(data.history) ? data.history : {};
  const candidates: string[] = [];
  for (const value of [current, history.currentId, data.currentId, data.branchPointMessageId]) {
    if (typeof value !== 'string' || value === '') continue;
    const candidate = stripPrefix(value, prefix);
    if (!candidates.includes(candidate)) candidates.push(candidate);
  }
  let messages: Record<string, unknown> = isObject(history.messages) ? history.messages : {};
  if (Object.keys(messages).length === 0 && Array.isArray(data.messages)) {
    messages = {};
    for (const message of data.messages) {
      if (isObject(message) && truthy(message.id)) messages[String(message.id)] = message;
    }
  }
  const jsonMessages = new Map<string, TreeNode>();
  for (const [messageId, message] of entriesOf(messages)) {
    jsonMessages.set(
      messageId,
      isObject(message)
        ? { parentId: message.parentId ?? null, createdAt: 'timestamp' in message ? message.timestamp : 0 }
        : { parentId: null, createdAt: 0 },
    );
  }
  return { id, current, candidates, jsonMessages };
}

async function resolveFromTable(op: Operations, chats: readonly ChatState[]): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  const chatIds = chats.map((chat) => chat.id);
  const candidateIds = chats.flatMap((chat) => chat.candidates.map((candidate) => `${chat.id}-${candidate}`));
  if (candidateIds.length > 0) {
    const rows = await op.db
      .selectFrom('chat_message')
      .select(['chat_id', 'id'])
      .where('chat_id', 'in', chatIds)
      .where('id', 'in', candidateIds)
      .execute();
    const valid = new Map<string, Set<string>>();
    for (const row of rows) {
      const chatId = String(row.chat_id);
      const messageId = stripPrefix(row.id, `${chatId}-`);
      if (messageId === '') continue;
      const set = valid.get(chatId) ?? new Set<string>();
      set.add(messageId);
      valid.set(chatId, set);
    }
    for (const chat of chats) {
      const found = chat.candidates.find((candidate) => valid.get(chat.id)?.has(candidate));
      if (found !== undefined) resolved.set(chat.id, found);
    }
  }
  const unresolved = chatIds.filter((id) => !resolved.has(id));
  if (unresolved.length === 0) return resolved;
  const rows = await op.db
    .selectFrom('chat_message')
    .select(['chat_id', 'id', 'parent_id', 'created_at'])
    .where('chat_id', 'in', unresolved)
    .execute();
  const trees = new Map<string, Map<string, TreeNode>>();
  for (const row of rows) {
    const chatId = String(row.chat_id);
    const prefix = `${chatId}-`;
    const messageId = stripPrefix(row.id, prefix);
    if (messageId === '') continue;
    const parentId = row.parent_id === null ? null : stripPrefix(row.parent_id, prefix);
    const tree = trees.get(chatId) ?? new Map<string, TreeNode>();
    tree.set(messageId, { parentId, createdAt: row.created_at ?? 0 });
    trees.set(chatId, tree);
  }
  for (const [chatId, tree] of trees) {
    const leaf = pickLeaf(tree);
    if (leaf !== null) resolved.set(chatId, leaf);
  }
  return resolved;
}

export async function upgrade(op: Operations): Promise<void> {
  if (!(await columnNames(op, 'chat')).has('current_message_id')) {
    await op.addColumn('chat', { name: 'current_message_id', type: t.text() });
  }
  const hasMessages = await op.inspect.hasTable('chat_message');
  const progress = op.progress(null, 'chat.current_message_id');
  const pages = op.batches('chat', {
    columns: ['current_message_id'],
    expressions: jsonText(['chat']),
    batchSize: 150,
  });
  for await (const rows of pages) {
    const chats = rows.map((row) =>
      stateOf(String(row.id), row.current_message_id, readJsonColumn(row.chat)),
    );
    const resolved = hasMessages ? await resolveFromTable(op, chats) : new Map<string, string>();
    for (const chat of chats) {
      if (resolved.has(chat.id)) continue;
      const fromJson = chat.candidates.find((candidate) => chat.jsonMessages.has(candidate));
      const pick = fromJson ?? (chat.jsonMessages.size > 0 ? pickLeaf(chat.jsonMessages) : null);
      if (pick !== null) resolved.set(chat.id, pick);
    }
    for (const chat of chats) {
      const messageId = resolved.get(chat.id);
      if (messageId === undefined || messageId === '' || messageId === chat.current) continue;
      await op.execute('UPDATE chat SET current_message_id = :mid WHERE id = :id', {
        mid: messageId,
        id: chat.id,
      });
    }
    progress.tick(rows.length);
  }
  progress.finish();
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn('chat', 'current_message_id');
}

/**
 * Every chat with messages in chat_message has a current message: a chat left without one (the
 * backfill stopped part-way, or the column was added by hand and never filled) opens on nothing.
 */
export async function verify(op: Operations): Promise<void> {
  if (!(await op.inspect.hasTable('chat_message'))) return;
  const without =
    "FROM chat WHERE (current_message_id IS NULL OR current_message_id = '') " +
    'AND EXISTS (SELECT 1 FROM chat_message WHERE chat_message.chat_id = chat.id)';
  const counted = await op.execute(`SELECT COUNT(*) AS n ${without}`);
  const count = Number(counted.rows[0]?.n ?? 0);
  if (count === 0) return;
  const first = await op.execute(`SELECT id ${without} ORDER BY id LIMIT 3`);
  throw new Error(
    `${count} chat(s) with messages have no current_message_id (first: ${first.rows.map((row) => String(row.id)).join(', ')}); ` +
      "set each to the chat's newest leaf message in chat_message, as this revision does",
  );
}
