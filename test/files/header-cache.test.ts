import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { discoverRevisions } from '../../src/script/discovery.js';
import { HeaderCache, LISTING_SETTLE_MS, MIN_CACHED_FILES } from '../../src/script/header-cache.js';
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

/** Rewrites a file, then gives it the same modification time as before (an edit the cache cannot see). */
function rewriteKeepingMtime(path: string, content: string): void {
  writeFileSync(path, content);
  utimesSync(path, FIXED_TIME, FIXED_TIME);
}

/** Files created by the project get a whole-second mtime, so it can be restored exactly. */
function pinMtimes(paths: readonly string[]): void {
  for (const path of paths) utimesSync(path, FIXED_TIME, FIXED_TIME);
}

describe('the header cache', () => {
  it('serves an unchanged file from the cache without reading it again', async () => {
    const project = createTempProject({
      ...filler(),
      'm/a.ts': header('aaaa', null),
      'm/b.ts': header('bbbb', 'aaaa'),
    });
    pinMtimes([project.path('m/a.ts'), project.path('m/b.ts')]);
    await discoverRevisions([project.path('m')]);
    // Same size and mtime, different content: only a cache hit still reports the old header.
    rewriteKeepingMtime(project.path('m/b.ts'), header('cccc', 'aaaa'));
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.slice(0, 2).map((revision) => revision.id)).toEqual(['aaaa', 'bbbb']);
    expect(revisions[1]?.path).toBe(project.path('m/b.ts'));
  });

  it('reads a file again when its modification time changes', async () => {
    const project = createTempProject({
      ...filler(),
      'm/a.ts': header('aaaa', null),
      'm/b.ts': header('bbbb', 'aaaa'),
    });
    await discoverRevisions([project.path('m')]);
    writeFileSync(project.path('m/b.ts'), header('cccc', 'aaaa'));
    utimesSync(project.path('m/b.ts'), new Date(), new Date(Date.now() + 5_000));
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.slice(0, 2).map((revision) => revision.id)).toEqual(['aaaa', 'cccc']);
  });

  it('reads a file again when its size changes', async () => {
    const project = createTempProject({
      ...filler(),
      'm/a.ts': header('aaaa', null),
      'm/b.ts': header('bbbb', 'aaaa'),
    });
    pinMtimes([project.path('m/a.ts'), project.path('m/b.ts')]);
    await discoverRevisions([project.path('m')]);
    rewriteKeepingMtime(project.path('m/b.ts'), header('bbbbbb', 'aaaa'));
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.slice(0, 2).map((revision) => revision.id)).toEqual(['aaaa', 'bbbbbb']);
  });

  it('forgets deleted files and picks up new ones', async () => {
    const project = createTempProject({
      ...filler(),
      'm/a.ts': header('aaaa', null),
      'm/b.ts': header('bbbb', 'aaaa'),
    });
    await discoverRevisions([project.path('m')]);
    rmSync(project.path('m/b.ts'));
    writeFileSync(project.path('m/c.ts'), header('cccc', 'aaaa'));
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.slice(0, 2).map((revision) => revision.id)).toEqual(['aaaa', 'cccc']);
  });
});

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

describe('the remembered directory listing', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A cache for `location` holding enough entries to be saved, and the listing given. */
  function saveListing(
    location: string,
    directory: { mtimeMs: number; ctimeMs: number },
    listedAtMs: number,
  ) {
    const cache = HeaderCache.open(location);
    const names: string[] = [];
    for (let i = 0; i < MIN_CACHED_FILES; i++) {
      const name = `z${String(i).padStart(4, '0')}.ts`;
      names.push(name);
      cache.remember(
        name,
        { size: 1, mtimeMs: 1 },
        {
          id: `z${i}`,
          downRevisions: [],
          branchLabels: [],
          dependsOn: [],
          message: null,
          createDate: null,
          path: `${location}/${name}`,
          format: 'typescript',
        },
      );
    }
    cache.rememberListing(directory, names, listedAtMs);
    cache.save();
    return names;
  }

  it('is reused only while the directory has the same mtime and ctime', () => {
    const location = createTempProject().path('m');
    const names = saveListing(location, { mtimeMs: 1_000, ctimeMs: 2_000 }, 2_000 + LISTING_SETTLE_MS + 1);
    expect(HeaderCache.open(location).listing({ mtimeMs: 1_000, ctimeMs: 2_000 })).toEqual(names);
    expect(HeaderCache.open(location).listing({ mtimeMs: 1_000, ctimeMs: 2_001 })).toBeNull();
    expect(HeaderCache.open(location).listing({ mtimeMs: 1_001, ctimeMs: 2_000 })).toBeNull();
  });

  it('is not remembered when the directory changed just before it was read', () => {
    const location = createTempProject().path('m');
    saveListing(location, { mtimeMs: 1_000, ctimeMs: 2_000 }, 2_000 + LISTING_SETTLE_MS);
    expect(HeaderCache.open(location).listing({ mtimeMs: 1_000, ctimeMs: 2_000 })).toBeNull();
  });

  it('still serves unchanged files from the cache when it is reused', async () => {
    const project = createTempProject({
      ...filler(),
      'm/a.ts': header('aaaa', null),
      'm/b.ts': header('bbbb', 'aaaa'),
    });
    pinMtimes([project.path('m/a.ts'), project.path('m/b.ts')]);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * LISTING_SETTLE_MS });
    await discoverRevisions([project.path('m')]);
    await discoverRevisions([project.path('m')]);
    // Same size and mtime, different content: only a cache hit still reports the old header.
    rewriteKeepingMtime(project.path('m/b.ts'), header('cccc', 'aaaa'));
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.slice(0, 2).map((revision) => revision.id)).toEqual(['aaaa', 'bbbb']);
  });

  it('does not hide a revision added after it was remembered', async () => {
    const project = createTempProject({ ...filler(), 'm/a.ts': header('aaaa', null) });
    // The directory looks long settled, so the first run remembers its listing.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * LISTING_SETTLE_MS });
    await discoverRevisions([project.path('m')]);
    writeFileSync(project.path('m/b.ts'), header('bbbb', 'aaaa'));
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.slice(0, 2).map((revision) => revision.id)).toEqual(['aaaa', 'bbbb']);
  });

  it('does not keep a revision whose file was removed after it was remembered', async () => {
    const project = createTempProject({
      ...filler(),
      'm/a.ts': header('aaaa', null),
      'm/b.ts': header('bbbb', 'aaaa'),
    });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * LISTING_SETTLE_MS });
    await discoverRevisions([project.path('m')]);
    rmSync(project.path('m/b.ts'));
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.map((revision) => revision.id)).not.toContain('bbbb');
  });
});
