import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { init, revision } from '../../src/commands/index.js';
import { ensureCliBuilt } from '../support/built-cli.js';

// The built library, as an application imports it.
const LIBRARY = pathToFileURL(resolve(import.meta.dirname, '../../dist/index.js')).href;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});
beforeAll(ensureCliBuilt);

function scratch(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'ambix-migrate-location-')));
  roots.push(root);
  return root;
}

/** An `init` project with one revision creating `note`, and an app at src/server.mjs calling migrate(). */
async function projectWithApp(): Promise<{ root: string; app: string }> {
  const root = scratch();
  await init({ cwd: root });
  const written = await revision({ cwd: root, revId: 'first', message: 'notes' });
  writeFileSync(
    written.path,
    `export const revision = 'first';
export const downRevision = null;
export async function upgrade(op) { await op.execute('CREATE TABLE note (id INTEGER PRIMARY KEY)'); }
export async function downgrade(op) { await op.execute('DROP TABLE note'); }
`,
  );
  mkdirSync(join(root, 'src'));
  const app = join(root, 'src', 'server.mjs');
  writeFileSync(
    app,
    `import { migrate } from ${JSON.stringify(LIBRARY)};
try {
  const result = await migrate();
  console.log(JSON.stringify({ heads: result.heads }));
} catch (error) {
  console.log(JSON.stringify({ error: error.code, message: error.message }));
}
`,
  );
  return { root, app };
}

function runApp(app: string, cwd: string): { heads?: string[]; error?: string; message?: string } {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const run = spawnSync(process.execPath, [app], { cwd, env, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

describe('migrate() finds its project from the calling file, not the working directory', () => {
  test('an app started from an unrelated folder migrates the SQLite database beside its config', async () => {
    const { root, app } = await projectWithApp();
    const elsewhere = scratch();
    expect(runApp(app, elsewhere)).toEqual({ heads: ['first'] });
    const database = new Database(join(root, 'app.db'), { readonly: true });
    const tables = database.prepare("SELECT name FROM sqlite_master WHERE name = 'note'").all();
    database.close();
    expect(tables).toEqual([{ name: 'note' }]);
  });

  test('started from the project folder, it reaches the same database (nothing left to run)', async () => {
    const { root, app } = await projectWithApp();
    runApp(app, scratch());
    expect(runApp(app, root)).toEqual({ heads: ['first'] });
  });

  test('with no project above the calling file, the error names the folder and the options that fix it', async () => {
    const lonely = scratch();
    const app = join(lonely, 'server.mjs');
    writeFileSync(
      app,
      `import { migrate } from ${JSON.stringify(LIBRARY)};
migrate().catch((error) => console.log(JSON.stringify({ error: error.code, message: error.message })));
`,
    );
    const result = runApp(app, scratch());
    expect(result.error).toBe('PROJECT_NOT_FOUND');
    expect(result.message).toContain(lonely);
    expect(result.message).toContain('configPath');
    expect(result.message).not.toContain('ambix init');
  });
});
