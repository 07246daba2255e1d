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

/** What a remembered directory listing is checked against: the folder's own stat identity. */
export type DirectoryStamp = Pick<StatIdentity, 'mtimeMs' | 'ctimeMs' | 'ino'>;

/**
 * The names in the location as last listed (all of them, sorted), valid while the directory's
 * mtime, ctime and inode are unchanged: adding, removing or renaming an entry changes the times.
 * Edits inside a file do not, which is why every file is still checked by its own stat.
 */
interface Listing {
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  readonly names: string[];
}

/** A listing or a header is remembered only when it had not changed for this long before it was read. */
export const LISTING_SETTLE_MS = SETTLE_MS;

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
  listing: Listing | null;
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
    listing: null,
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

  /** The remembered names (sorted), if the directory is unchanged since they were read. */
  listing(directory: DirectoryStamp): readonly string[] | null {
    const listing = this.#previous.listing;
    if (!layerOn('listing-cache')) {
      // Benchmarking without it: left as it was for the runs with it.
      this.#current.listing = listing;
      return null;
    }
    if (
      listing === null ||
      listing.mtimeMs !== directory.mtimeMs ||
      listing.ctimeMs !== directory.ctimeMs ||
      listing.ino !== directory.ino
    ) {
      return null;
    }
    this.#current.listing = listing;
    return listing.names;
  }

  /**
   * Remembers the names read from the directory, whose times were `directory` just
   * before it was read at `listedAtMs` (a `Date.now()` taken before that stat).
   */
  rememberListing(directory: DirectoryStamp, names: readonly string[], listedAtMs: number): void {
    if (!layerOn('listing-cache')) return;
    if (!settled(directory, listedAtMs)) {
      // A stale listing never matches again; forgetting it spares the next command its load.
      if (this.#previous.listing !== null) this.#changed = true;
      return;
    }
    this.#current.listing = {
      mtimeMs: directory.mtimeMs,
      ctimeMs: directory.ctimeMs,
      ino: directory.ino,
      names: [...names],
    };
    this.#changed = true;
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
    writeCacheEntry(this.#file, entryKey(this.#current.location), JSON.stringify(storedForm(this.#current)));
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

/**
 * What is written: `names` is left out (null) when it is the listing's names, as it is in a
 * location holding nothing but revisions, so 10,000 names are not parsed twice.
 */
function storedForm(cache: CacheFile): Omit<CacheFile, 'names'> & { names: string[] | null } {
  const listed = cache.listing?.names;
  const same =
    listed !== undefined &&
    listed.length === cache.names.length &&
    listed.every((name, index) => name === cache.names[index]);
  return same ? { ...cache, names: null } : cache;
}

/** The stored cache, or an empty one when it is missing, unreadable, from another reader or malformed. */
function readCacheFile(file: string, location: string): CacheFile {
  let content: Partial<CacheFile> | null;
  try {
    const text = readCacheText(file, entryKey(location));
    if (text === null) return emptyCacheFile(location);
    const stored = JSON.parse(text) as ReturnType<typeof storedForm> | null;
    content =
      stored?.names === null && Array.isArray(stored.listing?.names)
        ? { ...stored, names: stored.listing.names }
        : (stored as Partial<CacheFile> | null);
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
  const listing = content.listing;
  const wellFormed =
    COLUMNS.every((column) => {
      const values = content[column];
      return Array.isArray(values) && values.length === length;
    }) &&
    (listing === null ||
      (typeof listing === 'object' &&
        listing !== undefined &&
        typeof listing.mtimeMs === 'number' &&
        typeof listing.ctimeMs === 'number' &&
        typeof listing.ino === 'number' &&
        Array.isArray(listing.names)));
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
