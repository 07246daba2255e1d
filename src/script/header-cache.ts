import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirFor } from '../loader/cache-dir.js';
import { readCacheText, writeCacheEntry } from '../loader/cache-entry.js';
import { identityOf, SETTLE_MS, type StatIdentity, sameIdentity, settled } from '../loader/file-identity.js';
import { layerOn } from '../loader/layers.js';
import { sha256Hex } from '../loader/sha256.js';
import type { Revision, RevisionFormat } from './revision.js';

/**
 * Revision headers remembered between commands, one cache entry per version location (stored
 * and checked as every ambix cache is: see loader/cache-entry.ts).
 *
 * Reading a large history means opening, reading and scanning thousands of files on every
 * command (and on every app start's no-op `upgrade head`). An entry is reused only while its
 * file's full stat identity (size, mtime, ctime, inode) is unchanged, and recorded only for a file
 * left alone for the settle window before it was read (see loader/file-identity.ts), so an edited
 * header is always read again, even with its mtime restored; the cache only saves the read and
 * the scan, never a stat. The header reader's own code is part of the key, so a changed reader
 * never trusts entries the old one wrote.
 */

/** What a file's entry is checked against: the file's current stat identity. */
export type FileStamp = StatIdentity;

/** A header is remembered only when its file had not changed for this long before it was read. */
export const HEADER_SETTLE_MS = SETTLE_MS;

/**
 * The stored form: one array per field, entries at the same index, in the order they were
 * looked up (the load order). Parallel arrays of strings and numbers parse several times faster
 * than an object keyed by file name, and a history of 10,000 revisions is parsed on every command.
 * An empty list is stored as 0 and a single id as the bare string, so most entries allocate no
 * arrays at all.
 */
interface CacheFile {
  readonly reader: string;
  /** The version location, so two locations whose names hash alike never share entries. */
  readonly location: string;
  readonly names: string[];
  readonly sizes: number[];
  readonly mtimes: number[];
  readonly ctimes: number[];
  readonly inos: number[];
  readonly ids: string[];
  readonly downRevisions: StoredList[];
  readonly branchLabels: StoredList[];
  readonly dependsOn: StoredList[];
  readonly messages: (string | null)[];
  readonly createDates: (string | null)[];
}

type StoredList = 0 | string | readonly string[];

/** Below this many files a location is not cached. */
export const MIN_CACHED_FILES = 100;

const NONE: readonly string[] = Object.freeze([]);

/**
 * The header reader's code, by digest: header.ts when running from source (tests); in the built
 * package the reader is bundled, and the file this code runs from stands for it.
 */
const readerStamp = (() => {
  for (const file of [
    fileURLToPath(new URL('./header.ts', import.meta.url)),
    fileURLToPath(new URL('./header-cache.ts', import.meta.url)),
    fileURLToPath(import.meta.url),
  ]) {
    try {
      return sha256Hex(readFileSync(file));
    } catch {
      // Not there in this layout: try the next.
    }
  }
  return 'unknown';
})();

function emptyCacheFile(location: string): CacheFile {
  return {
    reader: readerStamp,
    location,
    names: [],
    sizes: [],
    mtimes: [],
    ctimes: [],
    inos: [],
    ids: [],
    downRevisions: [],
    branchLabels: [],
    dependsOn: [],
    messages: [],
    createDates: [],
  };
}

export class HeaderCache {
  readonly #file: string;
  readonly #previous: Readonly<CacheFile>;
  /** Built only when a file is not where the previous run saw it (files added or removed). */
  #indexByName: Map<string, number> | null = null;
  readonly #current: CacheFile;
  #changed = false;

  private constructor(file: string, location: string, previous: CacheFile) {
    this.#file = file;
    this.#previous = previous;
    this.#current = emptyCacheFile(location);
  }

  /** The cache of one version location (absolute path); empty when none is stored or it is unreadable. */
  static open(location: string): HeaderCache {
    const file = join(cacheDirFor(location), `headers-${fileNameHash(location)}.json.ambix`);
    const previous = layerOn('header-cache') ? readCacheFile(file, location) : emptyCacheFile(location);
    return new HeaderCache(file, location, previous);
  }

  /**
   * The remembered header of the file `name` at `path`, if its stat identity still matches `stamp`.
   * The format is not stored: it follows from the name, as `format` does.
   */
  lookup(name: string, path: string, stamp: FileStamp, format: RevisionFormat): Revision | null {
    const previous = this.#previous;
    // Files are looked up in load order, as they were stored: usually the entry is at the same place.
    let at = this.#current.names.length;
    if (previous.names[at] !== name) {
      this.#indexByName ??= new Map(previous.names.map((stored, index) => [stored, index]));
      const found = this.#indexByName.get(name);
      if (found === undefined) return null;
      at = found;
    }
    const stored = identityOf({
      size: previous.sizes[at]!,
      mtimeMs: previous.mtimes[at]!,
      ctimeMs: previous.ctimes[at]!,
      ino: previous.inos[at]!,
    });
    if (!sameIdentity(stored, stamp)) return null;
    const revision: Revision = {
      id: previous.ids[at]!,
      downRevisions: listOf(previous.downRevisions[at]!),
      branchLabels: listOf(previous.branchLabels[at]!),
      dependsOn: listOf(previous.dependsOn[at]!),
      message: previous.messages[at]!,
      createDate: previous.createDates[at]!,
      path,
      format,
    };
    if (at !== this.#current.names.length) this.#changed = true;
    this.#append(name, stamp, revision);
    return revision;
  }

  /**
   * Remembers the header just read from the file `name`, whose stat was `stamp` before it was read
   * at `readAtMs` or later. A file changed within the settle window is not remembered: a change
   * within its timestamps' resolution could keep its stat identity.
   */
  remember(name: string, stamp: FileStamp, revision: Revision, readAtMs: number): Revision {
    this.#changed = true;
    if (settled(stamp, readAtMs)) this.#append(name, stamp, revision);
    return revision;
  }

  #append(name: string, stamp: FileStamp, revision: Revision): void {
    const current = this.#current;
    current.names.push(name);
    current.sizes.push(stamp.size);
    current.mtimes.push(stamp.mtimeMs);
    current.ctimes.push(stamp.ctimeMs);
    current.inos.push(stamp.ino);
    current.ids.push(revision.id);
    current.downRevisions.push(storedList(revision.downRevisions));
    current.branchLabels.push(storedList(revision.branchLabels));
    current.dependsOn.push(storedList(revision.dependsOn));
    current.messages.push(revision.message);
    current.createDates.push(revision.createDate);
  }

  /**
   * Writes the entries used this time (forgetting deleted files), if anything changed. A small
   * location is read faster than the cache file would be, so it leaves no cache file behind.
   */
  save(): void {
    const count = this.#current.names.length;
    if (count < MIN_CACHED_FILES || !layerOn('header-cache')) return;
    if (!this.#changed && this.#previous.names.length === count) return;
    // Best effort: a read-only or full disk only costs the next command a full read.
    writeCacheEntry(this.#file, entryKey(this.#current.location), JSON.stringify(this.#current));
  }
}

function listOf(stored: StoredList): readonly string[] {
  if (stored === 0) return NONE;
  return typeof stored === 'string' ? [stored] : stored;
}

function storedList(list: readonly string[]): StoredList {
  if (list.length === 0) return 0;
  return list.length === 1 ? list[0]! : list;
}

const COLUMNS = [
  'names',
  'sizes',
  'mtimes',
  'ctimes',
  'inos',
  'ids',
  'downRevisions',
  'branchLabels',
  'dependsOn',
  'messages',
  'createDates',
] as const satisfies readonly (keyof CacheFile)[];

/** The stored cache, or an empty one when it is missing, unreadable, from another reader or malformed. */
function readCacheFile(file: string, location: string): CacheFile {
  let content: Partial<CacheFile> | null;
  try {
    const text = readCacheText(file, entryKey(location));
    if (text === null) return emptyCacheFile(location);
    content = JSON.parse(text) as Partial<CacheFile> | null;
  } catch {
    return emptyCacheFile(location);
  }
  if (
    content === null ||
    typeof content !== 'object' ||
    content.reader !== readerStamp ||
    content.location !== location
  ) {
    return emptyCacheFile(location);
  }
  const length = Array.isArray(content.names) ? content.names.length : -1;
  const wellFormed = COLUMNS.every((column) => {
    const values = content[column];
    return Array.isArray(values) && values.length === length;
  });
  return wellFormed ? (content as CacheFile) : emptyCacheFile(location);
}

/** What a location's entry is keyed on besides what made it (ambix, Node): the reader and the location. */
function entryKey(location: string): string {
  return `headers ${readerStamp} ${location}`;
}

/**
 * 64 bits of FNV-1a over the location, as hex: a short, stable file name. A collision only costs
 * cache misses, since the entry is keyed on its location.
 */
function fileNameHash(text: string): string {
  let low = 0x84222325;
  let high = 0xcbf29ce4;
  for (let index = 0; index < text.length; index++) {
    low = (low ^ text.charCodeAt(index)) >>> 0;
    // Multiply the 64-bit value by the FNV prime 2^40 + 0x1b3, in 32-bit halves.
    const lowProduct = low * 0x1b3;
    const carry = Math.floor(lowProduct / 0x100000000);
    high = (high * 0x1b3 + (low << 8) + carry) >>> 0;
    low = lowProduct >>> 0;
  }
  return `${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}`;
}
