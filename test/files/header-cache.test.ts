import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entryKeyDigest } from '../../src/loader/cache-entry.js';
import { discoverRevisions } from '../../src/script/discovery.js';
import { HEADER_SETTLE_MS, HeaderCache, MIN_CACHED_FILES } from '../../src/script/header-cache.js';
import type { Revision } from '../../src/script/revision.js';
import { createTempProject } from './temp-project.js';

/** Enough unrelated filler revisions for the location to be cached at all. */
function filler(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < MIN_CACHED_FILES; i++)
    files[`m/z${String(i).padStart(4, '0')}.ts`] = header(`z${i}`, null);
  return files;
}

const header = (id: string, parent: string | null) =>
  `export const revision = '${id}';\nexport const downRevision = ${parent === null ? 'null' : `'${parent}'`};\n`;

const FIXED_TIME = new Date('2026-01-01T00:00:00Z');

/** Rewrites a file, then gives it the same modification time as before (only its ctime changes). */
function rewriteKeepingMtime(path: string, content: string): void {
  writeFileSync(path, content);
  utimesSync(path, FIXED_TIME, FIXED_TIME);
}

/** Files created by the project get a whole-second mtime, so it can be restored exactly. */
function pinMtimes(paths: readonly string[]): void {
  for (const path of paths) utimesSync(path, FIXED_TIME, FIXED_TIME);
}

/** Moves the clock past the settle window, as if the files had been left alone since they were written. */
function afterSettling(): void {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * HEADER_SETTLE_MS });
}

/** A project whose cache folder is node_modules/.cache/ambix, with the filler and two revisions. */
function cachedProject(extra: Record<string, string> = {}) {
  const project = createTempProject({
    'package.json': '{}',
    'node_modules/.keep': '',
    ...filler(),
    'm/a.ts': header('aaaa', null),
    'm/b.ts': header('bbbb', 'aaaa'),
    ...extra,
  });
  const entry = () => {
    const folder = project.path('node_modules/.cache/ambix');
    return join(folder, readdirSync(folder).find((name) => name.startsWith('headers-'))!);
  };
  return { project, entry };
}

const ids = async (location: string) => (await discoverRevisions([location])).map((revision) => revision.id);

describe('the header cache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('serves settled, unchanged files from the cache', async () => {
    const { project, entry } = cachedProject();
    afterSettling();
    const first = await ids(project.path('m'));
    const stored = readFileSync(entry());
    expect(await ids(project.path('m'))).toEqual(first);
    // Nothing changed, so nothing was written again.
    expect(readFileSync(entry()).equals(stored)).toBe(true);
    expect(first.slice(0, 2)).toEqual(['aaaa', 'bbbb']);
  });

  it('reads a header again after a same-size edit whose mtime was restored with touch -d', async () => {
    const { project } = cachedProject();
    pinMtimes([project.path('m/b.ts')]);
    afterSettling();
    await discoverRevisions([project.path('m')]);
    rewriteKeepingMtime(project.path('m/b.ts'), header('cccc', 'aaaa'));
    execFileSync('touch', ['-d', FIXED_TIME.toISOString(), project.path('m/b.ts')]);
    expect((await ids(project.path('m'))).slice(0, 2)).toEqual(['aaaa', 'cccc']);
  });

  it('reads a header again after the file was replaced by cp -p of a same-size file with the same mtime', async () => {
    const { project } = cachedProject({ 'staged/b.ts': header('cccc', 'aaaa') });
    pinMtimes([project.path('m/b.ts'), project.path('staged/b.ts')]);
    afterSettling();
    await discoverRevisions([project.path('m')]);
    execFileSync('cp', ['-p', project.path('staged/b.ts'), project.path('m/b.ts')]);
    expect(statSync(project.path('m/b.ts')).mtimeMs).toBe(FIXED_TIME.getTime());
    expect((await ids(project.path('m'))).slice(0, 2)).toEqual(['aaaa', 'cccc']);
  });

  it('reads a file again when its size changes', async () => {
    const { project } = cachedProject();
    pinMtimes([project.path('m/a.ts'), project.path('m/b.ts')]);
    afterSettling();
    await discoverRevisions([project.path('m')]);
    rewriteKeepingMtime(project.path('m/b.ts'), header('bbbbbb', 'aaaa'));
    expect((await ids(project.path('m'))).slice(0, 2)).toEqual(['aaaa', 'bbbbbb']);
  });

  it('forgets deleted files and picks up new ones', async () => {
    const { project } = cachedProject();
    afterSettling();
    await discoverRevisions([project.path('m')]);
    rmSync(project.path('m/b.ts'));
    writeFileSync(project.path('m/c.ts'), header('cccc', 'aaaa'));
    expect((await ids(project.path('m'))).slice(0, 2)).toEqual(['aaaa', 'cccc']);
  });

  it('does not remember a header read within the settle window of its last change (whole-second timestamps)', () => {
    const location = createTempProject().path('m');
    // A file system with whole-second timestamps: written at 12:00:00.2, read at 12:00:00.9,
    // rewritten (same size) at 12:00:00.95 — size, mtime, ctime and inode all stay the same.
    const second = Date.UTC(2026, 0, 1, 12);
    const stamp = { size: 80, mtimeMs: second, ctimeMs: second, ino: 42 };
    const fresh = HeaderCache.open(location);
    fillCache(fresh, location);
    fresh.remember('x.ts', stamp, revision(location, 'x.ts', 'xxxx'), second + 900);
    fresh.save();
    expect(HeaderCache.open(location).lookup('x.ts', `${location}/x.ts`, stamp, 'typescript')).toBeNull();

    const settledCache = HeaderCache.open(location);
    fillCache(settledCache, location);
    settledCache.remember('x.ts', stamp, revision(location, 'x.ts', 'xxxx'), second + HEADER_SETTLE_MS + 1);
    settledCache.save();
    const reopened = HeaderCache.open(location);
    for (let i = 0; i < MIN_CACHED_FILES; i++)
      reopened.lookup(
        `z${String(i).padStart(4, '0')}.ts`,
        '',
        { size: 1, mtimeMs: 1, ctimeMs: 1, ino: i + 1 },
        'typescript',
      );
    expect(reopened.lookup('x.ts', `${location}/x.ts`, stamp, 'typescript')?.id).toBe('xxxx');
    expect(
      reopened.lookup('x.ts', `${location}/x.ts`, { ...stamp, ctimeMs: second + 1000 }, 'typescript'),
    ).toBeNull();
  });

  it.each([
    ['an edited', (entry: Buffer) => Buffer.from(entry.toString('utf8').replaceAll('bbbb', 'dddd'))],
    ['an empty', () => Buffer.alloc(0)],
    ['a truncated', (entry: Buffer) => entry.subarray(0, entry.length >> 1)],
    ['a garbage', (entry: Buffer) => Buffer.from(entry.map((_, i) => (i * 7919) % 256))],
  ])('ignores %s cache entry and rebuilds it', async (_, damage) => {
    const { project, entry } = cachedProject();
    afterSettling();
    const first = await ids(project.path('m'));
    const good = readFileSync(entry());
    writeFileSync(entry(), damage(good));
    expect(await ids(project.path('m'))).toEqual(first);
    expect(readFileSync(entry()).equals(good)).toBe(true);
  });

  it('ignores an entry written by another ambix (a newer ambix over an older cache)', async () => {
    const { project, entry } = cachedProject();
    afterSettling();
    const first = await ids(project.path('m'));
    const good = readFileSync(entry()).toString('utf8');
    const [magic, , length, digest] = good.slice(0, good.indexOf('\n')).split(' ');
    const payload = good.slice(good.indexOf('\n') + 1).replaceAll('bbbb', 'dddd');
    writeFileSync(entry(), `${magic} ${entryKeyDigest('an older ambix')} ${length} ${digest}\n${payload}`);
    expect(await ids(project.path('m'))).toEqual(first);
    expect(readFileSync(entry(), 'utf8')).toBe(good);
  });

  it('keeps two checkouts sharing one cache folder apart', async () => {
    const project = createTempProject({ 'package.json': '{}', 'node_modules/.keep': '' });
    for (const [checkout, parent] of [
      ['one', 'aaaa'],
      ['two', null],
    ] as const) {
      for (const [name, content] of Object.entries(filler())) project.write(`${checkout}/${name}`, content);
      project.write(`${checkout}/m/a.ts`, header('aaaa', null));
      project.write(`${checkout}/m/b.ts`, header('bbbb', parent));
    }
    afterSettling();
    for (let round = 0; round < 2; round++) {
      const one = await discoverRevisions([project.path('one/m')]);
      const two = await discoverRevisions([project.path('two/m')]);
      expect(one[1]).toMatchObject({ id: 'bbbb', downRevisions: ['aaaa'], path: project.path('one/m/b.ts') });
      expect(two[1]).toMatchObject({ id: 'bbbb', downRevisions: [], path: project.path('two/m/b.ts') });
    }
  });

  it('reads headers when the cache folder cannot be written', async () => {
    const project = createTempProject({
      'package.json': '{}',
      'node_modules/.cache': 'not a folder',
      ...filler(),
      'm/a.ts': header('aaaa', null),
    });
    afterSettling();
    for (let round = 0; round < 2; round++) expect((await ids(project.path('m')))[0]).toBe('aaaa');
  });
});

function revision(location: string, name: string, id: string): Revision {
  return {
    id,
    downRevisions: [],
    branchLabels: [],
    dependsOn: [],
    message: null,
    createDate: null,
    path: `${location}/${name}`,
    format: 'typescript',
  };
}

/** Enough settled entries for the cache to be saved at all. */
function fillCache(cache: HeaderCache, location: string): void {
  for (let i = 0; i < MIN_CACHED_FILES; i++) {
    const name = `z${String(i).padStart(4, '0')}.ts`;
    cache.remember(
      name,
      { size: 1, mtimeMs: 1, ctimeMs: 1, ino: i + 1 },
      revision(location, name, `z${i}`),
      1 + 2 * HEADER_SETTLE_MS,
    );
  }
}

describe('a small version location', () => {
  it('is read from its files every time, leaving no cache behind', async () => {
    const project = createTempProject({ 'm/a.ts': header('aaaa', null), 'm/b.ts': header('bbbb', 'aaaa') });
    pinMtimes([project.path('m/a.ts'), project.path('m/b.ts')]);
    await discoverRevisions([project.path('m')]);
    rewriteKeepingMtime(project.path('m/b.ts'), header('cccc', 'aaaa'));
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.map((revision) => revision.id)).toEqual(['aaaa', 'cccc']);
  });
});

describe('a version location changed between commands', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not hide a revision added since the last command', async () => {
    const project = createTempProject({ ...filler(), 'm/a.ts': header('aaaa', null) });
    afterSettling();
    await discoverRevisions([project.path('m')]);
    writeFileSync(project.path('m/b.ts'), header('bbbb', 'aaaa'));
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.slice(0, 2).map((revision) => revision.id)).toEqual(['aaaa', 'bbbb']);
  });

  it('does not keep a revision whose file was removed since the last command', async () => {
    const project = createTempProject({
      ...filler(),
      'm/a.ts': header('aaaa', null),
      'm/b.ts': header('bbbb', 'aaaa'),
    });
    afterSettling();
    await discoverRevisions([project.path('m')]);
    rmSync(project.path('m/b.ts'));
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.map((revision) => revision.id)).not.toContain('bbbb');
  });
});
