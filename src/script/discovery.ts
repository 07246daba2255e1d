import { readdirSync, type Stats, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { VersionLocationNotFoundError } from './file-errors.js';
import { HeaderCache } from './header-cache.js';
import type { Revision } from './revision.js';
import { revisionFormatOf } from './revision-files.js';

/**
 * Every revision in the given version locations, in load order: locations in the order given,
 * files sorted by name (byte order) within each. Headers are read statically; no file is executed.
 *
 * Headers already read by an earlier command come from the header cache while their files keep
 * the stat identity they had, settled, when read (size, mtime, ctime, inode; see
 * loader/file-identity.ts). The folder is listed every time: remembering its listing gained under
 * 5% (bench/layers.mjs). Reads synchronously on purpose: for thousands of small files,
 * synchronous calls are several times faster than thousands of concurrent promises (measured), and
 * nothing else runs while a command starts.
 */
export async function discoverRevisions(locations: readonly string[]): Promise<Revision[]> {
  const revisions: Revision[] = [];
  for (const folder of locations) {
    const location = resolve(folder);
    const cache = HeaderCache.open(location);
    const prefix = pathPrefix(location);
    // Taken before any file is read: a header counts as settled only against this time.
    const listedAtMs = Date.now();
    statLocation(location);
    for (const name of sortedNames(location)) {
      const format = revisionFormatOf(name);
      if (format === null) continue;
      const path = `${prefix}${name}`;
      // One stat answers both "is it a file" (symlinks followed) and "is the cached header fresh".
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats === undefined || !stats.isFile()) continue;
      const cached = cache.lookup(name, path, stats, format);
      if (cached !== null) {
        revisions.push(cached);
        continue;
      }
      const { readRevisionFile } = await headerReader();
      revisions.push(cache.remember(name, stats, readRevisionFile(path, format), listedAtMs));
    }
    cache.save();
  }
  return revisions;
}

/**
 * The static header readers (TypeScript and SQL), loaded at the first file the cache cannot
 * answer for: a command on an unchanged history never needs them.
 */
function headerReader(): Promise<typeof import('./revision-file.js')> {
  return import('./revision-file.js');
}

/**
 * Every name in `location`, sorted in byte order. Read as bare names: the stat that follows for each
 * candidate says whether it is a file, and directory entries with types cost more than the names
 * alone on a history of thousands of files.
 */
function sortedNames(location: string): string[] {
  let names: string[];
  try {
    names = readdirSync(location);
  } catch (error) {
    if (isMissing(error)) throw new VersionLocationNotFoundError(location);
    throw error;
  }
  sortByUtf8Bytes(names);
  return names;
}

/** Checks that the location is a directory, naming it when it is not. */
function statLocation(location: string): void {
  let stats: Stats | undefined;
  try {
    stats = statSync(location, { throwIfNoEntry: false });
  } catch (error) {
    if (isMissing(error)) throw new VersionLocationNotFoundError(location);
    throw error;
  }
  if (stats === undefined || !stats.isDirectory()) throw new VersionLocationNotFoundError(location);
}

/**
 * `location` (absolute, normalised) with a trailing separator. Paths are built by plain
 * concatenation: `join` costs more than the stat that follows when a history has thousands of files.
 */
function pathPrefix(location: string): string {
  return location.endsWith(sep) ? location : `${location}${sep}`;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Sorts by UTF-8 bytes, as `ls` in the C locale does. JavaScript's default order compares UTF-16
 * code units, which agrees except for characters above U+FFFF; only names holding surrogates need
 * the slower comparison.
 */
function sortByUtf8Bytes(names: string[]): void {
  if (!names.some((name) => /[\uD800-\uDFFF]/.test(name))) {
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return;
  }
  const keys = new Map(names.map((name) => [name, Buffer.from(name)]));
  names.sort((a, b) => Buffer.compare(keys.get(a) ?? Buffer.alloc(0), keys.get(b) ?? Buffer.alloc(0)));
}
