// Benchmark (issue #14): what each cache or speed layer gains, as an interleaved A/B against the
// same build with that layer turned off (AMBIX_BENCH_LAYERS_OFF, see src/loader/layers.ts), on
// `upgrade head` of 1,000 generated TypeScript revisions into a fresh SQLite database:
//  - cold: ambix's cache folder removed before every run (a first deploy, a fresh CI checkout);
//  - warm: the cache as the previous run of the same variant left it (every later start).
//
//   npm run build && node bench/layers.mjs [--revisions 1000] [--rounds 10] [--layers a,b]
//
// Each round runs A (all layers) and B (one layer off) once each, in alternating order, so a slow
// spell of the machine falls on both; the gain is the median over rounds of B's time over A's.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, printTable, timeProcess } from './support.mjs';

const LAYERS = ['module-pack', 'plain-exports', 'transpile-cache', 'header-cache'];
const { values } = parseArgs({
  options: {
    revisions: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '10' },
    layers: { type: 'string', default: LAYERS.join(',') },
  },
});
const total = Number(values.revisions);
const rounds = Number(values.rounds);
const layers = values.layers.split(',');
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const work = join(root, 'bench', '.work', `layers-${total}`);
const ambixBin = join(root, 'bin', 'ambix.js');
const cacheDir = join(work, 'node_modules', '.cache', 'ambix');

const idOf = (i) => `r${String(i).padStart(11, '0')}`;

/** The same revisions as bench/apply.mjs writes: a table and an index each, every tenth an ALTER. */
function writeProject() {
  rmSync(work, { recursive: true, force: true });
  const migrations = join(work, 'migrations');
  mkdirSync(migrations, { recursive: true });
  mkdirSync(join(work, 'node_modules'));
  writeFileSync(join(work, 'package.json'), '{"private":true}');
  writeFileSync(join(work, 'ambix.config.json'), JSON.stringify({ migrations: 'migrations' }));
  for (let i = 0; i < total; i++) {
    const up = [
      `CREATE TABLE t${i} (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at DATETIME, amount INTEGER)`,
      `CREATE INDEX ix_t${i}_name ON t${i} (name)`,
      ...(i % 10 === 9 ? [`ALTER TABLE t${i - 5} ADD COLUMN extra${i} INTEGER`] : []),
    ];
    writeFileSync(
      join(migrations, `${idOf(i)}_create_t${i}.ts`),
      `import type { Operations } from 'ambix';\n\nexport const revision = '${idOf(i)}';\nexport const downRevision = ${i === 0 ? 'null' : `'${idOf(i - 1)}'`};\nexport const message = 'create t${i}';\n\nexport async function upgrade(op: Operations): Promise<void> {\n${up.map((s) => `  await op.execute(${JSON.stringify(s)});`).join('\n')}\n}\n\nexport async function downgrade(op: Operations): Promise<void> {\n  await op.execute('DROP TABLE t${i}');\n}\n`,
    );
  }
}

let counter = 0;
/**
 * One `upgrade head` into a fresh database, with `off` layers turned off: wall seconds, and the
 * CPU seconds (user + system) of the process, which a machine shared with other work disturbs less.
 */
function run(off, cold) {
  if (cold) rmSync(cacheDir, { recursive: true, force: true });
  const db = join(work, `bench-${++counter}.db`);
  const cpuFile = join(work, 'cpu.txt');
  try {
    const { seconds } = timeProcess(
      '/usr/bin/time',
      [
        '-o',
        cpuFile,
        '-f',
        '%U %S',
        process.execPath,
        ambixBin,
        'upgrade',
        'head',
        '--url',
        `sqlite:///${db}`,
        '--quiet',
      ],
      { cwd: work, env: { ...process.env, AMBIX_BENCH_LAYERS_OFF: off } },
    );
    const [user, system] = readFileSync(cpuFile, 'utf8').trim().split(' ').map(Number);
    return { wall: seconds, cpu: user + system };
  } finally {
    rmSync(db, { force: true });
    rmSync(`${db}-ambix-lock`, { force: true });
  }
}

writeProject();
// Files left alone for the settle window, as a deployed app's are: only then are they trusted by
// their stat (headers, packs).
await new Promise((resolve) => setTimeout(resolve, 5500));

const rows = [];
for (const layer of layers) {
  for (const cold of [true, false]) {
    const a = [];
    const b = [];
    if (!cold) {
      // Each variant's own warm state: the layer's entries exist for A; B never reads them.
      run('', false);
      run(layer, false);
    }
    for (let round = 0; round < rounds; round++) {
      if (round % 2 === 0) {
        a.push(run('', cold));
        b.push(run(layer, cold));
      } else {
        b.push(run(layer, cold));
        a.push(run('', cold));
      }
    }
    const ratio = (key) => median(b.map((t, i) => t[key] / a[i][key]));
    const range = (key) => {
      const ratios = b.map((t, i) => t[key] / a[i][key]);
      return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
    };
    const med = (runs, key) => median(runs.map((t) => t[key])).toFixed(2);
    rows.push([
      layer,
      cold ? 'cold' : 'warm',
      `${med(a, 'wall')} / ${med(a, 'cpu')}`,
      `${med(b, 'wall')} / ${med(b, 'cpu')}`,
      `${ratio('wall').toFixed(2)}x (${range('wall')})`,
      `${ratio('cpu').toFixed(2)}x (${range('cpu')})`,
    ]);
    console.error(
      `${layer} ${cold ? 'cold' : 'warm'}: wall ${ratio('wall').toFixed(2)}x, cpu ${ratio('cpu').toFixed(2)}x`,
    );
  }
}
console.log(
  `${total} revisions, SQLite, ${rounds} interleaved rounds; medians in seconds (wall / CPU); gain = median over rounds of (without / with), range over rounds in brackets`,
);
printTable(['layer', 'cache', 'with (A) s', 'without (B) s', 'gain, wall', 'gain, CPU'], rows);
