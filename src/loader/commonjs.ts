import { existsSync, type Stats, statSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  forgetPackedModule,
  loadPack,
  MIN_PACKED_MODULES,
  type PackMember,
  packedModule,
  restorePackedStack,
  statFiles,
  writePack,
} from './module-pack.js';
import {
  forgetSourceDigest,
  readSourceBytes,
  readSourceDigest,
  rememberSourceDigest,
  unchangedSince,
} from './source-digest.js';
import {
  IMPORT_META_BINDINGS,
  type TranspiledCode,
  transpileTypeScript,
  transpileTypeScriptSources,
} from './transpile.js';
import { type CommonJsWrapper, packable } from './wrapper.js';

/**
 * Runs transpiled TypeScript as a CommonJS module under its ORIGINAL file name, so `require`
 * resolves relative paths and packages from the file's own folder exactly as Node would.
 * Three additions to Node's `require` inside these modules:
 * - `ambix` resolves to the running ambix library (ambix is ESM-only and Node 20 cannot
 *   `require()` ESM; sharing the instance also keeps `instanceof` checks working);
 * - relative imports of TypeScript files (`./helpers`, `./helpers.js` meaning `helpers.ts`) are
 *   compiled the same way;
 * - everything else goes to Node unchanged.
 */

/** The parts of Node's CommonJS `Module` that are not in its public typings. */
interface InternalModule extends Module {
  _compile(code: string, filename: string): void;
  require(id: string): unknown;
  exports: unknown;
  filename: string;
  paths: string[];
  loaded: boolean;
}

interface InternalModuleClass {
  new (id: string, parent?: Module | null): InternalModule;
  _nodeModulePaths(folder: string): string[];
  _cache: NodeJS.Require['cache'];
  _extensions: NodeJS.Require['extensions'];
  prototype: { require(this: InternalModule, id: string): unknown };
}

const NodeModule = Module as unknown as InternalModuleClass;

const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts'];
/** Import specifiers written with a JavaScript extension that may name a TypeScript file. */
const JS_TO_TS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** Transpiled code by file name: read and hashed once per process, however often it is asked for. */
const codeByFile = new Map<string, TranspiledCode>();

function transpiled(file: string): TranspiledCode {
  let entry = codeByFile.get(file);
  if (entry === undefined) {
    entry = transpileTypeScript(file, readSourceBytes(file));
    codeByFile.set(file, entry);
  }
  return entry;
}

/**
 * Reads and transpiles, in one parallel batch, the TypeScript files about to be loaded, so that
 * loading them finds their code in memory. Files that cannot be read or compiled are skipped:
 * loading them reports the error.
 */
export async function prepareTypeScriptFiles(files: readonly string[]): Promise<void> {
  const pending = files.filter((file) => !refreshTypeScriptFile(file));
  const stats = pending.length >= MIN_PACKED_MODULES ? statFiles(pending) : null;
  if (stats !== null && loadPack(pending, stats)) {
    pending.forEach((file, i) => {
      // A member checked by its content was read, and recorded as it was read, just now.
      if (readSourceDigest(file) === undefined)
        rememberSourceDigest(file, packedModule(file)!.sha256, stats[i]!);
    });
    return;
  }
  // A set big enough for a pack is cached as the pack: one entry, not one synced write per file.
  await transpileFiles(pending, { onDisk: stats === null });
  if (stats !== null) packTranspiled(pending, stats);
}

/**
 * Whether what this process holds of `file` (its code, its compiled module and those of the
 * TypeScript modules it required) is still what is on disk; forgets it when not, so the next load
 * reads it afresh. False for a file not loaded yet.
 */
export function refreshTypeScriptFile(file: string): boolean {
  if (upToDate(file, new Set())) return true;
  forgetModule(file);
  return false;
}

function upToDate(file: string, visiting: Set<string>): boolean {
  if (visiting.has(file)) return true;
  visiting.add(file);
  if (!codeByFile.has(file) && packedModule(file) === undefined) return false;
  if (!unchangedSince(file)) return false;
  const loaded = compiled.get(file);
  return loaded === undefined || [...loaded.requires].every((dependency) => upToDate(dependency, visiting));
}

function forgetModule(file: string): void {
  compiled.delete(file);
  codeByFile.delete(file);
  forgetPackedModule(file);
  forgetSourceDigest(file);
}

async function transpileFiles(
  files: readonly string[],
  options: { readonly onDisk: boolean },
): Promise<void> {
  const sources = files
    .filter((file) => !codeByFile.has(file))
    .flatMap((file) => {
      try {
        return [{ file, source: readSourceBytes(file) }];
      } catch {
        return [];
      }
    });
  const results = await transpileTypeScriptSources(sources, options);
  results.forEach((result, index) => {
    const file = sources[index]!.file;
    if (result !== null && !codeByFile.has(file)) codeByFile.set(file, result);
  });
}

/**
 * Packs the modules just transpiled (see module-pack.ts) so the next start loads them as one
 * script, and loads that pack now. Skipped when one of them did not compile or cannot be packed.
 */
function packTranspiled(files: readonly string[], stats: readonly Stats[]): void {
  const members: PackMember[] = [];
  for (const file of files) {
    const code = codeByFile.get(file)?.code;
    const sha256 = readSourceDigest(file);
    if (code === undefined || sha256 === undefined || !packable(code)) return;
    members.push({ file, code, sha256, requiresAmbix: requiresAmbixOrRelative(code) });
  }
  writePack(members, stats);
}

/**
 * Whether code can reach `require('ambix')`: it requires ambix, or a relative module (which might).
 * See `loadModule`.
 */
function requiresAmbixOrRelative(code: string): boolean {
  return /\brequire\((["'])(ambix|\.{1,2}\/[^"']*)\1\)/.test(code);
}

/** Whether the module at `file` may require ambix: from its pack when packed, else from its code. */
export function mayRequireAmbix(file: string): boolean {
  const packed = packedModule(file);
  return packed === undefined ? requiresAmbixOrRelative(typeScriptCode(file)) : packed.requiresAmbix;
}

/** The CommonJS code of the TypeScript file at `file` (from memory, the disk cache or esbuild). */
export function typeScriptCode(file: string): string {
  return transpiled(file).code;
}

/**
 * Compiled modules by file name, so a helper shared by many revisions is evaluated once, with the
 * TypeScript modules each required (a module is evaluated again when one of them changed).
 */
const compiled = new Map<string, { readonly module: InternalModule; readonly requires: Set<string> }>();

/** The running ambix library, as far as it is loaded: see `loadModule`. */
export type AmbixProvider = () => unknown;

/** Compiles (or returns the already compiled) TypeScript module at `file`; returns its exports. */
export function requireTypeScript(file: string, ambix: AmbixProvider): unknown {
  const existing = compiled.get(file);
  if (existing !== undefined) return existing.module.exports;
  const module = new NodeModule(file, null);
  module.filename = file;
  module.paths = nodeModulePaths(dirname(file));
  const requires = new Set<string>();
  module.require = (id: string) => requireFrom(module, requires, id, ambix);
  compiled.set(file, { module, requires });
  const packed = packedModule(file);
  if (packed !== undefined) {
    try {
      runWrapper(packed.wrapper, module, file);
    } catch (error) {
      forgetModule(file);
      restorePackedStack(error);
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }
  const { code } = transpiled(file);
  try {
    // The prelude stays on the first line so esbuild's line numbers still match the source.
    module._compile(importMetaPrelude(file) + code, file);
  } catch (error) {
    // A module that failed may be fixed and loaded again: read it afresh then.
    forgetModule(file);
    throw error;
  }
  module.loaded = true;
  return module.exports;
}

const nodeModulePathsByFolder = new Map<string, readonly string[]>();

/** Node's `node_modules` search list for a folder, worked out once per folder (revisions share one). */
function nodeModulePaths(folder: string): string[] {
  let paths = nodeModulePathsByFolder.get(folder);
  if (paths === undefined) {
    paths = NodeModule._nodeModulePaths(folder);
    nodeModulePathsByFolder.set(folder, paths);
  }
  return [...paths];
}

/** Runs a module body compiled with the CommonJS wrapper plus the `import.meta` bindings. */
function runWrapper(wrapper: CommonJsWrapper, module: InternalModule, file: string): void {
  const folder = dirname(file);
  wrapper.call(
    module.exports,
    module.exports,
    requireFunction(module),
    module,
    file,
    folder,
    fileUrl(file),
    file,
    folder,
  );
}

/**
 * The `require` a module body receives, as Node's own compiler builds it: `require(id)` goes
 * through `module.require`, the rest through a standard require for the file, made on first use.
 * Plain property writes: a thousand revisions each get one, so `Object.assign` and property
 * descriptors showed in the profile.
 */
function requireFunction(module: InternalModule): NodeJS.Require {
  let standard: NodeJS.Require | undefined;
  const nodeRequire = () => {
    standard ??= createRequire(module.filename);
    return standard;
  };
  const resolve = ((request: string, options?: { paths?: string[] }) =>
    nodeRequire().resolve(request, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => nodeRequire().resolve.paths(request);
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  require.resolve = resolve;
  require.cache = NodeModule._cache;
  require.extensions = NodeModule._extensions;
  // What Node's own `require.main` is: the entry module of the process.
  require.main = process.mainModule;
  return require;
}

function requireFrom(
  module: InternalModule,
  requires: Set<string>,
  id: string,
  ambix: AmbixProvider,
): unknown {
  if (id === 'ambix') return ambix();
  const typescriptFile = resolveTypeScriptImport(dirname(module.filename), id);
  if (typescriptFile !== null) {
    requires.add(typescriptFile);
    refreshTypeScriptFile(typescriptFile);
    return requireTypeScript(typescriptFile, ambix);
  }
  return NodeModule.prototype.require.call(module, id);
}

/** The TypeScript file a relative or absolute specifier names, or null to let Node resolve it. */
function resolveTypeScriptImport(folder: string, id: string): string | null {
  if (!(id.startsWith('./') || id.startsWith('../') || id === '.' || id === '..' || isAbsolute(id)))
    return null;
  const target = resolve(folder, id);
  const extension = extname(target);
  if (TYPESCRIPT_EXTENSIONS.includes(extension)) return isFile(target) ? target : null;
  if (isFile(target)) return null;
  const base = target.slice(0, target.length - extension.length);
  for (const replacement of JS_TO_TS[extension] ?? []) {
    if (isFile(base + replacement)) return base + replacement;
  }
  for (const candidate of [
    ...TYPESCRIPT_EXTENSIONS.map((ext) => target + ext),
    ...TYPESCRIPT_EXTENSIONS.map((ext) => resolve(target, `index${ext}`)),
  ]) {
    if (isFile(candidate)) return candidate;
  }
  return null;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function importMetaPrelude(file: string): string {
  const literal = (value: string) => JSON.stringify(value);
  return (
    `var ${IMPORT_META_BINDINGS.url}=${literal(fileUrl(file))},` +
    `${IMPORT_META_BINDINGS.filename}=${literal(file)},` +
    `${IMPORT_META_BINDINGS.dirname}=${literal(dirname(file))};`
  );
}

/** Characters that stand for themselves in a file URL's path. */
const URL_SAFE_PATH = /^\/[A-Za-z0-9/._~-]*$/;

/**
 * `import.meta.url` for `file`. Every module gets one; a path of plain characters (what a
 * revision's usually is) is its own URL path, and the general conversion parses a URL each time.
 */
function fileUrl(file: string): string {
  const plain = URL_SAFE_PATH.test(file) && !file.includes('//') && !file.includes('/.');
  return plain ? `file://${file}` : pathToFileURL(file).href;
}
