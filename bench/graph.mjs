// Benchmark (issue #2): `ambix heads` and `ambix history` on a generated 10,000-revision graph
// (a long chain with branches and merges), against Alembic 1.8 on the equivalent directory.
//
//   npm run build && node bench/graph.mjs [--revisions 10000] [--runs 5]
//
// ambix keeps the headers it has read in a cache checked against each file's stat identity, so
// the first command after the directory is written reads every file ("cold") and the later ones
// ("warm", the median reported and compared) do not.
//
// Alembic comes from Debian's python3-alembic (`apt-get install python3-alembic`); without it the
// ambix figures are still printed and the ratio column says why it is missing.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alembicAvailable, generateGraph, medianOfRuns, printTable, timeProcess } from './support.mjs';

const { values } = parseArgs({
  options: { revisions: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } },
});
const total = Number(values.revisions);
const runs = Number(values.runs);
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const work = join(root, 'bench', '.work', `graph-${total}`);

function tsLiteral(parents) {
  if (parents.length === 0) return 'null';
  if (parents.length === 1) return `'${parents[0]}'`;
  return `[${parents.map((p) => `'${p}'`).join(', ')}]`;
}

function pyLiteral(parents) {
  if (parents.length === 0) return 'None';
  if (parents.length === 1) return `'${parents[0]}'`;
  return `(${parents.map((p) => `'${p}'`).join(', ')})`;
}

function writeAmbixProject(dir, revisions) {
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations, { recursive: true });
  writeFileSync(join(dir, 'ambix.config.json'), JSON.stringify({ migrations: 'migrations' }));
  for (const r of revisions) {
    writeFileSync(
      join(migrations, `${r.id}_${r.message.replaceAll(' ', '_')}.ts`),
      `import type { Operations } from 'ambix';\n\nexport const revision = '${r.id}';\nexport const downRevision = ${tsLiteral(r.parents)};\nexport const message = '${r.message}';\n\nexport async function upgrade(op: Operations): Promise<void> {\n  await op.execute('SELECT 1');\n}\n\nexport async function downgrade(op: Operations): Promise<void> {\n  await op.execute('SELECT 1');\n}\n`,
    );
  }
}

function writeAlembicProject(dir, revisions) {
  const versions = join(dir, 'alembic', 'versions');
  mkdirSync(versions, { recursive: true });
  writeFileSync(
    join(dir, 'alembic.ini'),
    '[alembic]\nscript_location = alembic\nsqlalchemy.url = sqlite://\n',
  );
  writeFileSync(join(dir, 'alembic', 'env.py'), 'raise SystemExit("heads/history do not run env.py")\n');
  for (const r of revisions) {
    writeFileSync(
      join(versions, `${r.id}_${r.message.replaceAll(' ', '_')}.py`),
      `"""${r.message}"""\nfrom alembic import op\n\nrevision = '${r.id}'\ndown_revision = ${pyLiteral(r.parents)}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute('SELECT 1')\n\n\ndef downgrade():\n    op.execute('SELECT 1')\n`,
    );
  }
}

rmSync(work, { recursive: true, force: true });
const revisions = generateGraph(total);
const merges = revisions.filter((r) => r.parents.length > 1).length;
writeAmbixProject(join(work, 'ambix'), revisions);
const alembicVersion = alembicAvailable();
if (alembicVersion) writeAlembicProject(join(work, 'alembic'), revisions);
console.log(
  `graph: ${revisions.length} revisions, ${merges} merges; median of ${runs} whole processes each (Alembic: ${Math.min(runs, 3)})`,
);

const ambixBin = join(root, 'bin', 'ambix.js');
const rows = [];
// A project's revision files are older than the settle window: only then does ambix trust a file
// by its stat identity (see src/loader/file-identity.ts) and remember its header.
await new Promise((resolve) => setTimeout(resolve, 5500));
// The first command reads every file and fills the cache; it is timed on its own.
const ambixOptions = { cwd: join(work, 'ambix') };
const cold = timeProcess(process.execPath, [ambixBin, 'heads'], ambixOptions).seconds;
for (const command of ['heads', 'history']) {
  // Alembic runs first: ambix also remembers a directory's listing once the directory has been
  // left alone for a few seconds (see header-cache.ts), as a project's migrations usually are.
  let alembic = null;
  if (alembicVersion) {
    alembic = medianOfRuns(Math.min(runs, 3), '/usr/bin/python3', ['-m', 'alembic', command], {
      cwd: join(work, 'alembic'),
    });
  }
  const ambix = medianOfRuns(runs, process.execPath, [ambixBin, command], ambixOptions);
  const ambixLines = ambix.stdout.trim().split('\n').length;
  let alembicCell = `n/a (python3-alembic not installed)`;
  let ratioCell = 'n/a';
  if (alembic !== null) {
    const alembicLines = alembic.stdout.trim().split('\n').length;
    if (alembicLines !== ambixLines) {
      console.warn(
        `warning: ${command} printed ${ambixLines} lines with ambix, ${alembicLines} with Alembic`,
      );
    }
    alembicCell = alembic.seconds.toFixed(3);
    ratioCell = `${(alembic.seconds / ambix.seconds).toFixed(1)}x`;
  }
  rows.push([
    command,
    ambix.seconds.toFixed(3),
    command === 'heads' ? cold.toFixed(3) : '',
    alembicCell,
    ratioCell,
    ambixLines,
  ]);
}
printTable(
  [
    'command',
    'ambix s',
    'ambix first run s (no cache)',
    `alembic ${alembicVersion ?? ''} s`,
    'alembic / ambix',
    'lines',
  ],
  rows,
);
