// Benchmark (issue #16): a resumable UPDATE backfill of a large PostgreSQL table.
//
//   npm run build && node bench/resumable-update.mjs [--rows 10000000] [--batch 5000]
//
// A table of N rows (id bigint primary key, amount int, doubled bigint NULL), then a revision that
// runs `op.backfill('item', { resumable: true, batchSize })`, setting doubled = amount * 2 with
// `op.bulkUpdate`: every batch commits on its own with its checkpoint. `ambix upgrade --json` runs
// as a child process; its NDJSON progress events tell when it passes 10 %, 50 % and 100 %, and the
// child's resident memory (VmRSS, /proc) is read at those moments: flat memory means the backfill
// holds nothing beyond its current batch. Measured in the same run, the floor: the same keyset
// batches as plain `UPDATE … WHERE id > $1 AND id <= $2` statements from a minimal pg client, each
// committed on its own (no checkpoint, no values round trip).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { printTable } from './support.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    batch: { type: 'string', default: '5000' },
  },
});
const ROWS = Number(values.rows);
const BATCH = Number(values.batch);
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const work = join(root, 'bench', '.work', 'resumable-update');
const ambixBin = join(root, 'bin', 'ambix.js');
const POSTGRES = process.env.AMBIX_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const REVISION = `import type { Operations } from 'ambix';
export const revision = 'fill0001';
export const downRevision = null;
export async function upgrade(op: Operations): Promise<void> {
  await op.backfill('item', { columns: ['id', 'amount'], batchSize: ${BATCH}, resumable: true }, async (rows) => {
    await op.bulkUpdate('item', rows.map((row) => ({ id: row.id, doubled: Number(row.amount) * 2 })));
  });
}
export async function downgrade(): Promise<void> {}
`;

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Runs the upgrade; resolves with wall seconds and the child's RSS at 10, 50 and 100 %. */
function runAmbix(url) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [ambixBin, '--url', url, '--migrations', 'migrations', '--json', 'upgrade', 'head'],
      { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const marks = new Map();
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = JSON.parse(line);
      if (event.type !== 'progress' || event.total === null) return;
      const share = event.done / event.total;
      for (const mark of [0.1, 0.5, 1]) {
        if (share >= mark && !marks.has(mark)) marks.set(mark, rssMb(child.pid));
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`ambix exited ${code}:\n${stderr}`));
      else resolve({ seconds, marks });
    });
  });
}

const name = `ambix_bench_resumable_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: POSTGRES });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(POSTGRES);
url.pathname = `/${name}`;
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'migrations'), { recursive: true });
writeFileSync(join(work, 'migrations', 'fill0001_backfill.ts'), REVISION);
try {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  process.stderr.write(`seeding ${ROWS} rows…\n`);
  await client.query('CREATE TABLE item (id bigint PRIMARY KEY, amount integer NOT NULL, doubled bigint)');
  await client.query(
    'INSERT INTO item (id, amount) SELECT i, i % 1000 FROM generate_series(1, $1::bigint) AS i',
    [ROWS],
  );
  await client.query('VACUUM ANALYZE item');

  process.stderr.write('floor…\n');
  const floorStarted = process.hrtime.bigint();
  for (let last = 0; last < ROWS; last += BATCH) {
    await client.query('UPDATE item SET doubled = amount * 2 WHERE id > $1 AND id <= $2', [
      last,
      last + BATCH,
    ]);
  }
  const floorSeconds = Number(process.hrtime.bigint() - floorStarted) / 1e9;
  await client.query('UPDATE item SET doubled = NULL');
  await client.query('VACUUM ANALYZE item');

  process.stderr.write('ambix…\n');
  const run = await runAmbix(url.toString());
  const wrong = Number(
    (await client.query('SELECT count(*) AS n FROM item WHERE doubled IS DISTINCT FROM amount * 2')).rows[0]
      .n,
  );
  await client.end();
  if (wrong !== 0) throw new Error(`${wrong} rows not backfilled`);
  const mark = (share) => (run.marks.get(share) ?? Number.NaN).toFixed(0);
  printTable(
    ['rows', 'batch', 'floor s', 'ambix s', 'ambix / floor', 'RSS MB at 10 %', 'at 50 %', 'at 100 %'],
    [
      [
        ROWS,
        BATCH,
        floorSeconds.toFixed(1),
        run.seconds.toFixed(1),
        (run.seconds / floorSeconds).toFixed(2),
        mark(0.1),
        mark(0.5),
        mark(1),
      ],
    ],
  );
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
