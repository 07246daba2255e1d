import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { migrate } from '../../src/commands/migrate.js';
import { SETTLE_MS } from '../../src/loader/file-identity.js';
import { loadModule } from '../../src/loader/index.js';
import { MIN_PACKED_MODULES, packedModule } from '../../src/loader/module-pack.js';
import { createTempProject } from '../files/temp-project.js';

// A long-lived process (a watch-mode server, a test runner) loads modules as they are on disk at
// each call, whatever it loaded before.

const withValue = (value: number) => `export const value: number = ${value};\n`;

describe('loading a module again in the same process', () => {
  it('runs a file edited since, even within the same second and at the same length', async () => {
    const project = createTempProject({
      'package.json': '{}',
      'node_modules/.keep': '',
      'a.ts': withValue(1),
    });
    expect((await loadModule(project.path('a.ts'))).value).toBe(1);
    writeFileSync(project.path('a.ts'), withValue(2));
    expect((await loadModule(project.path('a.ts'))).value).toBe(2);
  });

  it('evaluates an unchanged file once', async () => {
    const project = createTempProject({
      'package.json': '{}',
      'node_modules/.keep': '',
      'a.ts': withValue(1),
    });
    const first = await loadModule(project.path('a.ts'));
    expect(await loadModule(project.path('a.ts'))).toBe(first);
  });

  it('evaluates a module again when a TypeScript module it imports changed', async () => {
    const project = createTempProject({
      'package.json': '{}',
      'node_modules/.keep': '',
      'helper.ts': withValue(1),
      'a.ts': "import { value as helped } from './helper';\nexport const value = helped * 10;\n",
    });
    expect((await loadModule(project.path('a.ts'))).value).toBe(10);
    writeFileSync(project.path('helper.ts'), withValue(3));
    expect((await loadModule(project.path('a.ts'))).value).toBe(30);
  });

  it('imports a JavaScript module edited since as it is now', async () => {
    const project = createTempProject({ 'a.mjs': 'export const value = 1;\n' });
    expect((await loadModule(project.path('a.mjs'))).value).toBe(1);
    writeFileSync(project.path('a.mjs'), 'export const value = 2;\n');
    expect((await loadModule(project.path('a.mjs'))).value).toBe(2);
  });
});

describe('two migrate() calls in one process', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const revision = (i: number) =>
    [
      `export const revision = 'r${String(i).padStart(4, '0')}';`,
      `export const downRevision = ${i === 0 ? 'null' : `'r${String(i - 1).padStart(4, '0')}'`};`,
      'export async function upgrade(op: { execute(sql: string): Promise<void> }): Promise<void> {',
      `  await op.execute('CREATE TABLE t${i} (id INTEGER PRIMARY KEY, name VARCHAR(50))');`,
      '}',
      'export async function downgrade(): Promise<void> {}',
      '',
    ].join('\n');

  function project(count: number) {
    const files: Record<string, string> = {
      'package.json': '{}',
      'node_modules/.keep': '',
      'ambix.config.json': JSON.stringify({ migrations: 'migrations' }),
    };
    for (let i = 0; i < count; i++) files[`migrations/r${String(i).padStart(4, '0')}.ts`] = revision(i);
    return createTempProject(files);
  }

  const columnType = (file: string, table: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(table) as { sql: string }).sql;
    } finally {
      db.close();
    }
  };

  async function editBetweenMigrations(count: number) {
    const p = project(count);
    const options = (name: string) => ({ cwd: p.root, url: `sqlite:///${p.path(name)}` });
    await migrate(options('a.db'));
    const file = p.path('migrations/r0005.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('VARCHAR(50)', 'VARCHAR(80)'));
    await migrate(options('b.db'));
    return { a: columnType(p.path('a.db'), 't5'), b: columnType(p.path('b.db'), 't5'), p };
  }

  it('runs a revision edited between them as it is on disk at the second call', async () => {
    const { a, b } = await editBetweenMigrations(6);
    expect(a).toContain('VARCHAR(50)');
    expect(b).toContain('VARCHAR(80)');
  });

  it('does so when the first call ran the revisions from a module pack', async () => {
    // The files look long settled, so the first call packs them.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * SETTLE_MS });
    const { a, b, p } = await editBetweenMigrations(MIN_PACKED_MODULES + 5);
    expect(packedModule(p.path('migrations/r0004.ts'))).toBeDefined();
    expect(a).toContain('VARCHAR(50)');
    expect(b).toContain('VARCHAR(80)');
  });
});
