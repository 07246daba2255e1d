import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TransformOptions } from 'esbuild';
import { cacheDirFor } from './cache-dir.js';
import { readCacheText, writeCacheEntry } from './cache-entry.js';
import { ModuleSyntaxError } from './errors.js';
import { layerOn } from './layers.js';
import { sha256Hex } from './sha256.js';
import type { SourceBytes } from './source-digest.js';

/**
 * TypeScript → CommonJS with esbuild, cached on disk (see cache-entry.ts) under the source's
 * sha256, esbuild's version and the options below, so that a later start loading the same few
 * files (a config file, the revisions of a small upgrade) never starts esbuild. The cache lives in
 * `node_modules/.cache/ambix/` of the nearest package (where build tools conventionally keep
 * caches), or in the OS temp folder outside any installed package. Sets large enough for a module
 * pack are cached as the pack instead (one entry, not one synced write per file), and do not look
 * here at all: 1,000 lookups that miss cost some 7% of a cold run's CPU (bench/layers.mjs).
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

/** What shapes transpiled code besides its source: esbuild's version and the options above. */
export const TRANSPILER = `esbuild ${esbuildVersion} ${sha256Hex(JSON.stringify(OPTIONS))}`;

const inMemory = new Map<string, string>();

export interface TranspiledCode {
  readonly code: string;
  /** Names the code among cache entries: a digest of the source and the transpiler's version. */
  readonly key: string;
  /** Transpiled by this process (a cold start), not found in the cache. */
  readonly fresh: boolean;
}

/** The CommonJS code for a TypeScript source, from memory, the disk cache or esbuild. */
export function transpileTypeScript(file: string, source: SourceBytes): TranspiledCode {
  const key = cacheKey(source.sha256);
  const cached = lookup(file, key, true);
  if (cached !== null) return { code: cached, key, fresh: false };
  const code = transformNow(file, source.bytes.toString('utf8'));
  store(file, key, code, true);
  return { code, key, fresh: true };
}

/**
 * Transpiles many sources at once, ahead of loading them: esbuild works on them in parallel,
 * where one synchronous call per file would pay a round trip to esbuild each time (most of a
 * cold start). Sources already cached cost one cache read. Resolves, in order, with each code,
 * or null for a source that does not compile, left for `transpileTypeScript` to report.
 */
export async function transpileTypeScriptSources(
  sources: readonly { readonly file: string; readonly source: SourceBytes }[],
  options: { readonly onDisk: boolean },
): Promise<(TranspiledCode | null)[]> {
  return Promise.all(
    sources.map(async ({ file, source }) => {
      const key = cacheKey(source.sha256);
      const cached = lookup(file, key, options.onDisk);
      if (cached !== null) return { code: cached, key, fresh: false };
      try {
        const { code } = await esbuild().transform(source.bytes.toString('utf8'), {
          ...OPTIONS,
          sourcefile: file,
        });
        store(file, key, code, options.onDisk);
        return { code, key, fresh: true };
      } catch {
        return null;
      }
    }),
  );
}

/** The source's digest (taken once per file, also for the history) and what else shapes the code. */
function cacheKey(sourceSha256: string): string {
  return `transpiled ${sourceSha256} ${TRANSPILER}`;
}

/** The entry's name: the source's digest (its key says the rest, and is checked on reading). */
function cacheFileFor(file: string, sourceSha256: string): string {
  return join(cacheDirFor(dirname(file)), `${sourceSha256}.js.ambix`);
}

function lookup(file: string, key: string, onDisk: boolean): string | null {
  const remembered = inMemory.get(key);
  if (remembered !== undefined) return remembered;
  if (!onDisk || !layerOn('transpile-cache')) return null;
  const code = readCacheText(cacheFileFor(file, sourceDigestOf(key)), key);
  if (code !== null) inMemory.set(key, code);
  return code;
}

function store(file: string, key: string, code: string, onDisk: boolean): void {
  inMemory.set(key, code);
  if (onDisk && layerOn('transpile-cache'))
    writeCacheEntry(cacheFileFor(file, sourceDigestOf(key)), key, code);
}

function sourceDigestOf(key: string): string {
  return key.split(' ')[1]!;
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
