/**
 * Add prompt history table: prompt is rebuilt keyed by a UUID (command becomes a unique, indexed
 * column without its leading `/`), and every prompt gets an initial prompt_history snapshot.
 *
 * Upstream's resume hazard is fixed here: when a previous attempt left prompt_new behind,
 * upstream copies nothing and then drops the old prompt table, losing the rows not yet copied.
 * ambix copies every old prompt whose command is not in prompt_new yet before the swap.
 * Two commands that are equal once the `/` is stripped (`/x` and `x`) fail upstream's revision on
 * the unique index; here the one stored first is kept (prompts are read in storage order).
 */
import { randomUUID } from 'node:crypto';
import { type Operations, t } from 'ambix';
import { column, required } from './lib/columns.js';
import { bindBoolean, jsonText, pythonJson, readJsonColumn } from './lib/json.js';
import { columnNames } from './lib/schema.js';

export const revision = '374d2f66af06';
export const downRevision = 'c440947495f3';
export const message = 'Add prompt history table';
export const createDate = '2026-01-23 17:15:00.000000';

function stripSlash(command: unknown): unknown {
  return typeof command === 'string' && command.startsWith('/') ? command.slice(1) : command;
}

export async function upgrade(op: Operations): Promise<void> {
  const tables = new Set(await op.inspect.getTables());
  if (tables.has('prompt_history') && !tables.has('prompt_new')) {
    const names = await columnNames(op, 'prompt');
    if (names.has('id') && names.has('version_id')) return;
  }
  let copyOld = false;
  if (tables.has('prompt')) {
    const names = await columnNames(op, 'prompt');
    copyOld = names.has('command') && !names.has('version_id');
  }
  if (!tables.has('prompt_new')) {
    await op.createTable('prompt_new', {
      columns: [
        { name: 'id', type: t.text(), primaryKey: true, nullable: false },
        // unique + index: a unique index ix_prompt_new_command, no unique constraint.
        column('command', t.string(), { unique: true, index: true }),
        required('user_id', t.string()),
        required('name', t.text()),
        required('content', t.text()),
        column('data', t.json()),
        column('meta', t.json()),
        column('access_control', t.json()),
        required('is_active', t.boolean(), { default: '1' }),
        column('version_id', t.text()),
        column('tags', t.json()),
        required('created_at', t.bigint()),
        required('updated_at', t.bigint()),
      ],
    });
  }
  if (!tables.has('prompt_history')) {
    await op.createTable('prompt_history', {
      columns: [
        { name: 'id', type: t.text(), primaryKey: true, nullable: false },
        required('prompt_id', t.text(), { index: true }),
        column('parent_id', t.text()),
        required('snapshot', t.json()),
        required('user_id', t.text()),
        column('commit_message', t.text()),
        required('created_at', t.bigint()),
      ],
    });
  }
  if (copyOld) await copyPrompts(op);
  if (await op.inspect.hasTable('prompt_new')) {
    await op.dropTable('prompt', { ifExists: true });
    await op.renameTable('prompt_new', 'prompt');
  }
}

async function copyPrompts(op: Operations): Promise<void> {
  const progress = op.progress(null, 'prompt into prompt_new');
  const pages = op.batches('prompt', {
    columns: ['command', 'user_id', 'title', 'content', 'timestamp'],
    order: 'storage',
    expressions: jsonText(['access_control']),
  });
  for await (const rows of pages) {
    for (const row of rows) {
      const command = stripSlash(row.command);
      const copied = await op.execute('SELECT id FROM prompt_new WHERE command = :command', { command });
      if (copied.rows.length > 0) continue;
      const promptId = randomUUID();
      const historyId = randomUUID();
      const accessControl = readJsonColumn(row.access_control) ?? null;
      await op.bulkInsert('prompt_new', [
        {
          id: promptId,
          command,
          user_id: row.user_id,
          name: row.title,
          content: row.content,
          data: '{}',
          meta: '{}',
          access_control: pythonJson(accessControl),
          is_active: bindBoolean(op, true),
          version_id: historyId,
          tags: '[]',
          created_at: row.timestamp,
          updated_at: row.timestamp,
        },
      ]);
      await op.bulkInsert('prompt_history', [
        {
          id: historyId,
          prompt_id: promptId,
          parent_id: null,
          snapshot: pythonJson({
            name: row.title,
            content: row.content,
            command,
            data: {},
            meta: {},
            access_control: accessControl,
          }),
          user_id: row.user_id,
          commit_message: null,
          created_at: row.timestamp,
        },
      ]);
    }
    progress.tick(rows.length);
  }
  progress.finish();
}

export async function downgrade(op: Operations): Promise<void> {
  // Prompts are few; the old table is re-created from these rows after the new one is dropped.
  const { rows } = await op.execute(
    'SELECT command, name, created_at, user_id, content, CAST(access_control AS TEXT) AS access_control FROM prompt',
  );
  await op.dropTable('prompt_history');
  await op.dropTable('prompt');
  await op.createTable('prompt', {
    columns: [
      { name: 'command', type: t.string(), primaryKey: true, nullable: false },
      column('user_id', t.string()),
      column('title', t.text()),
      column('content', t.text()),
      column('timestamp', t.bigint()),
      column('access_control', t.json()),
      column('id', t.integer()),
    ],
  });
  for (const row of rows) {
    const command =
      typeof row.command === 'string' && row.command !== '' && !row.command.startsWith('/')
        ? `/${row.command}`
        : row.command;
    await op.bulkInsert('prompt', [
      {
        command,
        user_id: row.user_id,
        title: row.name,
        content: row.content,
        timestamp: row.created_at,
        access_control: pythonJson(readJsonColumn(row.access_control) ?? null),
      },
    ]);
  }
}
