import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as ambix from '../../src/index.js';
import { cacheDirFor } from '../../src/loader/cache-dir.js';
import {
  loadModule,
  ModuleNotFoundError,
  ModuleSyntaxError,
  preloadModules,
} from '../../src/loader/index.js';
import { createTempProject } from '../files/temp-project.js';

describe('loading TypeScript modules', () => {
  it('returns the exports of a TypeScript file', async () => {
    const project = createTempProject({
      'value.ts':
        'export const answer: number = 42;\nexport function twice(n: number): number { return n * 2; }\n',
    });
    const exports = await loadModule(project.path('value.ts'));
    expect(exports.answer).toBe(42);
    expect((exports.twice as (n: number) => number)(4)).toBe(8);
  });

  it('resolves relative imports of TypeScript files from the file’s own folder', async () => {
    const project = createTempProject({
      'migrations/rev.ts':
        "import { tableName } from '../lib/names.js';\nexport const table = tableName('users');\n",
      'lib/names.ts': "export function tableName(base: string): string { return 'app_' + base; }\n",
    });
    const exports = await loadModule(project.path('migrations/rev.ts'));
    expect(exports.table).toBe('app_users');
  });

  it('resolves extensionless relative imports and folder index files', async () => {
    const project = createTempProject({
      'rev.ts': "import { a } from './a';\nimport { b } from './b';\nexport const both = a + b;\n",
      'a.ts': "export const a = 'A';\n",
      'b/index.ts': "export const b = 'B';\n",
    });
    expect((await loadModule(project.path('rev.ts'))).both).toBe('AB');
  });

  it('resolves bare imports from the project’s node_modules', async () => {
    const project = createTempProject(
      {
        'rev.ts':
          "import { sql } from 'kysely';\nexport const query = sql`select 1`;\nexport const isSql = typeof sql.raw === 'function';\n",
      },
      { linkNodeModules: true },
    );
    const exports = await loadModule(project.path('rev.ts'));
    expect(exports.isSql).toBe(true);
    expect(exports.query).toBeDefined();
  });

  it('erases type-only imports, even of modules that do not exist', async () => {
    const project = createTempProject({
      'rev.ts':
        "import type { Nothing } from './does-not-exist.js';\nexport const value: Nothing | string = 'kept';\n",
    });
    expect((await loadModule(project.path('rev.ts'))).value).toBe('kept');
  });

  it('resolves ambix to the running ambix library', async () => {
    const project = createTempProject({
      'rev.ts': "import { AmbixError } from 'ambix';\nexport const errorClass = AmbixError;\n",
    });
    expect((await loadModule(project.path('rev.ts'))).errorClass).toBe(ambix.AmbixError);
  });

  it('resolves ambix in a relative helper that the revision imports', async () => {
    const project = createTempProject({
      'helpers/errors.ts': "import { AmbixError } from 'ambix';\nexport const errorClass = AmbixError;\n",
      'rev.ts': "export { errorClass } from './helpers/errors.js';\n",
    });
    expect((await loadModule(project.path('rev.ts'))).errorClass).toBe(ambix.AmbixError);
  });

  it('gives import.meta.url the file’s own URL', async () => {
    const project = createTempProject({ 'rev.ts': 'export const url = import.meta.url;\n' });
    expect((await loadModule(project.path('rev.ts'))).url).toBe(pathToFileURL(project.path('rev.ts')).href);
  });

  it('loads .mts files as TypeScript', async () => {
    const project = createTempProject({ 'rev.mts': 'const n: number = 3;\nexport default n;\n' });
    expect((await loadModule(project.path('rev.mts'))).default).toBe(3);
  });

  it('evaluates a helper shared by two modules once', async () => {
    const project = createTempProject({
      'one.ts': "import { state } from './shared';\nexport const seen = state;\n",
      'two.ts': "import { state } from './shared';\nexport const seen = state;\n",
      'shared.ts': 'export const state = { id: Math.random() };\n',
    });
    const one = await loadModule(project.path('one.ts'));
    const two = await loadModule(project.path('two.ts'));
    expect(one.seen).toBe(two.seen);
  });

  it('reports a syntax error with the file and line', async () => {
    const project = createTempProject({ 'broken.ts': 'export const a = 1;\n\nexport const b = = 2;\n' });
    const error = await loadModule(project.path('broken.ts')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModuleSyntaxError);
    expect(error).toMatchObject({ file: project.path('broken.ts'), line: 3 });
    expect((error as Error).message).toContain(`${project.path('broken.ts')}:3`);
  });

  it('reports a missing file by name', async () => {
    const project = createTempProject();
    const error = await loadModule(project.path('absent.ts')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModuleNotFoundError);
    expect((error as Error).message).toContain(project.path('absent.ts'));
  });

  it('keeps transpiled code in a cache under the nearest package root', async () => {
    const project = createTempProject({
      'package.json': '{}',
      'node_modules/.keep': '',
      'rev.ts': 'export const cached: string = "yes";\n',
    });
    await loadModule(project.path('rev.ts'));
    const cacheDir = cacheDirFor(project.root);
    expect(cacheDir).toBe(project.path('node_modules/.cache/ambix'));
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.js.ambix'))).toHaveLength(1);
  });

  it('keeps the cache in the temp folder for a package without node_modules', async () => {
    const project = createTempProject({ 'package.json': '{}' });
    expect(cacheDirFor(project.root)).toBe(join(tmpdir(), 'ambix-cache'));
  });
});

describe('preloading modules', () => {
  it('transpiles TypeScript files ahead of loading and leaves errors to loadModule', async () => {
    const project = createTempProject({
      'package.json': '{}',
      'node_modules/.keep': '',
      'a.ts': 'export const a: string = "A";\n',
      'b.ts': 'export const b: string = "B";\n',
      'broken.ts': 'export const = ;\n',
    });
    await preloadModules([project.path('a.ts'), project.path('b.ts'), project.path('broken.ts')]);
    expect(
      readdirSync(project.path('node_modules/.cache/ambix')).filter((name) => name.endsWith('.js.ambix')),
    ).toHaveLength(2);
    expect((await loadModule(project.path('b.ts'))).b).toBe('B');
    await expect(loadModule(project.path('broken.ts'))).rejects.toBeInstanceOf(ModuleSyntaxError);
  });
});

describe('loading JavaScript modules', () => {
  it('imports .mjs files natively', async () => {
    const project = createTempProject({ 'rev.mjs': 'export const kind = "esm";\n' });
    expect((await loadModule(project.path('rev.mjs'))).kind).toBe('esm');
  });

  it('imports .js files in an ESM package natively', async () => {
    const project = createTempProject({
      'package.json': '{"type":"module"}',
      'rev.js': 'export async function upgrade() { return "ran"; }\n',
    });
    const exports = await loadModule(project.path('rev.js'));
    expect(await (exports.upgrade as () => Promise<string>)()).toBe('ran');
  });
});
