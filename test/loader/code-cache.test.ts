import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModule } from '../../src/loader/index.js';
import { flushTranspileCache } from '../../src/loader/transpile.js';
import { createTempProject } from '../files/temp-project.js';
import { childLoader } from './child-process.js';

// Each file gets a fresh module instance; files with the same code share one code cache entry,
// so the second file of a pair is compiled from the entry the first one wrote.
const SOURCE = [
  'export const url = import.meta.url;',
  'export const file = __filename;',
  '',
  'export function fail(): never {',
  "  throw new Error('boom');",
  '}',
  '',
].join('\n');

function projectWithCache(files: Record<string, string>) {
  const project = createTempProject({ 'package.json': '{}', 'node_modules/.keep': '', ...files });
  const cacheDir = project.path('node_modules/.cache/ambix');
  const entries = () => readdirSync(cacheDir).filter((name) => name.endsWith('.v8'));
  return { project, cacheDir, entries };
}

describe('the V8 code cache of TypeScript modules', () => {
  it('stores compiled code for modules whose transpiled code came from the cache', async () => {
    const { project, entries } = projectWithCache({ 'a.ts': SOURCE, 'b.ts': SOURCE });
    // Just transpiled (a cold start): its compiled code waits for a later start.
    await loadModule(project.path('a.ts'));
    expect(entries()).toHaveLength(0);
    // The same code again: transpiled code from the cache, so its compiled code is stored.
    await loadModule(project.path('b.ts'));
    expect(entries()).toHaveLength(1);
  });

  it('gives a module compiled from the cache in a later process its URL and line numbers', async () => {
    const { project, entries } = projectWithCache({ 'a.ts': SOURCE, 'b.ts': SOURCE });
    const load = await childLoader();
    const [first] = await load([project.path('a.ts')]);
    expect(await load([project.path('a.ts')])).toEqual([first]);
    expect(entries()).toHaveLength(1);
    const entry = join(project.path('node_modules/.cache/ambix'), entries()[0]!);
    const written = readFileSync(entry);

    const [second, other] = await load([project.path('a.ts'), project.path('b.ts')]);
    expect(second).toEqual(first);
    expect(first!.url).toBe(pathToFileURL(project.path('a.ts')).href);
    expect(first!.site).toMatch(/a\.ts:\d+:\d+$/);
    // A file with the same code is a module of its own, named as itself in its stack traces.
    expect(other).toEqual({
      url: pathToFileURL(project.path('b.ts')).href,
      file: project.path('b.ts'),
      site: first!.site.replace(project.path('a.ts'), project.path('b.ts')),
    });
    // An entry is written only when V8 had none or rejected it: a's was used as it was.
    expect(readFileSync(entry).equals(written)).toBe(true);
    expect(entries()).toHaveLength(2);
  });

  it('ignores a damaged entry and writes it anew', async () => {
    const { project, cacheDir, entries } = projectWithCache({ 'a.ts': SOURCE });
    const load = await childLoader();
    const [first] = await load([project.path('a.ts')]);
    await load([project.path('a.ts')]);
    const path = join(cacheDir, entries()[0]!);
    const good = readFileSync(path);
    const damaged = Buffer.from(good);
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    writeFileSync(path, damaged);

    expect(await load([project.path('a.ts')])).toEqual([first]);
    const rewritten = readFileSync(path);
    expect(rewritten.equals(damaged)).toBe(false);
    expect(rewritten.length).toBeGreaterThan(10);

    writeFileSync(path, good.subarray(0, 10));
    expect(await load([project.path('a.ts')])).toEqual([first]);
    expect(readFileSync(path).length).toBeGreaterThan(10);
  });

  it('gives a module a working require, require.resolve included', async () => {
    const code = [
      "import { join } from 'node:path';",
      "import { value } from './helper';",
      'export const joined = join(value, "x");',
      "export const resolved = require.resolve('./plain.cjs');",
      '',
    ].join('\n');
    const { project } = projectWithCache({
      'a.ts': code,
      'b.ts': code,
      'helper.ts': "export const value: string = 'helped';\n",
      'plain.cjs': 'module.exports = 1;\n',
    });
    await loadModule(project.path('a.ts'));
    await flushTranspileCache();
    const b = await loadModule(project.path('b.ts'));
    expect(b.joined).toBe(join('helped', 'x'));
    expect(b.resolved).toBe(project.path('plain.cjs'));
  });

  it('leaves a module that uses import() to Node and stores no entry for it', async () => {
    const { project, cacheDir } = projectWithCache({
      'rev.ts': "export const load = () => import('./esm.mjs');\n",
      'esm.mjs': 'export const kind = "esm";\n',
    });
    const rev = await loadModule(project.path('rev.ts'));
    expect(((await (rev.load as () => Promise<{ kind: string }>)()) as { kind: string }).kind).toBe('esm');
    await flushTranspileCache();
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.v8'))).toEqual([]);
  });
});
