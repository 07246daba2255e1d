/**
 * The chat → chat_message backfill of 8452d01d26d7, as pure functions: which rows a chat's JSON
 * history yields. Kept apart from the revision so the benchmark and the tests use the same code.
 */
import { decodeText, entriesOf, isObject, PyNumber, pythonJson, truthy } from './json.js';

/** 2020-01-01 00:00:00 UTC: older message timestamps are taken as garbage. */
const EARLIEST = 1_577_836_800;

/** Python's `int(float(value))`, or null where Python raises (None, text, NaN, ±inf, objects). */
function truncatedNumber(value: unknown): number | null {
  let number: number;
  if (typeof value === 'number') number = value;
  else if (value instanceof PyNumber) number = value.toNumber();
  else if (typeof value === 'boolean') number = value ? 1 : 0;
  else if (typeof value === 'string' && value.trim() !== '') number = Number(value.trim());
  else return null;
  return Number.isFinite(number) ? Math.trunc(number) : null;
}

/** Seconds since the epoch: milliseconds are divided down, implausible values become `now`. */
export function messageTimestamp(message: Record<string, unknown>, now: number): number {
  let ts = truncatedNumber('timestamp' in message ? message.timestamp : now) ?? now;
  if (ts > 10_000_000_000) ts = Math.floor(ts / 1000);
  if (ts < EARLIEST || ts > now + 86_400) ts = now;
  return ts;
}

export interface ChatMessageRow {
  id: string;
  chat_id: string;
  user_id: unknown;
  role: string;
  parent_id: string | null;
  content: string;
  output: string;
  model_id: string | null;
  files: string;
  sources: string;
  embeds: string;
  done: boolean | null;
  status_history: string;
  error: string;
  usage: string;
  created_at: number;
  updated_at: number;
}

/** A message upstream's insert would reject (it counts and skips those rows too). */
export interface RejectedMessage {
  readonly id: string;
  readonly reason: string;
}

function optionalText(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}

/** SQLAlchemy's Boolean takes only true/false/0/1/None. */
function strictBoolean(value: unknown): boolean | null | undefined {
  if (value === null) return null;
  const number = value instanceof PyNumber ? value.toNumber() : value;
  if (number === true || number === 1) return true;
  if (number === false || number === 0) return false;
  return undefined;
}

/** The decoded chat value: JSON columns come decoded; a JSON string holding JSON is decoded once more. */
function chatObject(chat: unknown): Record<string, unknown> | null {
  let value = chat;
  if (!truthy(value)) return null;
  if (typeof value === 'string') {
    const decoded = decodeText(value);
    if (!decoded.ok) return null;
    value = decoded.value;
  }
  // Upstream raises on a chat that is not an object here; skipping it is the safe reading.
  return isObject(value) ? value : null;
}

/**
 * The chat_message rows one chat yields, in the history's key order, plus the messages the
 * database would refuse (a role, parentId or model that is not text; a `done` that is not a boolean).
 */
export function messagesOfChat(
  chatId: string,
  userId: unknown,
  chat: unknown,
  now: number,
): { rows: ChatMessageRow[]; rejected: RejectedMessage[] } {
  const rows: ChatMessageRow[] = [];
  const rejected: RejectedMessage[] = [];
  const data = chatObject(chat);
  if (data === null) return { rows, rejected };
  const history = data.history ?? {};
  if (!isObject(history)) return { rows, rejected };
  const messages = history.messages ?? {};
  if (!isObject(messages)) return { rows, rejected };
  for (const [messageId, message] of entriesOf(messages)) {
    if (!isObject(message) || !truthy(message.role)) continue;
    const id = `${chatId}-${messageId}`;
    const role = optionalText(message.role);
    const parentId = optionalText(message.parentId);
    const modelId = optionalText(message.model);
    const done = 'done' in message ? strictBoolean(message.done) : true;
    if (
      role === undefined ||
      role === null ||
      parentId === undefined ||
      modelId === undefined ||
      done === undefined
    ) {
      rejected.push({ id, reason: 'a value its column cannot take (role, parentId, model or done)' });
      continue;
    }
    const ts = messageTimestamp(message, now);
    rows.push({
      id,
      chat_id: chatId,
      user_id: userId,
      role,
      parent_id: parentId,
      // Absent members are None upstream, which a JSON column stores as JSON null.
      content: pythonJson(message.content),
      output: pythonJson(message.output),
      model_id: modelId,
      files: pythonJson(message.files),
      sources: pythonJson(message.sources),
      embeds: pythonJson(message.embeds),
      done,
      status_history: pythonJson(message.statusHistory),
      error: pythonJson(message.error),
      usage: pythonJson(message.usage),
      created_at: ts,
      updated_at: ts,
    });
  }
  return { rows, rejected };
}
