import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entryKeyDigest } from '../../src/loader/cache-entry.js';
import { loadModule } from '../../src/loader/index.js';
import { createTempProject } from '../files/temp-project.js';
import { childLoader } from './child-process.js';

const source = (value: number) =>
  [
    `export const value: number = ${value};`,
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
  const entries = () => readdirSync(cacheDir).filter((name) => name.endsWith('.js.ambix'));
  const entry = () => join(cacheDir, entries()[0]!);
  return { project, cacheDir, entries, entry };
}

/** Loads `a.ts` (value 1) once to fill the cache, damages its entry with `damage`, loads it again. */
async function afterDamage(damage: (entry: Buffer) => Buffer | string) {
  const { project, entries, entry } = projectWithCache({ 'a.ts': source(1) });
  const load = await childLoader();
  const first = await load([project.path('a.ts')]);
  expect(entries()).toHaveLength(1);
  const good = readFileSync(entry());
  const damaged = damage(good);
  writeFileSync(entry(), damaged);
  const again = await load([project.path('a.ts')]);
  return { first, again, good, damaged, rewritten: readFileSync(entry()), load, project };
}

describe('the transpiled-code cache', () => {
  it('gives a module loaded from the cache in a later process its URL, file and line numbers', async () => {
    const { project, entries } = projectWithCache({ 'a.ts': source(1), 'b.ts': source(1) });
    const load = await childLoader();
    const { loaded: cold } = await load([project.path('a.ts')]);
    const { loaded: warm, warnings } = await load([project.path('a.ts'), project.path('b.ts')]);
    expect(warm[0]).toEqual(cold[0]);
    expect(cold[0]!.url).toBe(pathToFileURL(project.path('a.ts')).href);
    expect(cold[0]!.site).toMatch(/a\.ts:\d+:\d+$/);
    // Files with the same source share one entry, and each is still a module of its own.
    expect(entries()).toHaveLength(1);
    expect(warm[1]).toEqual({
      ...cold[0],
      url: pathToFileURL(project.path('b.ts')).href,
      file: project.path('b.ts'),
      site: cold[0]!.site.replace(project.path('a.ts'), project.path('b.ts')),
    });
    expect(warnings).toEqual([]);
  });

  it('runs the source, not an entry edited to hold other code, and rewrites the entry', async () => {
    const { first, again, damaged, rewritten, good } = await afterDamage((entry) =>
      entry.toString('utf8').replace('value = 1', 'value = 7'),
    );
    expect(damaged.toString()).toContain('value = 7');
    expect(again.loaded).toEqual(first.loaded);
    expect(again.loaded[0]!.value).toBe(1);
    expect(again.warnings).toHaveLength(1);
    expect(again.warnings[0]).toMatch(
      /^ambix: ignored a damaged cache entry \(.*\.js\.ambix\); it is rebuilt/,
    );
    expect(rewritten.equals(good)).toBe(true);
  });

  it('ignores an empty entry (a write never synced before a power loss) and rebuilds it', async () => {
    const { first, again, rewritten, good } = await afterDamage(() => Buffer.alloc(0));
    expect(again.loaded).toEqual(first.loaded);
    expect(again.warnings).toHaveLength(1);
    expect(rewritten.equals(good)).toBe(true);
  });

  it('ignores a truncated entry and rebuilds it', async () => {
    const { first, again, rewritten, good } = await afterDamage((entry) =>
      entry.subarray(0, entry.length - 40),
    );
    expect(again.loaded).toEqual(first.loaded);
    expect(again.warnings).toHaveLength(1);
    expect(rewritten.equals(good)).toBe(true);
  });

  it('ignores an entry of garbage bytes and rebuilds it', async () => {
    const { first, again, rewritten, good } = await afterDamage((entry) =>
      Buffer.from(entry.map((_, i) => (i * 7919) % 256)),
    );
    expect(again.loaded).toEqual(first.loaded);
    expect(again.warnings).toHaveLength(1);
    expect(rewritten.equals(good)).toBe(true);
  });

  it('prints one warning line however many entries are damaged', async () => {
    const { project, cacheDir, entries } = projectWithCache({
      'a.ts': source(1),
      'b.ts': source(2),
      'c.ts': source(3),
    });
    const files = ['a.ts', 'b.ts', 'c.ts'].map((name) => project.path(name));
    const load = await childLoader();
    const first = await load(files);
    expect(entries()).toHaveLength(3);
    for (const name of entries()) writeFileSync(join(cacheDir, name), 'garbage');
    const again = await load(files);
    expect(again.loaded).toEqual(first.loaded);
    expect(again.warnings).toHaveLength(1);
  });

  it('silently replaces an entry a different ambix or Node wrote (a newer ambix over an older cache)', async () => {
    const { first, again, rewritten, good } = await afterDamage((entry) => {
      // A whole, well-formed entry whose key is another build's: stale, not damaged.
      const text = entry.toString('utf8');
      const [magic, , length, digest] = text.slice(0, text.indexOf('\n')).split(' ');
      const payload = text.slice(text.indexOf('\n') + 1).replace('value = 1', 'value = 5');
      const foreign = `${magic} ${entryKeyDigest('an older ambix')} ${length} ${digest}\n${payload}`;
      return foreign;
    });
    expect(again.loaded).toEqual(first.loaded);
    expect(again.warnings).toEqual([]);
    expect(rewritten.equals(good)).toBe(true);
  });

  it('keeps two checkouts sharing one cache folder apart', async () => {
    const project = createTempProject({
      'package.json': '{}',
      'node_modules/.keep': '',
      'one/rev.ts': source(1),
      'two/rev.ts': source(2),
    });
    const load = await childLoader();
    const files = [project.path('one/rev.ts'), project.path('two/rev.ts')];
    for (let round = 0; round < 2; round++) {
      const { loaded } = await load(files);
      expect(loaded.map((module) => [module.file, module.value])).toEqual([
        [files[0], 1],
        [files[1], 2],
      ]);
    }
  });

  it('loads modules when the cache folder cannot be written', async () => {
    // The cache folder's place is taken by a file, which no user (root included) can write into.
    const blocked = createTempProject({
      'package.json': '{}',
      'node_modules/.cache': 'not a folder',
      'a.ts': source(1),
    });
    const load = await childLoader();
    for (let round = 0; round < 2; round++) {
      const { loaded, warnings } = await load([blocked.path('a.ts')]);
      expect(loaded[0]!.value).toBe(1);
      expect(warnings).toEqual([]);
    }
    // A read-only folder (binding for users other than root).
    const readOnly = createTempProject({
      'package.json': '{}',
      'node_modules/.cache/ambix/.keep': '',
      'a.ts': source(2),
    });
    chmodSync(readOnly.path('node_modules/.cache/ambix'), 0o555);
    try {
      for (let round = 0; round < 2; round++) {
        const { loaded, warnings } = await load([readOnly.path('a.ts')]);
        expect(loaded[0]!.value).toBe(2);
        expect(warnings).toEqual([]);
      }
    } finally {
      chmodSync(readOnly.path('node_modules/.cache/ambix'), 0o755);
    }
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
      'helper.ts': "export const value: string = 'helped';\n",
      'plain.cjs': 'module.exports = 1;\n',
    });
    const a = await loadModule(project.path('a.ts'));
    expect(a.joined).toBe(join('helped', 'x'));
    expect(a.resolved).toBe(project.path('plain.cjs'));
  });
});
