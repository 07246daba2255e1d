import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TransformOptions } from 'esbuild';
import { cacheDirFor } from './cache-dir.js';
import { ModuleSyntaxError } from './errors.js';

/**
 * TypeScript → CommonJS with esbuild, cached on disk by content hash so that a warm start never
 * calls esbuild. The cache lives in `node_modules/.cache/ambix/` of the nearest package (where
 * build tools conventionally keep caches), or in the OS temp folder outside any installed package.
 */

// esbuild itself is loaded only on a cache miss: a warm start (every start after the first) never
// pays for it. Its version, part of every cache key, comes from its package.json.
const requireHere = createRequire(import.meta.url);
const esbuildVersion = (requireHere('esbuild/package.json') as { version: string }).version;
let esbuildModule: typeof import('esbuild') | undefined;
function esbuild(): typeof import('esbuild') {
  esbuildModule ??= requireHere('esbuild') as typeof import('esbuild');
  return esbuildModule;
}

/** Bump when the options below change, so old cache entries are not reused. */
const CACHE_FORMAT = 1;

/** Placeholders `import.meta.*` compile to; `requireTypeScript` defines them for each module. */
export const IMPORT_META_BINDINGS = {
  url: '__ambixImportMetaUrl',
  filename: '__ambixImportMetaFilename',
  dirname: '__ambixImportMetaDirname',
} as const;

const OPTIONS: TransformOptions = {
  loader: 'ts',
  format: 'cjs',
  target: 'node20',
  platform: 'node',
  logLevel: 'silent',
  define: {
    'import.meta.url': IMPORT_META_BINDINGS.url,
    'import.meta.filename': IMPORT_META_BINDINGS.filename,
    'import.meta.dirname': IMPORT_META_BINDINGS.dirname,
  },
};

const inMemory = new Map<string, string>();

/** The CommonJS code for a TypeScript source, from memory, the disk cache or esbuild. */
export function transpileTypeScript(file: string, source: string): string {
  const key = cacheKey(source);
  const cached = lookup(file, key);
  if (cached !== null) return cached;
  const code = transformNow(file, source);
  store(file, key, code);
  return code;
}

/**
 * Transpiles many files at once, ahead of loading them: esbuild works on them in parallel, where
 * one synchronous call per file would pay a round trip to esbuild each time. Files already
 * cached are skipped; a file that fails is left for `transpileTypeScript` to report when loaded.
 */
export async function transpileTypeScriptFiles(files: readonly string[]): Promise<void> {
  const transforms: Promise<void>[] = [];
  for (const file of files) {
    // Read synchronously: for many small files that beats the thread pool (see discovery.ts).
    const source = readSourceOrNull(file);
    if (source === null) continue;
    const key = cacheKey(source);
    if (lookup(file, key) !== null) continue;
    transforms.push(
      esbuild()
        .transform(source, { ...OPTIONS, sourcefile: file })
        .then(
          (result) => store(file, key, result.code),
          // Reported with its location when the file is loaded.
          () => undefined,
        ),
    );
  }
  await Promise.all(transforms);
}

function readSourceOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function cacheKey(source: string): string {
  return createHash('sha256').update(`${esbuildVersion}\0${CACHE_FORMAT}\0`).update(source).digest('hex');
}

function cacheFileFor(file: string, key: string): string {
  return join(cacheDirFor(dirname(file)), `${key}.js`);
}

function lookup(file: string, key: string): string | null {
  const remembered = inMemory.get(key);
  if (remembered !== undefined) return remembered;
  const code = readCached(cacheFileFor(file, key));
  if (code !== null) inMemory.set(key, code);
  return code;
}

function store(file: string, key: string, code: string): void {
  inMemory.set(key, code);
  writeCached(cacheFileFor(file, key), code);
}

function transformNow(file: string, source: string): string {
  try {
    return esbuild().transformSync(source, { ...OPTIONS, sourcefile: file }).code;
  } catch (error) {
    const first = (
      error as { errors?: { text: string; location: { line: number; column: number } | null }[] }
    ).errors?.[0];
    if (first === undefined) throw error;
    const location = first.location;
    throw new ModuleSyntaxError(
      file,
      location?.line ?? null,
      location === null ? null : location.column + 1,
      first.text,
      error,
    );
  }
}

function readCached(cacheFile: string): string | null {
  try {
    return readFileSync(cacheFile, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Best effort and in the background: writing a thousand small files costs more than loading
 * them, so nothing waits for it. A read-only or full disk, or a process that exits first, only
 * costs speed on the next start, never correctness (entries appear whole or not at all).
 */
function writeCached(cacheFile: string, code: string): void {
  const partial = `${cacheFile}.${process.pid}.${++writeCount}.tmp`;
  const write = ensureFolder(dirname(cacheFile))
    .then(() => writeFile(partial, code))
    .then(() => rename(partial, cacheFile))
    .catch(() => rm(partial, { force: true }).catch(() => undefined))
    .finally(() => pendingWrites.delete(write));
  pendingWrites.add(write);
}

/** Resolves when every cache entry written so far is on disk (for tests and tools). */
export async function flushTranspileCache(): Promise<void> {
  while (pendingWrites.size > 0) await Promise.all(pendingWrites);
}

let writeCount = 0;
const pendingWrites = new Set<Promise<unknown>>();
const createdFolders = new Map<string, Promise<unknown>>();

function ensureFolder(folder: string): Promise<unknown> {
  let created = createdFolders.get(folder);
  if (created === undefined) {
    created = mkdir(folder, { recursive: true });
    createdFolders.set(folder, created);
  }
  return created;
}
