/**
 * The property a resumable backfill promises: however often the process dies, and wherever, the
 * rerun ends with the rows an uninterrupted run writes, and no row written twice. Each kill is a
 * real SIGKILL of a child `ambix upgrade` process, at a random batch and at a random point of it:
 * before the batch writes, or after it wrote but before its transaction committed.
 */
import { spawn } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { upgrade } from '../../src/commands/upgrade.js';
import type { DialectName } from '../../src/dialect.js';
import type { RevisionSpec } from '../commands-online/project-fixture.js';
import { scenarios } from '../commands-online/support.js';
import { withSession } from '../runtime/support.js';
import { CLI_BIN, ensureCliBuilt } from '../support/built-cli.js';
import { describeEachDialect } from '../support/databases.js';

const ROWS = 60;
const BATCH = 2;
const KILLS = 20;

const TABLE: RevisionSpec = {
  id: 'tabl0001',
  upgradeSql: [
    'CREATE TABLE item (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL, doubled INTEGER, writes INTEGER NOT NULL DEFAULT 0)',
    `INSERT INTO item (id, amount) VALUES ${Array.from({ length: ROWS }, (_, i) => `(${i + 1}, ${(i * 37) % 101})`).join(', ')}`,
  ],
};

/** Dies (SIGKILL, no cleanup) in batch KILL_AT_BATCH of this run, before or after its write. */
const BACKFILL: RevisionSpec = {
  id: 'fill0002',
  down: 'tabl0001',
  upgradeCode: `
  const killAt = Number(process.env.KILL_AT_BATCH ?? 0);
  const phase = process.env.KILL_PHASE;
  let batch = 0;
  await op.backfill('item', { batchSize: ${BATCH}, columns: ['id', 'amount', 'writes'], resumable: true }, async (rows) => {
    batch += 1;
    if (batch === killAt && phase === 'before-write') process.kill(process.pid, 'SIGKILL');
    await op.bulkUpdate('item', rows.map((row) => ({ id: row.id, doubled: Number(row.amount) * 2, writes: Number(row.writes) + 1 })));
    if (batch === killAt && phase === 'after-write') process.kill(process.pid, 'SIGKILL');
  });`,
};

/** A small seeded generator, so a failing sequence of kills can be replayed (the seed is in the message). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function runCli(
  cwd: string,
  url: string,
  env: Record<string, string>,
): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CLI_BIN, '--url', url, '--migrations', 'migrations', '--json', 'upgrade', 'head'],
      { cwd, env: { ...process.env, ...env }, stdio: 'ignore' },
    );
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ?? code));
  });
}

async function itemRows(url: string): Promise<string[]> {
  return withSession(url, async (session) =>
    (await session.execute('SELECT id, amount, doubled, writes FROM item ORDER BY id', [])).rows.map(
      (row) => `${row.id}:${row.amount}:${row.doubled}:${row.writes}`,
    ),
  );
}

beforeAll(ensureCliBuilt, 120_000);

describeEachDialect('a resumable backfill killed at random points', (dialect: DialectName) => {
  const scenario = scenarios(dialect);

  it(`ends, after ${KILLS} kills and reruns, with an uninterrupted run's rows, each written once`, async () => {
    const seed = Number(process.env.AMBIX_KILL_SEED ?? Date.now() % 1_000_000);
    const next = random(seed);
    const reference = await scenario([TABLE, BACKFILL]);
    await upgrade({ ...reference.options, target: 'head' });
    const expected = await itemRows(reference.db.url);

    const s = await scenario([TABLE, BACKFILL]);
    await upgrade({ ...s.options, target: 'tabl0001' });
    const trail: string[] = [];
    let kept = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const batch = 1 + Math.floor(next() * 2);
      const phase = next() < 0.5 ? 'before-write' : 'after-write';
      trail.push(`${batch}/${phase}`);
      const ended = await runCli(s.project.dir, s.db.url, {
        KILL_AT_BATCH: String(batch),
        KILL_PHASE: phase,
      });
      expect(ended, `seed ${seed}, kills ${trail.join(' ')}`).toBe('SIGKILL');
      expect(await s.rows(), `seed ${seed}: recorded before the backfill finished`).toEqual(['tabl0001']);
      // The batches before the killed one are kept; the killed one left nothing behind.
      kept += (batch - 1) * BATCH;
      const written = (await itemRows(s.db.url)).filter((row) => !row.endsWith(':0'));
      expect(written.length, `seed ${seed}, kills ${trail.join(' ')}`).toBe(kept);
    }
    expect(await runCli(s.project.dir, s.db.url, {})).toBe(0);
    expect(await s.rows()).toEqual(['fill0002']);
    expect(await itemRows(s.db.url), `seed ${seed}, kills ${trail.join(' ')}`).toEqual(expected);
    expect(expected.every((row) => row.endsWith(':1'))).toBe(true);
  });
});
