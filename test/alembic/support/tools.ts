/**
 * Real Alembic beside ambix: Debian's python3-alembic (1.8.1, SQLAlchemy 1.4) with psycopg2 and
 * PyMySQL, run through /usr/bin/python3 — the system interpreter apt installs into, which is not
 * necessarily the `python3` on PATH. Off CI a machine without them skips these suites with one
 * line; under CI=true they must run, so their absence fails the run.
 */
import { execFile, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CLI_BIN } from '../../support/built-cli.js';

const run = promisify(execFile);

export const SYSTEM_PYTHON = '/usr/bin/python3';
export const PROJECT_DIR = resolve(import.meta.dirname, '../project');
const TOOL = join(PROJECT_DIR, 'tool.py');

function probeAlembic(): string | null {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import alembic, sqlalchemy, psycopg2, pymysql'], {
    encoding: 'utf8',
  });
  if (probe.error !== undefined) return `${SYSTEM_PYTHON} cannot run (${probe.error.message})`;
  if (probe.status !== 0) return (probe.stderr.trim().split('\n').pop() ?? 'import failed').trim();
  return null;
}

const missing = probeAlembic();
if (missing !== null) {
  const install = 'apt-get install -y python3-alembic python3-psycopg2 python3-pymysql';
  if (process.env.CI === 'true') {
    throw new Error(
      `CI=true but Alembic is not importable by ${SYSTEM_PYTHON} (${missing}); .ci/run runs \`${install}\`.`,
    );
  }
  console.warn(`skipping Alembic hand-back suites: ${missing} (install with \`${install}\`)`);
}

export const alembicAvailable = missing === null;

/** What one process did: its exit code and output, so a test can show why a step failed. */
export interface Step {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function spawnStep(command: string, args: readonly string[], cwd: string): Promise<Step> {
  try {
    const { stdout, stderr } = await run(command, [...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** `alembic upgrade|downgrade TARGET` on the project's Python revisions. */
export function alembic(url: string, verb: 'upgrade' | 'downgrade', target: string): Promise<Step> {
  return spawnStep(SYSTEM_PYTHON, [TOOL, url, verb, target], PROJECT_DIR);
}

/** `alembic upgrade TARGET --sql`: the offline script Alembic prints. */
export async function alembicScript(url: string, target: string): Promise<string> {
  const step = await spawnStep(SYSTEM_PYTHON, [TOOL, url, 'upgrade-sql', target], PROJECT_DIR);
  if (step.code !== 0) throw new Error(`alembic upgrade --sql exited ${step.code}:\n${step.stderr}`);
  return step.stdout;
}

/** The ambix CLI, as a user runs it, on the project's ambix revisions. */
export function ambix(url: string, ...args: string[]): Promise<Step> {
  return spawnStep(process.execPath, [CLI_BIN, '--url', url, ...args], PROJECT_DIR);
}

/** A reading through SQLAlchemy: `versions`, `inspect` or `compare` (see tool.py). */
export async function sqlalchemy(url: string, what: 'versions' | 'inspect' | 'compare'): Promise<unknown> {
  const step = await spawnStep(SYSTEM_PYTHON, [TOOL, url, what], PROJECT_DIR);
  if (step.code !== 0) throw new Error(`tool.py ${what} exited ${step.code}:\n${step.stderr}`);
  return JSON.parse(step.stdout) as unknown;
}
