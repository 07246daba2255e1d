import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirFor } from '../loader/cache-dir.js';
import type { Revision } from './revision.js';

/**
 * Revision headers remembered between commands, one cache file per version location.
 *
 * Reading a large history means opening, reading and scanning thousands of files on every
 * command (and on every app start's no-op `upgrade head`). An entry is reused only while its
 * file's size and modification time are unchanged, so an edited header is always read again;
 * the cache only saves the read and the scan, never a stat. The header reader's own build is
 * part of the key, so a changed reader never trusts entries the old one wrote.
 */
/**
 * One file's entry, keyed by its name within the location. A tuple rather than an object because a
 * history of 10,000 revisions is parsed from this file on every command.
 */
type Entry = readonly [
  size: number,
  mtimeMs: number,
  id: string,
  downRevisions: readonly string[],
  branchLabels: readonly string[],
  dependsOn: readonly string[],
  message: string | null,
  createDate: string | null,
  format: Revision['format'],
];

interface CacheFile {
  readonly reader: string;
  readonly entries: Record<string, Entry>;
}

/** Below this many files a location is not cached. */
export const MIN_CACHED_FILES = 100;

const readerStamp = (() => {
  // header.js in the built package; header.ts when running from source (tests).
  for (const name of ['./header.js', './header.ts']) {
    const stats = statSync(fileURLToPath(new URL(name, import.meta.url)), { throwIfNoEntry: false });
    if (stats !== undefined) return `${stats.size}:${stats.mtimeMs}`;
  }
  return 'unknown';
})();

export class HeaderCache {
  readonly #file: string;
  readonly #previous: Readonly<Record<string, Entry>>;
  readonly #current: Record<string, Entry> = {};
  #changed = false;

  private constructor(file: string, previous: Readonly<Record<string, Entry>>) {
    this.#file = file;
    this.#previous = previous;
  }

  /** The cache of one version location (absolute path); empty when none is stored or it is unreadable. */
  static open(location: string): HeaderCache {
    const name = createHash('sha256').update(location).digest('hex').slice(0, 24);
    const file = join(cacheDirFor(location), `headers-${name}.json`);
    return new HeaderCache(file, readEntries(file));
  }

  /** The remembered header of the file `name` at `path`, if its size and mtime still match `stats`. */
  lookup(name: string, path: string, stats: Stats): Revision | null {
    const entry = this.#previous[name];
    if (entry === undefined || entry[0] !== stats.size || entry[1] !== stats.mtimeMs) return null;
    this.#current[name] = entry;
    const [, , id, downRevisions, branchLabels, dependsOn, message, createDate, format] = entry;
    return { id, downRevisions, branchLabels, dependsOn, message, createDate, path, format };
  }

  remember(name: string, stats: Stats, revision: Revision): Revision {
    const { id, downRevisions, branchLabels, dependsOn, message, createDate, format } = revision;
    this.#current[name] = [
      stats.size,
      stats.mtimeMs,
      id,
      downRevisions,
      branchLabels,
      dependsOn,
      message,
      createDate,
      format,
    ];
    this.#changed = true;
    return revision;
  }

  /**
   * Writes the entries used this time (forgetting deleted files), if anything changed. A small
   * location is read faster than the cache file would be, so it leaves no cache file behind.
   */
  save(): void {
    const count = Object.keys(this.#current).length;
    if (count < MIN_CACHED_FILES) return;
    const removed = Object.keys(this.#previous).length !== count;
    if (!this.#changed && !removed) return;
    const content: CacheFile = { reader: readerStamp, entries: this.#current };
    const partial = `${this.#file}.${process.pid}.tmp`;
    try {
      mkdirSync(join(this.#file, '..'), { recursive: true });
      writeFileSync(partial, JSON.stringify(content));
      renameSync(partial, this.#file);
    } catch {
      // A read-only or full disk only costs the next command a full read.
    }
  }
}

function readEntries(file: string): Readonly<Record<string, Entry>> {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    return content.reader === readerStamp && typeof content.entries === 'object' ? content.entries : {};
  } catch {
    return {};
  }
}
