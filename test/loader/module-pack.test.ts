import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PACKED_MODULES, PACK_SETTLE_MS } from '../../src/loader/module-pack.js';
import { childScript } from './child-process.js';

interface Loaded {
  readonly value: number;
  readonly url: string;
  readonly site: string;
  readonly checksum: string | null;
  readonly packed: boolean;
}

const moduleSource = (value: number) =>
  [
    `export const value: number = ${value};`,
    'export const url = import.meta.url;',
    '',
    'export function fail(): never {',
    `  throw new Error('boom ${value}');`,
    '}',
    '',
  ].join('\n');

const roots: string[] = [];

/** A project of `count` TypeScript modules, with a node_modules folder to keep ambix's caches. */
function project(count: number, edit: (source: string, index: number) => string = (source) => source) {
  const root = mkdtempSync(join(tmpdir(), 'ambix-pack-'));
  roots.push(root);
  writeFileSync(join(root, 'package.json'), '{}');
  mkdirSync(join(root, 'node_modules'));
  const files = Array.from({ length: count }, (_, i) => {
    const file = join(root, `m${String(i).padStart(2, '0')}.ts`);
    writeFileSync(file, edit(moduleSource(i), i));
    return file;
  });
  const cacheDir = join(root, 'node_modules', '.cache', 'ambix');
  const packFiles = (suffix: string) =>
    (existsSync(cacheDir) ? readdirSync(cacheDir) : []).filter(
      (n) => n.startsWith('pack-') && n.endsWith(`${suffix}.ambix`),
    );
  return { files, cacheDir, packFiles };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('module packs: revisions loaded together, compiled as one script', () => {
  let load: (files: readonly string[], options?: { laterMs?: number }) => Promise<Loaded[]>;
  const settled = {
    reused: project(MIN_PACKED_MODULES + 5),
    edited: project(MIN_PACKED_MODULES),
    sameLength: project(MIN_PACKED_MODULES),
    small: project(MIN_PACKED_MODULES - 1),
    damaged: project(MIN_PACKED_MODULES),
    pruned: project(MIN_PACKED_MODULES + 4),
    dynamic: project(MIN_PACKED_MODULES, (source, i) =>
      i === 7 ? `${source}export const later = () => import('node:path');\n` : source,
    ),
  };

  beforeAll(async () => {
    const scripts = mkdtempSync(join(tmpdir(), 'ambix-pack-script-'));
    roots.push(scripts);
    const run = await childScript('child-pack.ts', scripts);
    load = async (files, options = {}) =>
      (await run([...files, ...(options.laterMs === undefined ? [] : [`--later=${options.laterMs}`])]))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Loaded);
    // A pack is written only for files unchanged this long (ctime cannot be set back).
    await new Promise((resolve) => setTimeout(resolve, PACK_SETTLE_MS + 200));
  }, PACK_SETTLE_MS + 30_000);

  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('packs a settled set on its first load and loads the next start from it, as one by one would', async () => {
    const { files, packFiles } = settled.reused;
    const first = await load(files);
    expect(first.every((module) => module.packed)).toBe(true);
    expect(packFiles('.json')).toHaveLength(1);

    const second = await load(files);
    expect(second).toEqual(first);
    second.forEach((module, i) => {
      expect(module.value).toBe(i);
      expect(module.url).toBe(pathToFileURL(files[i]!).href);
      expect(module.checksum).toBe(sha256(files[i]!));
    });
    // Loaded alone (too few to pack), a module reports the same file, line and column.
    for (const i of [0, files.length - 1]) {
      const [alone] = await load([files[i]!]);
      expect(alone).toEqual({ ...second[i], packed: false });
      expect(alone!.site).toMatch(/\/m\d\d\.ts:\d+:\d+$/);
    }
  }, 30_000);

  it('loads a member edited since the pack was written from its new source', async () => {
    const { files } = settled.edited;
    await load(files);
    writeFileSync(files[3]!, moduleSource(1003));
    const loaded = await load(files);
    expect(loaded.map((module) => module.value)).toEqual(files.map((_, i) => (i === 3 ? 1003 : i)));
    expect(loaded[3]!.checksum).toBe(sha256(files[3]!));
    // Packed again at once, the edited member not trusted by its stat yet: the next start checks
    // its content, and runs it from the pack only when that is what the pack was made from.
    expect(loaded.every((module) => module.packed)).toBe(true);
    writeFileSync(files[3]!, moduleSource(2003));
    const again = await load(files);
    expect(again.map((module) => module.value)).toEqual(files.map((_, i) => (i === 3 ? 2003 : i)));
    expect(again[3]!.checksum).toBe(sha256(files[3]!));
  }, 30_000);

  it('packs revisions written just before the run, and the next start loads them from that pack', async () => {
    const { files } = project(MIN_PACKED_MODULES);
    const first = await load(files);
    expect(first.every((module) => module.packed)).toBe(true);
    const second = await load(files);
    expect(second).toEqual(first);
    expect(second.map((module) => module.checksum)).toEqual(files.map(sha256));
  }, 30_000);

  it('runs a member edited without changing its length, once settled, as it is on disk', async () => {
    const { files } = settled.sameLength;
    await load(files);
    // The second start compiles from the pack's code cache (written when the first one ended).
    expect((await load(files)).every((module) => module.packed)).toBe(true);
    const edited = moduleSource(3).replace('value: number = 3;', 'value: number = 8;');
    expect(edited.length).toBe(moduleSource(3).length);
    writeFileSync(files[3]!, edited);
    // Later than the settle window: the edited set is packed again, and V8 (which checks only a
    // code cache's source length) must not be handed the old pack's compiled code.
    const afterEdit = await load(files, { laterMs: PACK_SETTLE_MS + 1000 });
    expect(afterEdit.every((module) => module.packed)).toBe(true);
    expect(afterEdit.map((module) => module.value)).toEqual(files.map((_, i) => (i === 3 ? 8 : i)));
    expect(afterEdit[3]!.checksum).toBe(sha256(files[3]!));
    const next = await load(files, { laterMs: PACK_SETTLE_MS + 1000 });
    expect(next.map((module) => module.value)).toEqual(afterEdit.map((module) => module.value));
  }, 30_000);

  it(`loads fewer than ${MIN_PACKED_MODULES} modules one by one, without writing a pack`, async () => {
    const { files, packFiles } = settled.small;
    const loaded = await load(files);
    expect(loaded.map((module) => module.packed)).toEqual(files.map(() => false));
    expect(loaded.map((module) => module.value)).toEqual(files.map((_, i) => i));
    expect(packFiles('.json')).toEqual([]);
  }, 30_000);

  it('loads a set holding a module with import() one by one: V8 cannot cache such code', async () => {
    const { files, packFiles } = settled.dynamic;
    const loaded = await load(files);
    expect(loaded.map((module) => module.value)).toEqual(files.map((_, i) => i));
    expect(loaded.some((module) => module.packed)).toBe(false);
    expect(packFiles('.json')).toEqual([]);
  }, 30_000);

  it('rebuilds a pack whose code or compiled code is damaged, and loads the right modules', async () => {
    const { files, cacheDir, packFiles } = settled.damaged;
    await load(files);
    const code = join(cacheDir, packFiles('.js')[0]!);
    // Same length, other code: the pack's digest catches it.
    writeFileSync(code, readFileSync(code, 'utf8').replace('value = 3;', 'value = 9;'));
    const afterCodeDamage = await load(files);
    expect(afterCodeDamage.map((module) => module.value)).toEqual(files.map((_, i) => i));
    expect(readFileSync(code, 'utf8')).toContain('value = 3;');

    const compiled = join(cacheDir, packFiles('.v8')[0]!);
    const bytes = readFileSync(compiled);
    bytes.fill(0x5a, 100, 400);
    writeFileSync(compiled, bytes);
    const afterCacheDamage = await load(files);
    expect(afterCacheDamage.map((module) => module.value)).toEqual(files.map((_, i) => i));
    expect(afterCacheDamage.every((module) => module.packed)).toBe(true);
    expect(readFileSync(compiled).equals(bytes)).toBe(false);
  }, 30_000);

  it('keeps the three newest packs of a folder', async () => {
    const { files, packFiles } = settled.pruned;
    for (let size = MIN_PACKED_MODULES; size <= files.length; size++) await load(files.slice(0, size));
    expect(packFiles('.json')).toHaveLength(3);
    expect(packFiles('.js')).toHaveLength(3);
    // The newest set is among them and still loads from its pack.
    expect((await load(files)).every((module) => module.packed)).toBe(true);
  }, 60_000);
});
