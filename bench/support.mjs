// Shared helpers for the benchmarks: timing whole processes, medians, tables.
import { spawnSync } from 'node:child_process';

/** Run a command to completion; return wall seconds. Throws with its output if it fails. */
export function timeProcess(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}\n${result.stderr}\n${result.stdout}`.slice(
        0,
        4000,
      ),
    );
  }
  return { seconds, stdout: result.stdout };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median wall seconds of `runs` whole processes. */
export function medianOfRuns(runs, command, args, options) {
  const times = [];
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    const result = timeProcess(command, args, options);
    times.push(result.seconds);
    stdout = result.stdout;
  }
  return { seconds: median(times), stdout };
}

export function printTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

export function alembicAvailable() {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import alembic; print(alembic.__version__)'], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/**
 * The graph: a trunk; every 50 trunk revisions a fork into two side lines of 10 that merge back,
 * and every 500 a three-way fork/merge. Ids are 12 hex digits like Alembic's.
 */
export function generateGraph(count) {
  const revisions = [];
  let serial = 0;
  const nextId = () => (++serial).toString(16).padStart(12, '0');
  const add = (parents, message) => {
    const id = nextId();
    revisions.push({ id, parents, message });
    return id;
  };
  let tip = add([], 'initial schema');
  while (revisions.length < count) {
    const position = revisions.length;
    const ways = position % 500 < 50 && position > 50 ? 3 : position % 50 === 0 ? 2 : 1;
    if (ways === 1 || count - position < ways * 10 + 1) {
      tip = add([tip], `trunk step ${position}`);
      continue;
    }
    const lineTips = [];
    for (let line = 0; line < ways; line++) {
      let lineTip = tip;
      for (let step = 0; step < 10; step++)
        lineTip = add([lineTip], `line ${line} step ${step} at ${position}`);
      lineTips.push(lineTip);
    }
    tip = add(lineTips, `merge ${ways} lines at ${position}`);
  }
  return revisions;
}
