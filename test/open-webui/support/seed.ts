/**
 * A small but realistic Open WebUI database, seeded in stages at the revisions where each kind of
 * data existed (the way a long-lived install accumulated it), for the data-migration tests.
 */
import { CompiledQuery } from 'kysely';
import type { DialectName } from '../../../src/dialect.js';
import { upgradeTo } from './project.js';
import type { AnyKysely } from './reflect.js';

type Row = Record<string, unknown>;

async function insert(db: AnyKysely, table: string, rows: Row[]): Promise<void> {
  await db.insertInto(table).values(rows).execute();
}

/** A chat as Open WebUI stores it: a message tree under history.messages, with a branch at m1. */
export const BRANCHED_CHAT = {
  title: 'Trip to Lyon',
  models: ['llama3'],
  history: {
    currentId: 'm3',
    messages: {
      m1: {
        id: 'm1',
        parentId: null,
        childrenIds: ['m2', 'm3'],
        role: 'user',
        content: 'Plan a trip',
        timestamp: 1717000000,
      },
      m2: {
        id: 'm2',
        parentId: 'm1',
        childrenIds: [],
        role: 'assistant',
        content: 'Sure',
        model: 'llama3',
        // Milliseconds, as some clients wrote them: the backfill divides by 1000.
        timestamp: 1717000005000,
        done: true,
      },
      m3: {
        id: 'm3',
        parentId: 'm1',
        childrenIds: [],
        role: 'assistant',
        content: 'Branch B: café ☕',
        model: 'mistral',
        timestamp: 1717000010,
        done: false,
        usage: { total_tokens: 12 },
      },
    },
  },
};

/** No currentId: the newest leaf (m2, the later of two leaves) becomes current_message_id. */
export const LEAF_CHAT = {
  title: 'Untitled',
  history: {
    messages: {
      a: { id: 'a', parentId: null, role: 'user', content: 'hi', timestamp: 1718000000 },
      b: { id: 'b', parentId: 'a', role: 'assistant', content: 'old answer', timestamp: 1718000001 },
      c: { id: 'c', parentId: 'a', role: 'assistant', content: 'new answer', timestamp: 1718000009 },
      // Garbage timestamp: the backfill uses the migration's current time.
      d: { id: 'd', parentId: 'c', role: 'user', content: 'thanks', timestamp: 'yesterday' },
    },
  },
};

export const CONFIG_BLOB = {
  ui: { enable_signup: true, banners: [] },
  rag: { ollama: { url: 'http://ollama:11434' } },
  OPENAI_API_KEYS: ['sk-k'],
  custom: { thing: 1, empty: {} },
};

export const FOLDER_CREATED = '2024-10-23 03:00:00';
export const FOLDER_UPDATED = '2024-10-24 04:05:06';

export const KNOWLEDGE_ACCESS = {
  read: { group_ids: ['g1'], user_ids: [] },
  write: { group_ids: [], user_ids: ['u2'] },
};

/** Seeds the database and leaves it at revision e1f2a3b4c5d6 (038), ready for `upgrade head`. */
export async function seedOpenWebUi(db: AnyKysely, dialect: DialectName, url: string): Promise<void> {
  const bool = (value: boolean) => (dialect === 'sqlite' ? (value ? 1 : 0) : value);

  // Stage 1, at c0fbf31ca0db (003): the 2024 tables, JSON still stored as TEXT.
  await upgradeTo(url, 'c0fbf31ca0db');
  await insert(db, 'user', [
    {
      id: 'u1',
      name: 'Ada',
      email: 'ada@example.org',
      role: 'admin',
      api_key: 'sk-ada',
      oauth_sub: 'google@123',
      info: '{"location": "Paris"}',
      settings: '{"ui": {"theme": "dark"}}',
      created_at: 1700000000,
      updated_at: 1700000000,
      last_active_at: 1700000000,
    },
    {
      id: 'u2',
      name: 'Bob',
      email: 'bob@example.org',
      role: 'user',
      oauth_sub: 'plain-sub',
      settings: 'not json',
    },
    { id: 'u3', name: 'Cy', email: 'cy@example.org', role: 'user', api_key: '' },
  ]);
  await insert(db, 'chat', [
    {
      id: 'c1',
      user_id: 'u1',
      title: 'Trip',
      chat: JSON.stringify(BRANCHED_CHAT),
      created_at: 1717000000,
      updated_at: 1717000100,
      archived: bool(false),
    },
    {
      id: 'c2',
      user_id: 'u1',
      title: 'Broken',
      chat: 'not json at all',
      created_at: 1717000000,
      updated_at: 1717000200,
      archived: bool(false),
    },
    {
      id: 'c3',
      user_id: 'u2',
      title: 'Leaves',
      chat: JSON.stringify(LEAF_CHAT),
      created_at: 1718000000,
      updated_at: 1718000300,
      archived: bool(true),
    },
    // A shared link as stored before c1d2e3f4a5b6: id = share token, user_id = shared-<chat id>.
    {
      id: 'share-token-1',
      user_id: 'shared-c1',
      title: 'Trip',
      chat: JSON.stringify(BRANCHED_CHAT),
      created_at: 1717000500,
      updated_at: 1717000500,
      archived: bool(false),
    },
    // A share of a chat that no longer exists: dropped, as upstream.
    {
      id: 'share-token-2',
      user_id: 'shared-gone',
      title: 'Gone',
      chat: '{}',
      created_at: 0,
      updated_at: 0,
      archived: bool(false),
    },
  ]);
  await insert(db, 'tag', [
    { id: 't1', name: 'Work Stuff', user_id: 'u1', data: null },
    { id: 't2', name: 'pinned', user_id: 'u1', data: null },
    { id: 't3', name: 'Work Stuff', user_id: 'u2', data: null },
    { id: 'ideas', name: 'ideas', user_id: 'u1', data: null },
  ]);
  await insert(db, 'chatidtag', [
    { id: 'ct1', tag_name: 'Work Stuff', chat_id: 'c1', user_id: 'u1', timestamp: 1 },
    { id: 'ct2', tag_name: 'pinned', chat_id: 'c1', user_id: 'u1', timestamp: 2 },
    { id: 'ct3', tag_name: 'ideas', chat_id: 'c1', user_id: 'u1', timestamp: 3 },
    { id: 'ct4', tag_name: 'work stuff', chat_id: 'c3', user_id: 'u2', timestamp: 4 },
    { id: 'ct5', tag_name: 'ideas', chat_id: 'c1', user_id: 'u1', timestamp: 5 },
  ]);
  await insert(db, 'document', [
    {
      collection_name: 'col1',
      name: 'handbook',
      title: 'Employee Handbook',
      filename: 'handbook.pdf',
      content: '{"tags": [{"name": "hr"}]}',
      user_id: 'u1',
      timestamp: 1700000000,
    },
    {
      collection_name: 'col2',
      name: 'notes',
      title: 'Notes',
      filename: 'n.txt',
      content: '',
      user_id: 'u2',
      timestamp: 1700000001,
    },
  ]);
  await insert(db, 'file', [
    {
      id: 'f1',
      user_id: 'u1',
      filename: 'a.pdf',
      meta: '{"name": "a.pdf", "path": "/data/uploads/a.pdf"}',
      created_at: 1,
    },
    { id: 'f2', user_id: 'u1', filename: 'b.txt', meta: '{"name": "b.txt"}', created_at: 2 },
  ]);
  await insert(db, 'prompt', [
    {
      command: '/summarize',
      user_id: 'u1',
      title: 'Summarize',
      content: 'Summarize {{text}}',
      timestamp: 1700000000,
    },
    {
      command: 'translate',
      user_id: 'u2',
      title: 'Translate',
      content: 'Translate {{text}}',
      timestamp: 1700000001,
    },
  ]);
  await insert(db, 'config', [{ data: JSON.stringify(CONFIG_BLOB), version: 0 }]);

  // Stage 2, at c69f45358db4 (008): folders, with DateTime timestamps.
  await upgradeTo(url, 'c69f45358db4');
  await insert(db, 'folder', [
    {
      id: 'fo1',
      user_id: 'u1',
      name: 'Work',
      is_expanded: bool(false),
      created_at: FOLDER_CREATED,
      updated_at: FOLDER_UPDATED,
    },
  ]);

  // Stage 3, at 9f0c9cd09105 (016): groups, access control, channels, notes.
  await upgradeTo(url, '9f0c9cd09105');
  await insert(db, 'group', [
    { id: 'g1', user_id: 'u1', name: 'Team', user_ids: '["u1", "u2", "u1"]', created_at: 1, updated_at: 1 },
    { id: 'g2', user_id: 'u1', name: 'Empty', user_ids: null, created_at: 1, updated_at: 1 },
    // A list stored as a JSON string, which older clients wrote.
    {
      id: 'g3',
      user_id: 'u1',
      name: 'Stringly',
      user_ids: JSON.stringify('["u3"]'),
      created_at: 1,
      updated_at: 1,
    },
  ]);
  await insert(db, 'knowledge', [
    {
      id: 'k2',
      user_id: 'u1',
      name: 'Papers',
      data: '{"file_ids": ["f1", "missing-file"]}',
      access_control: JSON.stringify(KNOWLEDGE_ACCESS),
      created_at: 1,
      updated_at: 1,
    },
  ]);
  await insert(db, 'model', [
    {
      id: 'm-private',
      user_id: 'u1',
      base_model_id: 'llama3',
      name: 'Private',
      access_control: '{}',
      is_active: bool(true),
    },
  ]);
  await insert(db, 'note', [
    { id: 'n1', user_id: 'u1', title: 'Pinned note', created_at: 1, updated_at: 1 },
    { id: 'n2', user_id: 'u2', title: 'Other note', access_control: '{}', created_at: 1, updated_at: 1 },
  ]);
  await insert(db, 'channel', [{ id: 'ch1', user_id: 'u1', name: 'general', created_at: 1, updated_at: 1 }]);
  await insert(db, 'channel_member', [
    { id: 'cm1', channel_id: 'ch1', user_id: 'u2', created_at: 1700000100 },
  ]);

  // Stage 4, at e1f2a3b4c5d6 (038): a pinned note.
  await upgradeTo(url, 'e1f2a3b4c5d6');
  await db.executeQuery(
    CompiledQuery.raw(`UPDATE note SET is_pinned = ${dialect === 'sqlite' ? '1' : 'true'} WHERE id = 'n1'`),
  );
}
