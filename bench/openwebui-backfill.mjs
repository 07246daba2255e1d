// Benchmark (issue #5): the chat → chat_message backfill of Open WebUI revision 8452d01d26d7.
//
//   npm run build && node bench/openwebui-backfill.mjs [--chats 100000] [--messages 20] [--dialects sqlite,postgresql]
//
// For each dialect, on a fresh database: `ambix upgrade 374d2f66af06` (the revision before), then
// N generated chats of M messages each (a linear conversation plus one regenerated answer, as Open
// WebUI stores them: a JSON tree under history.messages). Measured in the same run:
//  - floor: a plain batched INSERT … SELECT that explodes the JSON with the database's own JSON
//    functions (json_each), 500 chats per statement, into an identical table with the same
//    indexes, in one transaction. No parsing in Node, no timestamp rules: what the database alone
//    needs to move the rows.
//  - ambix: `ambix upgrade 8452d01d26d7` as a child process (wall time, and peak RSS read from the
//    child itself through process.resourceUsage()).
// Goal (issue #16): ambix peak RSS ≤ 120 MB and ambix time ≤ 2× the floor.
// BENCH_CHILD_PROF=<dir> writes a V8 CPU profile of the ambix child there (where its time goes).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { printTable } from './support.mjs';

const { values } = parseArgs({
  options: {
    chats: { type: 'string', default: '100000' },
    messages: { type: 'string', default: '20' },
    dialects: { type: 'string', default: 'sqlite,postgresql' },
  },
});
const CHATS = Number(values.chats);
const MESSAGES = Number(values.messages);
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const example = join(root, 'examples', 'open-webui');
const work = join(root, 'bench', '.work', 'openwebui-backfill');
const ambixBin = join(root, 'bin', 'ambix.js');
const POSTGRES = process.env.AMBIX_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** One chat's JSON: a conversation of `count` messages; the last answer was regenerated once. */
function chatJson(chatIndex, count) {
  const messages = {};
  const base = 1_717_000_000 + chatIndex * 60;
  let parent = null;
  for (let i = 0; i < count; i++) {
    const id = `msg-${i}`;
    const user = i % 2 === 0;
    const regenerated = i === count - 1 && !user;
    const parentId = regenerated ? `msg-${i - 2}` : parent;
    messages[id] = {
      id,
      parentId,
      childrenIds: [],
      role: user ? 'user' : 'assistant',
      content: user
        ? `Question ${i} of chat ${chatIndex}: how do I migrate a database safely?`
        : `Answer ${i}: take a backup, run the migration in a transaction, check the result. ✓`,
      ...(user
        ? {}
        : { model: i % 4 === 1 ? 'llama3' : 'mistral', done: true, usage: { total_tokens: 40 + i } }),
      timestamp: base + i,
    };
    if (parentId !== null) messages[parentId]?.childrenIds.push(id);
    if (!regenerated) parent = id;
  }
  return JSON.stringify({
    title: `Chat ${chatIndex}`,
    models: ['llama3'],
    history: { currentId: parent, messages },
  });
}

function ambix(args, url) {
  // The child reports its own peak RSS on exit (KiB on Linux).
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [
      ...(process.env.BENCH_CHILD_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CHILD_PROF}`]
        : []),
      '--import',
      'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss="+process.resourceUsage().maxRSS+"\\n"))',
      ambixBin,
      '--url',
      url,
      ...args,
    ],
    {
      cwd: example,
      encoding: 'utf8',
      env: { ...process.env, AMBIX_OPENWEBUI_QUIET: '1' },
      maxBuffer: 1 << 26,
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0)
    throw new Error(`ambix ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`);
  const rss = Number(/maxrss=(\d+)/.exec(result.stderr)?.[1] ?? 0) / 1024;
  return { seconds, rssMb: rss };
}

/** Columns of chat_message as 8452d01d26d7 creates them, for the floor's identical table. */
function floorTableSql() {
  const json = 'JSON';
  const bool = 'BOOLEAN';
  return [
    `CREATE TABLE chat_message_floor (id TEXT NOT NULL PRIMARY KEY, chat_id TEXT NOT NULL REFERENCES chat (id) ON DELETE CASCADE, user_id TEXT, role TEXT NOT NULL, parent_id TEXT, content ${json}, output ${json}, model_id TEXT, files ${json}, sources ${json}, embeds ${json}, done ${bool}, status_history ${json}, error ${json}, usage ${json}, created_at BIGINT, updated_at BIGINT)`,
    ...['chat_id', 'user_id', 'model_id', 'created_at'].map(
      (c) => `CREATE INDEX ix_chat_message_floor_${c} ON chat_message_floor (${c})`,
    ),
    'CREATE INDEX chat_message_floor_chat_parent_idx ON chat_message_floor (chat_id, parent_id)',
    'CREATE INDEX chat_message_floor_model_created_idx ON chat_message_floor (model_id, created_at)',
    'CREATE INDEX chat_message_floor_user_created_idx ON chat_message_floor (user_id, created_at)',
  ];
}

/** One batch of the floor: the messages of the next 500 chats after :last, exploded in SQL. */
function floorBatchSql(dialect) {
  if (dialect === 'sqlite') {
    return `INSERT INTO chat_message_floor (id, chat_id, user_id, role, parent_id, content, model_id, done, usage, created_at, updated_at)
      SELECT c.id || '-' || m.key, c.id, c.user_id, json_extract(m.value, '$.role'), json_extract(m.value, '$.parentId'),
             json_quote(json_extract(m.value, '$.content')), json_extract(m.value, '$.model'), json_extract(m.value, '$.done'),
             json_extract(m.value, '$.usage'), json_extract(m.value, '$.timestamp'), json_extract(m.value, '$.timestamp')
      FROM (SELECT id, user_id, chat FROM chat WHERE id > ? ORDER BY id LIMIT 500) c, json_each(c.chat, '$.history.messages') m
      RETURNING chat_id`;
  }
  return `WITH c AS (SELECT id, user_id, chat FROM chat WHERE id > $1 ORDER BY id LIMIT 500)
    INSERT INTO chat_message_floor (id, chat_id, user_id, role, parent_id, content, model_id, done, usage, created_at, updated_at)
    SELECT c.id || '-' || m.key, c.id, c.user_id, m.value->>'role', m.value->>'parentId', m.value->'content', m.value->>'model',
           (m.value->>'done')::boolean, m.value->'usage', (m.value->>'timestamp')::bigint, (m.value->>'timestamp')::bigint
    FROM c, json_each(c.chat->'history'->'messages') m
    RETURNING chat_id`;
}

async function withDatabase(dialect, work) {
  if (dialect === 'sqlite') {
    const dir = join(root, 'bench', '.work', 'openwebui-backfill');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'webui.db');
    rmSync(file, { force: true });
    try {
      return await work(`sqlite:///${file}`, file);
    } finally {
      rmSync(file, { force: true });
    }
  }
  const name = `ambix_bench_owui_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString(), name);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Opens the database for seeding and the floor; returns run(sql, params) → rows, and close(). */
async function open(dialect, url, file) {
  if (dialect === 'sqlite') {
    const db = new Database(file);
    return {
      exec: (sql) => db.exec(sql),
      insertChats: (rows) => {
        const insert = db.prepare(
          'INSERT INTO chat (id, user_id, title, chat, created_at, updated_at, archived, meta) VALUES (?, ?, ?, ?, ?, ?, 0, ?)',
        );
        db.transaction(() => {
          for (const row of rows)
            insert.run(row.id, row.user_id, row.title, row.chat, row.created_at, row.updated_at, '{}');
        })();
      },
      floorBatch: (last) => db.prepare(floorBatchSql('sqlite')).all(last),
      count: (table) => db.prepare(`SELECT count(*) AS n FROM ${table}`).get().n,
      close: async () => db.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    exec: (sql) => client.query(sql),
    insertChats: async (rows) => {
      const params = [];
      const tuples = rows.map((row, i) => {
        params.push(row.id, row.user_id, row.title, row.chat, row.created_at, row.updated_at);
        const b = i * 6;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, false, '{}')`;
      });
      await client.query(
        `INSERT INTO chat (id, user_id, title, chat, created_at, updated_at, archived, meta) VALUES ${tuples.join(', ')}`,
        params,
      );
    },
    floorBatch: async (last) => (await client.query(floorBatchSql('postgresql'), [last])).rows,
    count: async (table) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n),
    close: () => client.end(),
  };
}

async function bench(dialect) {
  return withDatabase(dialect, async (url, file) => {
    ambix(['upgrade', '374d2f66af06'], url);
    const db = await open(dialect, url, file);
    const seedStarted = Date.now();
    for (let start = 0; start < CHATS; start += 1000) {
      const rows = [];
      for (let i = start; i < Math.min(CHATS, start + 1000); i++) {
        rows.push({
          id: `chat-${String(i).padStart(7, '0')}`,
          user_id: `user-${i % 500}`,
          title: `Chat ${i}`,
          chat: chatJson(i, MESSAGES),
          created_at: 1_717_000_000 + i,
          updated_at: 1_717_000_000 + i,
        });
      }
      await db.insertChats(rows);
    }
    const seedSeconds = (Date.now() - seedStarted) / 1000;

    for (const sql of floorTableSql()) await db.exec(sql);
    const floorStarted = process.hrtime.bigint();
    await db.exec('BEGIN');
    let last = '';
    let floorRows = 0;
    for (;;) {
      const inserted = await db.floorBatch(last);
      if (inserted.length === 0) break;
      floorRows += inserted.length;
      for (const row of inserted) if (row.chat_id > last) last = row.chat_id;
    }
    await db.exec('COMMIT');
    const floorSeconds = Number(process.hrtime.bigint() - floorStarted) / 1e9;
    await db.exec('DROP TABLE chat_message_floor');
    await db.close();

    const run = ambix(['upgrade', '8452d01d26d7'], url);
    const check = await open(dialect, url, file);
    const counted = await check.count('chat_message');
    await check.close();
    return {
      dialect,
      seedSeconds,
      floorSeconds,
      floorRows,
      ambixSeconds: run.seconds,
      rssMb: run.rssMb,
      rows: Number(counted),
    };
  });
}

const results = [];
for (const dialect of values.dialects.split(',')) {
  process.stderr.write(`${dialect}: seeding ${CHATS} chats × ${MESSAGES} messages, then floor and ambix…\n`);
  results.push(await bench(dialect));
}
printTable(
  [
    'dialect',
    'chats',
    'rows (ambix)',
    'rows (floor)',
    'floor s',
    'ambix s',
    'ambix / floor',
    'ambix rows/s',
    'peak RSS MB',
  ],
  results.map((r) => [
    r.dialect,
    CHATS,
    r.rows,
    r.floorRows,
    r.floorSeconds.toFixed(1),
    r.ambixSeconds.toFixed(1),
    (r.ambixSeconds / r.floorSeconds).toFixed(2),
    Math.round(r.rows / r.ambixSeconds),
    r.rssMb.toFixed(0),
  ]),
);
mkdirSync(work, { recursive: true });
writeFileSync(
  join(work, 'results.json'),
  `${JSON.stringify({ chats: CHATS, messages: MESSAGES, results }, null, 2)}\n`,
);
