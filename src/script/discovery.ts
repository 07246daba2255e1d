import { closeSync, type Dirent, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { VersionLocationNotFoundError } from './file-errors.js';
import { readModuleHeader } from './header.js';
import { HeaderCache } from './header-cache.js';
import type { Revision, RevisionFormat } from './revision.js';
import { revisionFormatOf } from './revision-files.js';
import { readSqlHeader } from './sql-revision.js';

/**
 * Every revision in the given version locations, in load order: locations in the order given,
 * files sorted by name (byte order) within each. Headers are read statically; no file is executed.
 *
 * Headers already read by an earlier command come from the header cache while their files are
 * unchanged (size and mtime). Reads synchronously on purpose: for thousands of small files, synchronous reads into one
 * reused buffer are several times faster than thousands of concurrent promises (measured), and
 * nothing else runs while a command starts.
 */
export async function discoverRevisions(locations: readonly string[]): Promise<Revision[]> {
  const revisions: Revision[] = [];
  for (const location of locations) {
    const cache = HeaderCache.open(resolve(location));
    for (const file of listRevisionFiles(location)) {
      const stats = statSync(file.path);
      const cached = cache.lookup(file.name, file.path, stats);
      revisions.push(cached ?? cache.remember(file.name, stats, readRevisionFile(file.path, file.format)));
    }
    cache.save();
  }
  return revisions;
}

export interface RevisionFile {
  /** The file's name within its location. */
  readonly name: string;
  readonly path: string;
  readonly format: RevisionFormat;
}

/** The revision files directly inside `location`, sorted by name in byte order. */
export function listRevisionFiles(folder: string): RevisionFile[] {
  const location = resolve(folder);
  let entries: Dirent[];
  try {
    entries = readdirSync(location, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) throw new VersionLocationNotFoundError(location);
    throw error;
  }
  const files: { name: string; format: RevisionFormat }[] = [];
  for (const entry of entries) {
    const format = revisionFormatOf(entry.name);
    if (format === null || !isFile(location, entry)) continue;
    files.push({ name: entry.name, format });
  }
  sortByUtf8Bytes(files);
  // Plain concatenation: `location` is already absolute and normalised, and `join` costs more than
  // the stat that follows when a history has thousands of files.
  const prefix = location.endsWith(sep) ? location : `${location}${sep}`;
  return files.map((file) => ({ name: file.name, path: `${prefix}${file.name}`, format: file.format }));
}

/** Reads one revision file's header. */
export function readRevisionFile(file: string, format: RevisionFormat): Revision {
  const path = resolve(file);
  const source = readSource(path);
  const header = format === 'sql' ? readSqlHeader(source, path) : readModuleHeader(source, path);
  return { ...header, path, format };
}

function isFile(location: string, entry: Dirent): boolean {
  if (entry.isFile()) return true;
  // A symlink counts when it points at a file; sub-folders never do.
  return (
    entry.isSymbolicLink() &&
    statSync(join(location, entry.name), { throwIfNoEntry: false })?.isFile() === true
  );
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

let readBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * `readFileSync` without its per-call allocation and `fstat`: one reused buffer, grown only for
 * an unusually large file. Measured on 10,000 revisions this halves the time spent reading.
 */
function readSource(path: string): string {
  const fd = openSync(path, 'r');
  try {
    let length = readSync(fd, readBuffer, 0, readBuffer.length, 0);
    if (length === readBuffer.length) {
      const size = fstatSync(fd).size;
      readBuffer = Buffer.allocUnsafe(Math.max(size + 1, readBuffer.length * 2));
      length = readSync(fd, readBuffer, 0, readBuffer.length, 0);
    }
    return readBuffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Sorts by the names' UTF-8 bytes, as `ls` in the C locale does. JavaScript's default order
 * compares UTF-16 code units, which agrees except for characters above U+FFFF; only names
 * holding surrogates need the slower comparison.
 */
function sortByUtf8Bytes(files: { name: string }[]): void {
  if (!files.some((file) => /[\uD800-\uDFFF]/.test(file.name))) {
    files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return;
  }
  const keys = new Map(files.map((file) => [file, Buffer.from(file.name)]));
  files.sort((a, b) => Buffer.compare(keys.get(a) ?? Buffer.alloc(0), keys.get(b) ?? Buffer.alloc(0)));
}
