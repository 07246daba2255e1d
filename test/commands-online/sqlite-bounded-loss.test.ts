/**
 * A process killed in the middle of a long SQLite run loses the migration in progress and the
 * completed ones since the last commit (at most about a second of them), not the whole run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { CLI_BIN, ensureCliBuilt } from '../support/built-cli.js';

/**
 * `burn0002` inserts rows for 1.2 s of its own time, so the run's shared transaction has been
 * open over a second when it completes; `late0003` is quick; `hang0004`, with AMBIX_TEST_HANG=1,
 * says READY on stderr and then inserts until it is killed.
 */
const REVISIONS: Record<string, { down: string | null; body: string }> = {
  make0001: {
    down: null,
    body: "await op.execute('CREATE TABLE filler (id INTEGER PRIMARY KEY, payload TEXT)');",
  },
  burn0002: {
    down: 'make0001',
    body: `const started = performance.now();
  while (performance.now() - started < 1200) {
    await op.execute("INSERT INTO filler (payload) VALUES ('burn')");
  }`,
  },
  late0003: { down: 'burn0002', body: "await op.execute('CREATE TABLE late (id INTEGER)');" },
  hang0004: {
    down: 'late0003',
    body: `if (process.env.AMBIX_TEST_HANG === '1') {
    process.stderr.write('READY\\n');
    for (;;) await op.execute("INSERT INTO filler (payload) VALUES ('hang')");
  }
  await op.execute('CREATE TABLE final (id INTEGER)');`,
  },
};

let dir: string;
let file: string;

beforeAll(ensureCliBuilt, 120_000);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ambix-kill-'));
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations);
  for (const [id, { down, body }] of Object.entries(REVISIONS)) {
    writeFileSync(
      join(migrations, `${id}.ts`),
      `export const revision = '${id}';
export const downRevision = ${down === null ? 'null' : `'${down}'`};
export async function upgrade(op: any) {
  ${body}
}
export async function downgrade(op: any) {}
`,
    );
  }
  file = join(dir, 'app.db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Upgrade {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** `ambix upgrade head` in a child process; with `killAtReady`, SIGKILLed once it prints READY. */
function upgradeInChild(killAtReady: boolean): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, 'upgrade', 'head', '--url', `sqlite:///${file}`], {
      cwd: dir,
      env: { ...process.env, AMBIX_TEST_HANG: killAtReady ? '1' : '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (killAtReady && stderr.includes('READY\n')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

function read<T>(sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const tables = () =>
  read<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map(
    (row) => row.name,
  );

test('a kill keeps the steps committed once the run had been open a second, and their records', async () => {
  const killed = await upgradeInChild(true);
  expect(killed.signal).toBe('SIGKILL');
  expect(killed.stderr).toContain('Committed 2 step(s), up to burn0002');

  expect(read<{ version_num: string }>('SELECT version_num FROM alembic_version')).toEqual([
    { version_num: 'burn0002' },
  ]);
  expect(
    read<{ revision: string }>('SELECT revision FROM ambix_history ORDER BY id').map((row) => row.revision),
  ).toEqual(['make0001', 'burn0002']);
  // burn0002's rows are kept; late0003 completed within the second after that commit: lost with
  // the migration in progress, as the version table says.
  expect(
    read<{ n: number }>("SELECT COUNT(*) AS n FROM filler WHERE payload = 'burn'")[0]?.n,
  ).toBeGreaterThan(0);
  expect(read<{ n: number }>("SELECT COUNT(*) AS n FROM filler WHERE payload = 'hang'")[0]?.n).toBe(0);
  expect(tables()).not.toContain('late');
}, 120_000);

test('the next upgrade goes on from the last commit to head', async () => {
  await upgradeInChild(true);
  const burnt = read<{ n: number }>('SELECT COUNT(*) AS n FROM filler')[0]?.n;

  const resumed = await upgradeInChild(false);

  expect(resumed.code).toBe(0);
  expect(resumed.stderr).not.toContain('Running upgrade  -> make0001');
  expect(resumed.stderr).toContain('Running upgrade burn0002 -> late0003');
  expect(read<{ version_num: string }>('SELECT version_num FROM alembic_version')).toEqual([
    { version_num: 'hang0004' },
  ]);
  expect(tables()).toEqual(expect.arrayContaining(['late', 'final']));
  // burn0002 did not run again.
  expect(read<{ n: number }>('SELECT COUNT(*) AS n FROM filler')[0]?.n).toBe(burnt);
}, 120_000);
