// Benchmark (issue #21): the start a user meets. ambix is packed and installed into a project
// folder outside this repository (`npm pack`, `npm install <tarball>`), and timed there:
//
//   npm run bench:start -- [--revisions 100,1000] [--rounds 3] [--dialects sqlite] [--graph 10000]
//
// 1. `upgrade head` of N generated TypeScript revisions (a CREATE TABLE and an index each, every
//    tenth also an ADD COLUMN) into a fresh database, per round and in this order:
//      floor      Node + the same driver running the same DDL in one transaction;
//      ts cold    ambix with its cache folder removed (a fresh container, a first deploy);
//      ts warm    ambix again (the second start: the caches the cold run left);
//      sql warm   the same revisions as `.sql` files (in a package of their own, cache kept);
//      alembic    real Alembic (`/usr/bin/python3 -m alembic`) on equivalent revisions.
//    Wall time and peak RSS (`/usr/bin/time`) of each whole process; ratios to the floor of the
//    same round, then min and median over rounds.
// 2. `heads` and `history` on a 10,000-revision graph of `.mjs` and of `.ts` revisions, in a
//    folder inside a package and in one outside any package (its cache then goes to the OS temp
//    folder, here a private one through TMPDIR): cold (cache removed) and warm, against Alembic warm.
//
// Revision files are written, then left alone for the settle window (5 s) before any run, as a
// deployed application's are. `--graph 0` skips part 2; `--revisions 100,1000,5000` adds N=5,000.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { installAmbixProject } from './install.mjs';
import { alembicAvailable, generateGraph, median, printTable } from './support.mjs';

const { values } = parseArgs({
  options: {
    revisions: { type: 'string', default: '100,1000' },
    rounds: { type: 'string', default: '3' },
    dialects: { type: 'string', default: 'sqlite' },
    graph: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
  },
});
const sizes = values.revisions.split(',').map(Number);
const rounds = Number(values.rounds);
const dialects = values.dialects.split(',');
const graphSize = Number(values.graph);
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const POSTGRES = process.env.AMBIX_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const MYSQL = process.env.AMBIX_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const PYTHON = '/usr/bin/python3';

const alembicVersion = alembicAvailable();
if (alembicVersion === null) throw new Error('Alembic is needed: /usr/bin/python3 -m alembic');
const { work, project, ambixBin } = installAmbixProject(root);
const rssFile = join(work, 'rss.txt');

/** Runs a whole process; returns wall seconds and peak RSS in MB. Throws with its output if it fails. */
function measure(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-o', rssFile, '-f', '%M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    ...options,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}\n${result.stderr}`.slice(0, 4000));
  }
  const rss = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
  return { seconds, rss, stdout: result.stdout };
}

// --- part 1: upgrade head ------------------------------------------------------------------------

const idOf = (i) => `r${String(i).padStart(11, '0')}`;

/** The DDL of revision i (the same text for every tool). */
function upgradeStatements(i, dialect) {
  const ts = dialect === 'postgresql' ? 'TIMESTAMP' : 'DATETIME';
  return [
    `CREATE TABLE t${i} (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at ${ts}, amount INTEGER)`,
    `CREATE INDEX ix_t${i}_name ON t${i} (name)`,
    ...(i % 10 === 9 ? [`ALTER TABLE t${i - 5} ADD COLUMN extra${i} INTEGER`] : []),
  ];
}

function downgradeStatements(i) {
  return [...(i % 10 === 9 ? [`ALTER TABLE t${i - 5} DROP COLUMN extra${i}`] : []), `DROP TABLE t${i}`];
}

/** Writes the TypeScript revisions (in the project), the `.sql` ones (a package of their own), Alembic's and the floor. */
function writeApplyProjects(dialect, total) {
  const name = `apply-${dialect}-${total}`;
  const ts = join(project, name);
  const sql = join(project, `${name}-sql`);
  const alembic = join(work, `${name}-alembic`);
  for (const dir of [join(ts, 'migrations'), join(sql, 'migrations'), join(sql, 'node_modules')])
    mkdirSync(dir, { recursive: true });
  mkdirSync(join(alembic, 'alembic', 'versions'), { recursive: true });
  writeFileSync(join(ts, 'ambix.config.json'), JSON.stringify({ migrations: 'migrations' }));
  writeFileSync(join(sql, 'ambix.config.json'), JSON.stringify({ migrations: 'migrations' }));
  writeFileSync(join(sql, 'package.json'), JSON.stringify({ name: `${name}-sql`, private: true }));
  const all = [];
  for (let i = 0; i < total; i++) {
    const id = idOf(i);
    const parent = i === 0 ? null : idOf(i - 1);
    const up = upgradeStatements(i, dialect);
    const down = downgradeStatements(i);
    all.push(...up);
    const body = (list) => list.map((s) => `  await op.execute(${JSON.stringify(s)});`).join('\n');
    writeFileSync(
      join(ts, 'migrations', `${id}_create_t${i}.ts`),
      `import type { Operations } from 'ambix';\n\nexport const revision = '${id}';\nexport const downRevision = ${parent ? `'${parent}'` : 'null'};\nexport const message = 'create t${i}';\n\nexport async function upgrade(op: Operations): Promise<void> {\n${body(up)}\n}\n\nexport async function downgrade(op: Operations): Promise<void> {\n${body(down)}\n}\n`,
    );
    writeFileSync(
      join(sql, 'migrations', `${id}_create_t${i}.sql`),
      `-- revision: ${id}\n-- downRevision: ${parent ?? 'null'}\n-- message: create t${i}\n\n-- upgrade\n${up.map((s) => `${s};`).join('\n')}\n\n-- downgrade\n${down.map((s) => `${s};`).join('\n')}\n`,
    );
    writeFileSync(
      join(alembic, 'alembic', 'versions', `${id}_create_t${i}.py`),
      `"""create t${i}"""\nfrom alembic import op\n\nrevision = '${id}'\ndown_revision = ${parent ? `'${parent}'` : 'None'}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n${up.map((s) => `    op.execute(${JSON.stringify(s)})`).join('\n')}\n\n\ndef downgrade():\n${down.map((s) => `    op.execute(${JSON.stringify(s)})`).join('\n')}\n`,
    );
  }
  writeFileSync(join(alembic, 'alembic.ini'), '[alembic]\nscript_location = alembic\n');
  writeFileSync(
    join(alembic, 'alembic', 'env.py'),
    'import os\nfrom alembic import context\nfrom sqlalchemy import create_engine\nengine = create_engine(os.environ["BENCH_SQLALCHEMY_URL"])\nwith engine.connect() as connection:\n    context.configure(connection=connection)\n    with context.begin_transaction():\n        context.run_migrations()\n',
  );
  const floor = join(project, `${name}-floor.mjs`);
  writeFileSync(join(project, `${name}-floor.json`), JSON.stringify(all));
  writeFileSync(floor, floorScript(dialect, `./${name}-floor.json`));
  return { ts, sql, alembic, floor };
}

/** The floor: Node, the driver installed in the project, the same DDL in one transaction. */
function floorScript(dialect, statementsFile) {
  const load = `import { readFileSync } from 'node:fs';\nconst statements = JSON.parse(readFileSync(new URL(${JSON.stringify(statementsFile)}, import.meta.url), 'utf8'));\n`;
  if (dialect === 'sqlite') {
    return `${load}import Database from 'better-sqlite3';\nconst db = new Database(process.argv[2]);\ndb.exec('BEGIN');\nfor (const s of statements) db.exec(s);\ndb.exec('COMMIT');\ndb.close();\n`;
  }
  if (dialect === 'postgresql') {
    return `${load}import pg from 'pg';\nconst client = new pg.Client({ connectionString: process.argv[2] });\nawait client.connect();\nawait client.query('BEGIN');\nfor (const s of statements) await client.query(s);\nawait client.query('COMMIT');\nawait client.end();\n`;
  }
  return `${load}import mysql from 'mysql2/promise';\nconst connection = await mysql.createConnection({ uri: process.argv[2] });\nawait connection.query('BEGIN');\nfor (const s of statements) await connection.query(s);\nawait connection.query('COMMIT');\nawait connection.end();\n`;
}

let counter = 0;
async function freshDatabase(dialect) {
  const name = `ambix_start_${process.pid}_${++counter}`;
  if (dialect === 'sqlite') {
    const file = join(work, `${name}.db`);
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
  const driverUrl = dialect === 'postgresql' ? POSTGRES : MYSQL;
  const admin = async (statement) => {
    if (dialect === 'postgresql') {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: POSTGRES });
      await client.connect();
      await client.query(statement);
      await client.end();
    } else {
      const mysql = (await import('mysql2/promise')).default;
      const connection = await mysql.createConnection({ uri: MYSQL });
      await connection.query(statement);
      await connection.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(driverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    sqlalchemy:
      dialect === 'postgresql'
        ? url.toString().replace(/^postgres(ql)?:/, 'postgresql+psycopg2:')
        : url.toString().replace(/^(mysql|mariadb):/, 'mysql+pymysql:'),
    floorArg: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name}${dialect === 'postgresql' ? ' WITH (FORCE)' : ''}`),
  };
}

async function onFreshDatabase(dialect, run) {
  const database = await freshDatabase(dialect);
  try {
    return run(database);
  } finally {
    await database.drop();
  }
}

const projectCache = join(project, 'node_modules', '.cache', 'ambix');
const APPLY_TOOLS = ['floor', 'ts cold', 'ts warm', 'sql warm', 'alembic'];

function applyTools(dirs) {
  const ambix = (cwd, d) =>
    measure(process.execPath, [ambixBin, 'upgrade', 'head', '--url', d.url, '--quiet'], { cwd });
  return {
    floor: (d) => measure(process.execPath, [dirs.floor, d.floorArg], { cwd: project }),
    'ts cold': (d) => {
      rmSync(projectCache, { recursive: true, force: true });
      return ambix(dirs.ts, d);
    },
    'ts warm': (d) => ambix(dirs.ts, d),
    'sql warm': (d) => ambix(dirs.sql, d),
    alembic: (d) =>
      measure(PYTHON, ['-m', 'alembic', 'upgrade', 'head'], {
        cwd: dirs.alembic,
        env: { ...process.env, BENCH_SQLALCHEMY_URL: d.sqlalchemy },
      }),
  };
}

// --- part 2: heads and history on a large graph ----------------------------------------------------

function parentsLiteral(parents, none, open, close) {
  if (parents.length === 0) return none;
  if (parents.length === 1) return `'${parents[0]}'`;
  return `${open}${parents.map((p) => `'${p}'`).join(', ')}${close}`;
}

/** One graph variant: its folder, the cache folder its runs use, the environment that puts it there. */
function writeGraphVariant(revisions, extension, inPackage) {
  const name = `graph-${extension}-${inPackage ? 'package' : 'outside'}`;
  const dir = join(work, name);
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations, { recursive: true });
  writeFileSync(join(dir, 'ambix.config.json'), JSON.stringify({ migrations: 'migrations' }));
  const tmp = join(work, `${name}-tmp`);
  mkdirSync(tmp);
  if (inPackage) {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true }));
    mkdirSync(join(dir, 'node_modules'));
  }
  const typed = extension === 'ts';
  for (const r of revisions) {
    writeFileSync(
      join(migrations, `${r.id}_${r.message.replaceAll(' ', '_')}.${extension}`),
      `${typed ? "import type { Operations } from 'ambix';\n\n" : ''}export const revision = '${r.id}';\nexport const downRevision = ${parentsLiteral(r.parents, 'null', '[', ']')};\nexport const message = '${r.message}';\n\nexport async function upgrade(op${typed ? ': Operations): Promise<void>' : ')'} {\n  await op.execute('SELECT 1');\n}\n\nexport async function downgrade(op${typed ? ': Operations): Promise<void>' : ')'} {\n  await op.execute('SELECT 1');\n}\n`,
    );
  }
  return {
    name: `.${extension}, ${inPackage ? 'in a package' : 'outside any package'}`,
    dir,
    cache: inPackage ? join(dir, 'node_modules', '.cache', 'ambix') : join(tmp, 'ambix-cache'),
    env: { ...process.env, TMPDIR: tmp },
  };
}

function writeAlembicGraph(revisions) {
  const dir = join(work, 'graph-alembic');
  mkdirSync(join(dir, 'alembic', 'versions'), { recursive: true });
  writeFileSync(
    join(dir, 'alembic.ini'),
    '[alembic]\nscript_location = alembic\nsqlalchemy.url = sqlite://\n',
  );
  writeFileSync(join(dir, 'alembic', 'env.py'), 'raise SystemExit("heads/history do not run env.py")\n');
  for (const r of revisions) {
    writeFileSync(
      join(dir, 'alembic', 'versions', `${r.id}_${r.message.replaceAll(' ', '_')}.py`),
      `"""${r.message}"""\nfrom alembic import op\n\nrevision = '${r.id}'\ndown_revision = ${parentsLiteral(r.parents, 'None', '(', ')')}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute('SELECT 1')\n\n\ndef downgrade():\n    op.execute('SELECT 1')\n`,
    );
  }
  return dir;
}

// --- the runs --------------------------------------------------------------------------------------

const applyProjects = [];
for (const dialect of dialects)
  for (const total of sizes) applyProjects.push({ dialect, total, dirs: writeApplyProjects(dialect, total) });
const graphRevisions = graphSize > 0 ? generateGraph(graphSize) : [];
const graphVariants =
  graphSize > 0
    ? ['mjs', 'ts'].flatMap((extension) =>
        [true, false].map((inPackage) => writeGraphVariant(graphRevisions, extension, inPackage)),
      )
    : [];
const alembicGraph = graphSize > 0 ? writeAlembicGraph(graphRevisions) : null;
// Left alone for the settle window, as a deployed application's files are.
await new Promise((resolve) => setTimeout(resolve, 5500));

const fmt = (values, digits = 2, unit = 'x') =>
  `${Math.min(...values).toFixed(digits)}${unit} / ${median(values).toFixed(digits)}${unit}`;

console.log(
  `ambix ${JSON.parse(readFileSync(join(project, 'node_modules', 'ambix', 'package.json'), 'utf8')).version} installed from its npm pack into ${project}; Node ${process.version}; Alembic ${alembicVersion}; ${rounds} interleaved rounds`,
);
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`load average before: ${loadAverage()}`);

for (const dialect of dialects) {
  const rows = APPLY_TOOLS.map((tool) => [tool]);
  const rssRow = [];
  for (const { total, dirs } of applyProjects.filter((p) => p.dialect === dialect)) {
    const tools = applyTools(dirs);
    // The OS's file cache and the `.sql` package's cache, as on a deployed server.
    await onFreshDatabase(dialect, tools['sql warm']);
    const results = Object.fromEntries(APPLY_TOOLS.map((tool) => [tool, []]));
    for (let round = 0; round < rounds; round++) {
      for (const tool of APPLY_TOOLS) results[tool].push(await onFreshDatabase(dialect, tools[tool]));
      process.stderr.write(
        `${dialect} N=${total} round ${round + 1}: ${APPLY_TOOLS.map((tool) => `${tool} ${results[tool].at(-1).seconds.toFixed(2)}s`).join(', ')}\n`,
      );
    }
    APPLY_TOOLS.forEach((tool, row) => {
      const ratios = results[tool].map((r, i) => r.seconds / results.floor[i].seconds);
      rows[row].push(`${fmt(ratios)} (${median(results[tool].map((r) => r.seconds)).toFixed(2)} s)`);
    });
    if (total === Math.max(...sizes)) {
      for (const tool of APPLY_TOOLS) {
        const rss = median(results[tool].map((r) => r.rss));
        rssRow.push(rss);
      }
    }
  }
  rows.forEach((row, i) => {
    row.push(`${rssRow[i].toFixed(0)} MB (${(rssRow[i] / rssRow[0]).toFixed(2)}x)`);
  });
  console.log(
    `\n${dialect}, upgrade head from empty: time / floor's in the same round, min / median (median seconds)`,
  );
  printTable(
    [
      'tool',
      ...sizes.filter((n) => applyProjects.some((p) => p.total === n)).map((n) => `N=${n}`),
      `peak RSS at N=${Math.max(...sizes)} (median)`,
    ],
    rows,
  );
}

if (graphSize > 0) {
  const alembicRuns = { heads: [], history: [] };
  const ambixRuns = new Map(
    graphVariants.map((v) => [v.name, { 'heads cold': [], 'history cold': [], heads: [], history: [] }]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const command of ['heads', 'history']) {
      alembicRuns[command].push(measure(PYTHON, ['-m', 'alembic', command], { cwd: alembicGraph }).seconds);
    }
    for (const variant of graphVariants) {
      const runs = ambixRuns.get(variant.name);
      const ambix = (command) =>
        measure(process.execPath, [ambixBin, command], { cwd: variant.dir, env: variant.env }).seconds;
      for (const command of ['heads', 'history']) {
        rmSync(variant.cache, { recursive: true, force: true });
        runs[`${command} cold`].push(ambix(command));
        runs[command].push(ambix(command));
      }
    }
    process.stderr.write(`graph round ${round + 1} done\n`);
  }
  console.log(
    `\nheads / history on ${graphSize} revisions: seconds min / median; Alembic warm ÷ ambix warm per round, min / median`,
  );
  const rows = [];
  for (const variant of graphVariants) {
    const runs = ambixRuns.get(variant.name);
    for (const command of ['heads', 'history']) {
      rows.push([
        `${command}, ${variant.name}`,
        fmt(runs[`${command} cold`], 3, ' s'),
        fmt(runs[command], 3, ' s'),
        fmt(
          runs[command].map((t, i) => alembicRuns[command][i] / t),
          1,
        ),
      ]);
    }
  }
  for (const command of ['heads', 'history'])
    rows.push([`${command}, Alembic`, '', fmt(alembicRuns[command], 3, ' s'), '']);
  printTable(['command', 'cold', 'warm', 'Alembic / ambix warm'], rows);
}
console.log(`\nload average after: ${loadAverage()}`);
if (!values.keep) rmSync(work, { recursive: true, force: true });
