import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ambixVersion } from '../package-info.js';
import { sha256Hex } from './sha256.js';

/**
 * The one rule every ambix cache follows (headers, transpiled code, module packs and
 * their V8 code caches). An entry is a header line and a payload:
 *
 *     ambix-cache <key digest> <payload length> <payload sha256>\n<payload>
 *
 * The key digest pins everything the payload depends on: what the caller says it was made from
 * (source digests, file identities, the transpiler and its options) and what made it — ambix's
 * version and the digest of ambix's own running code, Node's version, V8's and the architecture.
 * A read returns the payload only when the key matches and the payload's length and digest are
 * those recorded; anything else is a miss, so the caller rebuilds the entry from the source.
 * An entry that is there but damaged (empty, truncated, edited) also prints one warning line per
 * process; a stale or foreign one (another ambix, another Node) is silently replaced.
 *
 * Writes go to a temporary file that is synced before it is renamed over the entry: an entry is
 * whole or absent after a crash or a power loss, never empty or half written.
 */

const MAGIC = 'ambix-cache';
const MAX_HEADER = 256;

let identity: string | undefined;

/**
 * What made every entry: changes with any ambix build, Node release or V8 flag-independent ABI.
 * Computed on first use, so a process that never touches a cache never hashes ambix's code.
 */
function cacheIdentity(): string {
  identity ??= [
    `ambix ${ambixVersion()}`,
    `code ${runningCodeDigest()}`,
    `node ${process.version}`,
    `v8 ${process.versions.v8}`,
    process.platform,
    process.arch,
  ].join(' ');
  return identity;
}

/** The sha256 of the file this code runs from: in the built package the bundle chunk holding it. */
function runningCodeDigest(): string {
  try {
    return sha256Hex(readFileSync(fileURLToPath(import.meta.url)));
  } catch {
    return 'unknown';
  }
}

/** The digest an entry is stored under for `key` (what the payload was made from). */
export function entryKeyDigest(key: string): string {
  return sha256Hex(`${cacheIdentity()}\n${key}`);
}

/** The entry's payload when it is whole and was made for `key`; null otherwise (a miss). */
export function readCacheEntry(path: string, key: string): Buffer | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  const end = bytes.indexOf(10);
  const header = end < 0 || end > MAX_HEADER ? null : bytes.toString('latin1', 0, end).split(' ');
  if (header === null || header.length !== 4 || header[0] !== MAGIC) {
    warnDamaged(path);
    return null;
  }
  if (header[1] !== entryKeyDigest(key)) return null;
  const payload = bytes.subarray(end + 1);
  if (String(payload.length) !== header[2] || sha256Hex(payload) !== header[3]) {
    warnDamaged(path);
    return null;
  }
  return payload;
}

/** Like `readCacheEntry`, as UTF-8 text. */
export function readCacheText(path: string, key: string): string | null {
  return readCacheEntry(path, key)?.toString('utf8') ?? null;
}

/**
 * Stores `payload` as the entry for `key`, atomically and durably. Best effort: a read-only or
 * full disk only costs the next start the work the entry would have saved, never a result.
 */
export function writeCacheEntry(path: string, key: string, payload: string | Uint8Array): void {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = `${MAGIC} ${entryKeyDigest(key)} ${data.length} ${sha256Hex(data)}\n`;
  const partial = `${path}.${process.pid}.${++writeCount}.tmp`;
  let fd: number | null = null;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(partial, 'w');
    writeSync(fd, header);
    writeSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(partial, path);
  } catch {
    try {
      if (fd !== null) closeSync(fd);
      rmSync(partial, { force: true });
    } catch {
      // Nothing more to do for a cache.
    }
  }
}

let writeCount = 0;
let warned = false;

/** One line per process, however many entries are damaged: the run itself is unaffected. */
function warnDamaged(path: string): void {
  if (warned) return;
  warned = true;
  process.stderr.write(`ambix: ignored a damaged cache entry (${path}); it is rebuilt from the source.\n`);
}
