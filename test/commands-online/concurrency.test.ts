import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases.js';
import type { RevisionSpec } from './project-fixture.js';
import { scenarios } from './support.js';
import { buildWorker, CLI_BIN, ensureCliBuilt, startProcess, startWorker } from './worker.js';

const PROCESSES = 16;

const CHAIN: RevisionSpec[] = [
  { id: 'cc01', sleepMs: 50 },
  { id: 'cc02', down: 'cc01', sleepMs: 50 },
  { id: 'cc03', down: 'cc02', sleepMs: 50 },
  { id: 'cc04', down: 'cc03', sleepMs: 50 },
];

let worker: string;
beforeAll(async () => {
  worker = await buildWorker();
  await ensureCliBuilt();
}, 180_000);

describeEachDialect('many processes at once', (dialect) => {
  const scenario = scenarios(dialect);

  it(`${PROCESSES} \`ambix upgrade head\` processes on one fresh database run each upgrade exactly once and all exit 0`, async () => {
    const s = await scenario(CHAIN);
    const runs = Array.from({ length: PROCESSES }, () =>
      startProcess(
        [CLI_BIN, 'upgrade', 'head', '--json', '--url', s.db.url, '--migrations', s.project.migrations],
        s.project.dir,
      ),
    );
    const outcomes = await Promise.all(runs.map((run) => run.done));
    expect(outcomes.map((outcome) => [outcome.code, outcome.stderr])).toEqual(outcomes.map(() => [0, '']));
    expect(await s.ran()).toEqual(['upgrade cc01', 'upgrade cc02', 'upgrade cc03', 'upgrade cc04']);
    expect(await s.rows()).toEqual(['cc04']);
    // Exactly one process did the work; the others found it done after the lock.
    const workers = outcomes.filter((outcome) => outcome.stdout.includes('"step-done"'));
    expect(workers).toHaveLength(1);
  }, 240_000);

  it('a process killed in the middle of a migration leaves no stuck lock, and the next run completes', async () => {
    const s = await scenario([
      { id: 'kk01' },
      { id: 'kk02', down: 'kk01', sleepMs: 30_000 },
      { id: 'kk03', down: 'kk02' },
    ]);
    const victim = startWorker(worker, [s.project.dir, s.project.migrations, s.db.url]);
    await new Promise<void>((resolve, reject) => {
      victim.child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"type":"step-start","direction":"upgrade","revision":"kk02"'))
          resolve();
      });
      victim.done.then(() => reject(new Error('the worker ended before kk02 started')));
    });
    victim.child.kill('SIGKILL');
    const killed = await victim.done;
    expect(killed.signal).toBe('SIGKILL');

    // The fixed revision no longer sleeps; the rerun must not wait for a dead process's lock.
    s.project.write({ id: 'kk02', down: 'kk01' });
    const started = Date.now();
    const rerun = await startWorker(worker, [s.project.dir, s.project.migrations, s.db.url]).done;
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await s.rows()).toEqual(['kk03']);
    // kk02 runs no DDL, so even on MySQL the killed run's transaction left nothing behind.
    expect(await s.ran()).toEqual(['upgrade kk01', 'upgrade kk02', 'upgrade kk03']);
  }, 240_000);
});
