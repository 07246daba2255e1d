import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  mayRequireAmbix,
  prepareTypeScriptFiles,
  refreshTypeScriptFile,
  requireTypeScript,
} from './commonjs.js';
import { ModuleNotFoundError } from './errors.js';
import { importEsModule, needsEsModule } from './es-module.js';
import { ambixLibraryLoader } from './library.js';
import { packedModule } from './module-pack.js';
import { sha256Hex } from './sha256.js';

export { ModuleNotFoundError, ModuleSyntaxError } from './errors.js';
export { type AmbixLibraryLoader, provideAmbixLibrary } from './library.js';
export { restorePackedStack, saveModulePackCaches } from './module-pack.js';
export { readSourceBytes, readSourceDigest } from './source-digest.js';

/** Extensions compiled by the loader; any other file is loaded with Node's own `import()`. */
const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

/**
 * Loads a TypeScript or JavaScript module with no build step and returns its exports, as the file
 * is on disk at this call: a module this process loaded before is loaded again when it (or a
 * TypeScript module it imports) changed since. TypeScript goes through esbuild and runs as
 * CommonJS under its own file name (see `commonjs.ts`); JavaScript (`.js`, `.mjs`) is imported
 * natively.
 */
export async function loadModule(path: string): Promise<Record<string, unknown>> {
  const file = resolve(path);
  if (TYPESCRIPT_EXTENSIONS.has(extname(file))) refreshTypeScriptFile(file);
  // A packed module's file was checked by its stat when the pack was loaded.
  if (packedModule(file) === undefined && !existsSync(file)) throw new ModuleNotFoundError(file);
  if (TYPESCRIPT_EXTENSIONS.has(extname(file))) {
    // A revision that only imports types from ambix (the common case) loads without importing
    // the whole library, which costs more than the revision.
    try {
      if (mayRequireAmbix(file)) await ambixLibrary();
      return toRecord(requireTypeScript(file, loadedAmbix));
    } catch (error) {
      // Top-level `await`: CommonJS cannot hold it, so this module loads as an ES module.
      if (!needsEsModule(error)) throw error;
      return importEsModule(file, (await ambixLibrary()) as object);
    }
  }
  const namespace: unknown = await import(javaScriptUrl(file));
  return toRecord(namespace);
}

/** The digest of each JavaScript module's bytes when this process first imported it. */
const importedJavaScript = new Map<string, string>();

/**
 * Node keeps an imported ES module for the life of the process, by URL: a file changed since its
 * first import is imported under its URL plus its digest, which Node loads as a new module.
 */
function javaScriptUrl(file: string): string {
  const url = pathToFileURL(file).href;
  let digest: string;
  try {
    digest = sha256Hex(readFileSync(file));
  } catch {
    return url;
  }
  const first = importedJavaScript.get(file);
  if (first === undefined) importedJavaScript.set(file, digest);
  return first === undefined || first === digest ? url : `${url}?ambix-sha256=${digest}`;
}

/**
 * Prepares modules that are about to be loaded: TypeScript files are transpiled together, in
 * parallel, so the `loadModule` calls that follow find them cached. Purely an optimisation for
 * cold starts (a fresh database applies every revision); errors surface in `loadModule`.
 */
export async function preloadModules(paths: readonly string[]): Promise<void> {
  const typescript = paths
    .map((path) => resolve(path))
    .filter((file) => TYPESCRIPT_EXTENSIONS.has(extname(file)));
  await prepareTypeScriptFiles(typescript);
}

let library: Promise<unknown> | undefined;
let loadedLibrary: unknown;

/** The running ambix library, as handed in by the entry that started ambix (see `library.ts`). */
function ambixLibrary(): Promise<unknown> {
  const load = ambixLibraryLoader();
  if (load === undefined) {
    // Both entries (the library and the CLI) register it: only code that bypasses them gets here.
    return Promise.reject(new Error("ambix: a module imports 'ambix' but no entry provided the library"));
  }
  library ??= load().then((module) => {
    loadedLibrary = module;
    return module;
  });
  return library;
}

function loadedAmbix(): unknown {
  if (loadedLibrary === undefined) {
    // mayRequireAmbix() said no, yet the module asked: a bug in that check, not the user's.
    throw new Error("ambix: a module required 'ambix' before the library was loaded");
  }
  return loadedLibrary;
}

function toRecord(exports: unknown): Record<string, unknown> {
  if (exports !== null && (typeof exports === 'object' || typeof exports === 'function')) {
    return exports as Record<string, unknown>;
  }
  return { default: exports };
}
