import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';
import { cacheDirFor } from './cache-dir.js';
import { writeCacheEntry } from './cache-write.js';
import { sha256Hex } from './sha256.js';
import { IMPORT_META_BINDINGS } from './transpile.js';

/**
 * Runs transpiled CommonJS through V8's code cache: the bytecode V8 compiled on an earlier start
 * is stored next to esbuild's output and handed back to V8, which then skips parsing and
 * compiling. A fresh database runs every revision once, so compiling them is a real share of the
 * run. The cache is an optimisation only: an entry that is missing, damaged or rejected by V8
 * (another Node version or other V8 flags) is ignored and written anew.
 */

/**
 * Node's own CommonJS wrapper plus the `import.meta` bindings, all on the first line so that line
 * numbers stay those of the code. The bindings are parameters, so the compiled code depends on
 * the module's code alone; the file name goes in as an inert string at the end (see `wrap`).
 */
export const WRAPPER_HEAD = `(function (exports, require, module, __filename, __dirname, ${IMPORT_META_BINDINGS.url}, ${IMPORT_META_BINDINGS.filename}, ${IMPORT_META_BINDINGS.dirname}) {`;

/** Bump when the wrapper or the entry layout changes. */
const CODE_CACHE_FORMAT = 1;

// `zlib.crc32` arrived in Node 20.15; without it the cache is not used at all.
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/**
 * `import()` inside code compiled by `vm.Script` needs a loader callback that Node 20 marks
 * experimental: such modules keep going through Node's own CommonJS compiler.
 */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** Whether `code` can be compiled through `vm.Script` with a code cache at all. */
export function codeCacheable(code: string): boolean {
  return crc32 !== undefined && !DYNAMIC_IMPORT.test(code);
}

export type CommonJsWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: unknown,
  filename: string,
  dirname: string,
  importMetaUrl: string,
  importMetaFilename: string,
  importMetaDirname: string,
) => void;

export interface CachedCompilation {
  readonly wrapper: CommonJsWrapper;
  /** Call once the module body has run: stores the bytecode compiled so far when needed. */
  readonly remember: () => void;
}

/**
 * Compiles `code` (a CommonJS module's code, run as `file`) into a module wrapper function,
 * using and filling the code cache. `codeKey` names the code (its transpile cache key): V8 checks
 * only the length of the source against an entry, so the entry's name must pin the code and the
 * file exactly. Returns null when the cache cannot serve this module; the caller then compiles
 * it the usual way.
 */
export function compileWithCodeCache(file: string, code: string, codeKey: string): CachedCompilation | null {
  if (!codeCacheable(code)) return null;
  // The file is part of the name: V8 keeps the script name inside an entry.
  const entry = join(
    cacheDirFor(dirname(file)),
    `${codeKey}.${sha256Hex(file)}.v8-${process.versions.v8}-${process.arch}-${CODE_CACHE_FORMAT}.v8`,
  );
  const cachedData = readEntry(entry);
  const script = new Script(wrap(file, code), {
    filename: file,
    ...(cachedData === null ? {} : { cachedData }),
  });
  const wrapper = script.runInThisContext() as CommonJsWrapper;
  const fresh = cachedData === null || script.cachedDataRejected === true;
  return {
    wrapper,
    remember: () => {
      if (fresh) writeEntry(entry, script.createCachedData());
    },
  };
}

/**
 * Two files with the same code must not share one compiled script in V8's in-process cache, or
 * stack traces of the second would name the first: the trailing string keeps their sources
 * apart. It is a no-op statement, so the bytecode does not depend on it.
 */
function wrap(file: string, code: string): string {
  return `${WRAPPER_HEAD}${code}\n;${JSON.stringify(file)}\n})`;
}

/**
 * An entry is the V8 data followed by its CRC-32: release builds of V8 do not verify the data
 * they are given, and damaged bytecode must never reach it.
 */
export function readEntry(entry: string): Buffer | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(entry);
  } catch {
    return null;
  }
  if (crc32 === undefined || bytes.length <= 4) return null;
  const data = bytes.subarray(0, bytes.length - 4);
  return crc32(data) === bytes.readUInt32LE(bytes.length - 4) ? data : null;
}

export function writeEntry(entry: string, data: Buffer): void {
  if (crc32 === undefined) return;
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32LE(crc32(data));
  writeCacheEntry(entry, Buffer.concat([data, trailer]));
}
