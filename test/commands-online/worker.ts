import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');
// Inside the project so that the bundle's bare imports (pg, kysely…) resolve to node_modules.
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'ambix-runtime-tests');

/** Bundles the upgrade worker (TypeScript sources, packages external) and returns its path. */
export async function buildWorker(): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = join(OUT_DIR, `upgrade-worker-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'test/fixtures/runtime/upgrade-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

export interface WorkerOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function startWorker(
  workerPath: string,
  args: readonly string[],
): { child: ChildProcess; done: Promise<WorkerOutcome> } {
  return startProcess([workerPath, ...args]);
}

/** `node <args…>` with its output collected. */
export function startProcess(
  args: readonly string[],
  cwd: string = ROOT,
): { child: ChildProcess; done: Promise<WorkerOutcome> } {
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<WorkerOutcome>((resolvePromise) => {
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export { CLI_BIN, ensureCliBuilt } from '../support/built-cli.js';
