// Benchmark (issue #3): applying 1,000 generated revisions, and the no-op `upgrade head` at head.
// It runs ambix from this repository and with its caches warm (the second start); the start a
// user meets first, cold and warm, from an installed package, is bench/start.mjs (issue #21).
//
//   npm run build && node bench/apply.mjs [--revisions 1000] [--runs 5] [--dialects sqlite,postgresql,mysql]
//
// Each revision creates a table plus an index; every tenth also adds a column to an earlier table.
// Baselines measured in the same run, on a fresh database each time:
//  - "node floor": a minimal Node script running the same DDL statement by statement with the same
//    driver, in one transaction (what any tool must at least pay);
//  - Alembic 1.8 (Debian's python3-alembic) on the equivalent revision directory.
// ambix runs in its default mode (one transaction per migration, version row included) and with
// transactionMode 'all'. Servers: PostgreSQL 127.0.0.1:5432 (postgres, trust), MariaDB 127.0.0.1:3306
// (root, no password); override with AMBIX_TEST_POSTGRES_URL / AMBIX_TEST_MYSQL_URL.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alembicAvailable, median, printTable, timeProcess } from './support.mjs';

const { values } = parseArgs({
  options: {
    revisions: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
    dialects: { type: 'string', default: 'sqlite,postgresql,mysql' },
  },
});
const total = Number(values.revisions);
const runs = Number(values.runs);
const dialects = values.dialects.split(',');
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const work = join(root, 'bench', '.work', `apply-${total}`);
const ambixBin = join(root, 'bin', 'ambix.js');
const POSTGRES = process.env.AMBIX_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const MYSQL = process.env.AMBIX_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

const idOf = (i) => `r${String(i).padStart(11, '0')}`;

/** The DDL of revision i, per dialect (the same text for every tool). */
function upgradeStatements(i, dialect) {
  const ts = dialect === 'postgresql' ? 'TIMESTAMP' : 'DATETIME';
  const statements = [
    `CREATE TABLE t${i} (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at ${ts}, amount INTEGER)`,
    `CREATE INDEX ix_t${i}_name ON t${i} (name)`,
  ];
  if (i % 10 === 9) statements.push(`ALTER TABLE t${i - 5} ADD COLUMN extra${i} INTEGER`);
  return statements;
}

function downgradeStatements(i) {
  const statements = [`DROP TABLE t${i}`];
  if (i % 10 === 9) statements.unshift(`ALTER TABLE t${i - 5} DROP COLUMN extra${i}`);
  return statements;
}

function writeProjects(dialect) {
  const dir = join(work, dialect);
  rmSync(dir, { recursive: true, force: true });
  const ambixDir = join(dir, 'ambix', 'migrations');
  const ambixSqlDir = join(dir, 'ambix', 'migrations-sql');
  const alembicDir = join(dir, 'alembic', 'alembic', 'versions');
  mkdirSync(ambixDir, { recursive: true });
  mkdirSync(ambixSqlDir, { recursive: true });
  mkdirSync(alembicDir, { recursive: true });
  writeFileSync(join(dir, 'ambix', 'ambix.config.json'), JSON.stringify({ migrations: 'migrations' }));
  writeFileSync(join(dir, 'ambix', 'ambix.sql.json'), JSON.stringify({ migrations: 'migrations-sql' }));
  writeFileSync(
    join(dir, 'ambix', 'ambix.all.json'),
    JSON.stringify({ migrations: 'migrations', transactionMode: 'all' }),
  );
  for (let i = 0; i < total; i++) {
    const id = idOf(i);
    const parent = i === 0 ? null : idOf(i - 1);
    const up = upgradeStatements(i, dialect);
    const down = downgradeStatements(i);
    writeFileSync(
      join(ambixDir, `${id}_create_t${i}.ts`),
      `import type { Operations } from 'ambix';\n\nexport const revision = '${id}';\nexport const downRevision = ${parent ? `'${parent}'` : 'null'};\nexport const message = 'create t${i}';\n\nexport async function upgrade(op: Operations): Promise<void> {\n${up.map((s) => `  await op.execute(${JSON.stringify(s)});`).join('\n')}\n}\n\nexport async function downgrade(op: Operations): Promise<void> {\n${down.map((s) => `  await op.execute(${JSON.stringify(s)});`).join('\n')}\n}\n`,
    );
    writeFileSync(
      join(ambixSqlDir, `${id}_create_t${i}.sql`),
      `-- revision: ${id}\n-- downRevision: ${parent ?? 'null'}\n-- message: create t${i}\n\n-- upgrade\n${up.map((s) => `${s};`).join('\n')}\n\n-- downgrade\n${down.map((s) => `${s};`).join('\n')}\n`,
    );
    writeFileSync(
      join(alembicDir, `${id}_create_t${i}.py`),
      `"""create t${i}"""\nfrom alembic import op\n\nrevision = '${id}'\ndown_revision = ${parent ? `'${parent}'` : 'None'}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n${up.map((s) => `    op.execute(${JSON.stringify(s)})`).join('\n')}\n\n\ndef downgrade():\n${down.map((s) => `    op.execute(${JSON.stringify(s)})`).join('\n')}\n`,
    );
  }
  writeFileSync(join(dir, 'alembic', 'alembic.ini'), '[alembic]\nscript_location = alembic\n');
  writeFileSync(
    join(dir, 'alembic', 'alembic', 'env.py'),
    [
      'import os',
      'from alembic import context',
      'from sqlalchemy import create_engine',
      'engine = create_engine(os.environ["BENCH_SQLALCHEMY_URL"])',
      'with engine.connect() as connection:',
      '    context.configure(connection=connection)',
      '    with context.begin_transaction():',
      '        context.run_migrations()',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'floor-noop.mjs'), noopFloorScript(dialect));
  writeFileSync(
    join(dir, 'floor.mjs'),
    `// The floor: the same DDL, statement by statement, one transaction, the same driver.\n${floorScript(dialect)}`,
  );
  return dir;
}

function floorScript(dialect) {
  const statements = [];
  for (let i = 0; i < total; i++) statements.push(...upgradeStatements(i, dialect));
  const list = JSON.stringify(statements);
  if (dialect === 'sqlite') {
    return `import Database from ${JSON.stringify(join(root, 'node_modules/better-sqlite3/lib/index.js'))};\nconst db = new Database(process.argv[2]);\nconst statements = ${list};\ndb.exec('BEGIN');\nfor (const s of statements) db.exec(s);\ndb.exec('COMMIT');\ndb.close();\n`;
  }
  if (dialect === 'postgresql') {
    return `import pg from ${JSON.stringify(join(root, 'node_modules/pg/esm/index.mjs'))};\nconst client = new pg.Client({ connectionString: process.argv[2] });\nawait client.connect();\nconst statements = ${list};\nawait client.query('BEGIN');\nfor (const s of statements) await client.query(s);\nawait client.query('COMMIT');\nawait client.end();\n`;
  }
  return `import mysql from ${JSON.stringify(join(root, 'node_modules/mysql2/promise.js'))};\nconst connection = await mysql.createConnection({ uri: process.argv[2] });\nconst statements = ${list};\nawait connection.query('BEGIN');\nfor (const s of statements) await connection.query(s);\nawait connection.query('COMMIT');\nawait connection.end();\n`;
}

/** The no-op floor: start Node, load the driver, read the version table once. */
function noopFloorScript(dialect) {
  const select = JSON.stringify('SELECT version_num FROM alembic_version');
  if (dialect === 'sqlite') {
    return `import Database from ${JSON.stringify(join(root, 'node_modules/better-sqlite3/lib/index.js'))};\nconst db = new Database(process.argv[2]);\ndb.prepare(${select}).all();\ndb.close();\n`;
  }
  if (dialect === 'postgresql') {
    return `import pg from ${JSON.stringify(join(root, 'node_modules/pg/esm/index.mjs'))};\nconst client = new pg.Client({ connectionString: process.argv[2] });\nawait client.connect();\nawait client.query(${select});\nawait client.end();\n`;
  }
  return `import mysql from ${JSON.stringify(join(root, 'node_modules/mysql2/promise.js'))};\nconst connection = await mysql.createConnection({ uri: process.argv[2] });\nawait connection.query(${select});\nawait connection.end();\n`;
}

// --- fresh databases -------------------------------------------------------------------------
let counter = 0;
async function freshDatabase(dialect, dir) {
  const name = `ambix_bench_${process.pid}_${++counter}`;
  if (dialect === 'sqlite') {
    const file = join(dir, `${name}.db`);
    rmSync(file, { force: true });
    return {
      url: `sqlite:///${file}`,
      sqlalchemy: `sqlite:///${file}`,
      floorArg: file,
      drop: async () => {
        rmSync(file, { force: true });
        rmSync(`${file}-ambix-lock`, { force: true });
      },
    };
  }
  if (dialect === 'postgresql') {
    const pg = (await import('pg')).default;
    const admin = async (sql) => {
      const client = new pg.Client({ connectionString: POSTGRES });
      await client.connect();
      await client.query(sql);
      await client.end();
    };
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(POSTGRES);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      sqlalchemy: url.toString().replace(/^postgres(ql)?:/, 'postgresql+psycopg2:'),
      floorArg: url.toString(),
      drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const mysql = (await import('mysql2/promise')).default;
  const admin = async (sql) => {
    const connection = await mysql.createConnection({ uri: MYSQL });
    await connection.query(sql);
    await connection.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(MYSQL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    sqlalchemy: url.toString().replace(/^(mysql|mariadb):/, 'mysql+pymysql:'),
    floorArg: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name}`),
  };
}

/** Runs `run` on a fresh database and drops it; returns what `run` returned. */
async function onFreshDatabase(dialect, dir, run) {
  const database = await freshDatabase(dialect, dir);
  try {
    return await run(database);
  } finally {
    await database.drop();
  }
}

// A revision file changed in the last few seconds is not trusted by its timestamps (ambix then
// reads and hashes it rather than use its module pack); a deployed app's files are older.
const SETTLE_MS = 5500;

const alembicVersion = alembicAvailable();
const rows = [];
for (const dialect of dialects) {
  const dir = writeProjects(dialect);
  const ambixCwd = join(dir, 'ambix');
  const ambix = (database, extraArgs = []) =>
    timeProcess(
      process.execPath,
      [ambixBin, 'upgrade', 'head', '--url', database.url, '--quiet', ...extraArgs],
      {
        cwd: ambixCwd,
      },
    ).seconds;
  const tools = {
    floor: (d) => timeProcess(process.execPath, [join(dir, 'floor.mjs'), d.floorArg]).seconds,
    ambix: (d) => ambix(d),
    all: (d) => ambix(d, ['--config', join(ambixCwd, 'ambix.all.json')]),
    sql: (d) => ambix(d, ['--config', join(ambixCwd, 'ambix.sql.json')]),
    // The no-op start at head, against its own floor: Node, the driver, one SELECT of the version
    // table. Both are timed a second after the upgrade that brought the database to head, so the
    // write-back of that run (the OS's, the server's) does not land on them.
    noop: async (d) => {
      ambix(d);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const times = [];
      for (let i = 0; i < 3; i++) {
        times.push(ambix(d));
        noopFloorTimes.push(timeProcess(process.execPath, [join(dir, 'floor-noop.mjs'), d.floorArg]).seconds);
      }
      return median(times);
    },
    ...(alembicVersion
      ? {
          alembic: (d) =>
            timeProcess('/usr/bin/python3', ['-m', 'alembic', 'upgrade', 'head'], {
              cwd: join(dir, 'alembic'),
              env: { ...process.env, BENCH_SQLALCHEMY_URL: d.sqlalchemy },
            }).seconds,
        }
      : {}),
  };

  // Warm the caches once (transpiled code, module pack, headers), as a deployed app's second
  // start would have them.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  for (const warm of [tools.ambix, tools.sql]) await onFreshDatabase(dialect, dir, warm);

  // Interleaved: each run measures every tool once, in turn, so a slow spell of the machine (or
  // of the server's checkpoints) falls on all of them rather than on whichever ran then.
  const times = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
  const noopFloorTimes = [];
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(tools))
      times[name].push(await onFreshDatabase(dialect, dir, run));
  }
  const med = (name) => median(times[name]);
  /** The median over runs of a tool's time divided by the floor's time in the same run. */
  const overFloor = (name) => `${median(times[name].map((t, i) => t / times.floor[i])).toFixed(2)}x`;
  rows.push([
    dialect,
    med('floor').toFixed(2),
    med('ambix').toFixed(2),
    overFloor('ambix'),
    med('all').toFixed(2),
    overFloor('all'),
    med('sql').toFixed(2),
    overFloor('sql'),
    alembicVersion ? med('alembic').toFixed(2) : 'n/a',
    alembicVersion ? `${median(times.alembic.map((t, i) => t / times.ambix[i])).toFixed(1)}x` : 'n/a',
    `${(med('noop') * 1000).toFixed(0)} ms`,
    `${(median(noopFloorTimes) * 1000).toFixed(0)} ms`,
  ]);
}
console.log(
  `${total} revisions; ${runs} interleaved runs of cold processes, fresh database each; medians in seconds; ratios are medians of per-run ratios`,
);
printTable(
  [
    'dialect',
    'node floor',
    'ambix',
    'ambix/floor',
    "ambix 'all'",
    "'all'/floor",
    'ambix .sql',
    '.sql/floor',
    `alembic ${alembicVersion ?? ''}`,
    'alembic/ambix',
    'no-op at head',
    'no-op floor',
  ],
  rows,
);
