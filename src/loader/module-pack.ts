import { readdirSync, rmSync, type Stats, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDirFor } from './cache-dir.js';
import { readCacheEntry, readCacheText, writeCacheEntry } from './cache-entry.js';
import { type FileIdentity, identityOf, sameIdentity, settled } from './file-identity.js';
import { layerOn } from './layers.js';
import { plainExports } from './plain-exports.js';
import { sha256Hex } from './sha256.js';
import { readSourceBytes } from './source-digest.js';
import { TRANSPILER } from './transpile.js';
import { type CommonJsWrapper, WRAPPER_HEAD } from './wrapper.js';

/**
 * A module pack: the transpiled code of many TypeScript modules that load together (the revisions
 * of a plan) compiled as ONE script, with one V8 code cache. Loading 1,000 revisions one script
 * each costs three file reads and a script deserialisation per revision; a pack costs three file
 * reads in all and a fraction of the compile time, and it needs no source read or hash: each
 * member is checked by its stat (size, mtime, ctime, inode), and the pack remembers its sha256
 * for the history. A pack is an optimisation only: any mismatch and the modules load one by one.
 *
 * Stack traces of packed code name the pack; `restorePackedStack` rewrites them to the member's
 * file and line, which are the lines of the transpiled code exactly as when loaded alone.
 */

/** Below this many modules a pack is not worth a file of its own. */
export const MIN_PACKED_MODULES = 20;

export { SETTLE_MS as PACK_SETTLE_MS } from './file-identity.js';

/** Packs kept per set of folders; older ones are deleted when a new one is written. */
const PACKS_KEPT = 3;

interface PackIndex {
  readonly files: readonly string[];
  /** Each member's full stat identity when the pack was written. */
  readonly stamps: readonly FileIdentity[];
  /**
   * Whether that identity may vouch for the member's content: it had been left alone for the
   * settle window. A member written just before the pack (a deploy that migrates right after
   * writing its files) is checked by its content's sha256 instead.
   */
  readonly settled: readonly boolean[];
  readonly sha256: readonly string[];
  readonly requiresAmbix: readonly boolean[];
  /** The 1-based line of the pack on which each member's wrapper starts. */
  readonly startLines: readonly number[];
  /** sha256 of the pack's code: a code file from another write, or damaged, is never run. */
  readonly codeSha256: string;
}

/** One member of a loaded pack. */
export interface PackedModule {
  readonly wrapper: CommonJsWrapper;
  /** sha256 of the source the member was transpiled from. */
  readonly sha256: string;
  /** Whether its code requires `ambix` or a relative module (see `loadModule`). */
  readonly requiresAmbix: boolean;
}

/** A member ready to be packed: its transpiled code and what the index records of it. */
export interface PackMember {
  readonly file: string;
  readonly code: string;
  readonly sha256: string;
  readonly requiresAmbix: boolean;
}

const packedByFile = new Map<string, PackedModule>();

/** The pack scripts loaded by this process, to map their stack frames back to members. */
const loadedPacks: {
  readonly script: string;
  readonly files: readonly string[];
  readonly startLines: readonly number[];
}[] = [];

export function packedModule(file: string): PackedModule | undefined {
  return packedByFile.get(file);
}

/** Forgets `file`'s packed code, for a module that failed and will be loaded afresh. */
export function forgetPackedModule(file: string): void {
  packedByFile.delete(file);
}

/** The current stats of `files`, or null when one cannot be read (the per-file path reports it). */
export function statFiles(files: readonly string[]): Stats[] | null {
  try {
    return files.map((file) => statSync(file));
  } catch {
    return null;
  }
}

/**
 * Loads the pack of exactly `files` when there is one and every member is unchanged; returns
 * whether it did. Afterwards `packedModule` answers for each of them.
 */
export function loadPack(files: readonly string[], stats: readonly Stats[]): boolean {
  if (!layerOn('module-pack')) return false;
  const paths = packPaths(files);
  let index: PackIndex;
  try {
    const text = readCacheText(paths.index, paths.key);
    if (text === null) return false;
    index = JSON.parse(text) as PackIndex;
  } catch {
    return false;
  }
  if (index.files.length !== files.length || !files.every((file, i) => index.files[i] === file)) return false;
  let restamped = false;
  const now = Date.now();
  for (let i = 0; i < files.length; i++) {
    const stat = stats[i]!;
    if (Array.isArray(index.settled) && index.settled[i] === true && sameIdentity(index.stamps[i], stat))
      continue;
    if (!sameContent(files[i]!, index.sha256[i]!)) return false;
    // The same content, now settled: the rewritten index trusts its identity from now on.
    if (settled(stat, now)) restamped = true;
  }
  if (restamped) {
    index = {
      ...index,
      stamps: stats.map(identityOf),
      settled: stats.map((stat) => settled(stat, now)),
    };
  }
  // The code's own entry is keyed on its digest, which the index names: code from another write
  // of the pack is never run with this index.
  const code = readCacheText(paths.code, codeKey(index.codeSha256));
  if (code === null) return false;
  if (!install(code, paths, index)) return false;
  if (restamped) writeCacheEntry(paths.index, paths.key, JSON.stringify(index));
  return true;
}

/** Whether `file` holds the source a member was transpiled from (read, and recorded for the history). */
function sameContent(file: string, sha256: string): boolean {
  try {
    return readSourceBytes(file).sha256 === sha256;
  } catch {
    return false;
  }
}

function codeKey(codeSha256: string): string {
  return `pack code ${codeSha256}`;
}

/** V8 checks only the source's length against a code cache: the key must pin the code itself. */
function compiledKey(codeSha256: string): string {
  return `pack compiled ${codeSha256}`;
}

/**
 * Writes the pack of `members` (in load order) and loads it; returns whether it did. Members not
 * settled yet are checked by their content when the pack is next loaded. Best effort: a pack
 * that cannot be written is no error.
 */
export function writePack(members: readonly PackMember[], stats: readonly Stats[]): boolean {
  if (!layerOn('module-pack')) return false;
  const now = Date.now();
  const helpers = new Map<string, string>();
  const plain = layerOn('plain-exports');
  const bodies = members.map((member) =>
    shareHelpers(plain ? plainExports(member.code) : member.code, helpers),
  );
  // A function scope: the shared helpers must not become globals.
  const head = `(function () {\n${[...helpers.values()].join('\n')}\nreturn [\n`;
  const parts: string[] = [];
  const startLines: number[] = [];
  let line = countLines(head);
  for (const body of bodies) {
    startLines.push(line);
    const part = `${WRAPPER_HEAD}${body}\n})`;
    parts.push(part);
    line += countLines(part);
  }
  const code = `${head}${parts.join(',\n')}\n];\n})()`;
  const files = members.map((member) => member.file);
  const index: PackIndex = {
    files,
    stamps: stats.map(identityOf),
    settled: stats.map((stat) => settled(stat, now)),
    sha256: members.map((member) => member.sha256),
    requiresAmbix: members.map((member) => member.requiresAmbix),
    startLines,
    codeSha256: sha256Hex(code),
  };
  const paths = packPaths(files);
  if (!install(code, paths, index)) return false;
  writeCacheEntry(paths.code, codeKey(index.codeSha256), code);
  // The index last: a pack is found only once its code is in place.
  writeCacheEntry(paths.index, paths.key, JSON.stringify(index));
  prunePacks(paths);
  return true;
}

/** The interop helpers esbuild may put at the top of a CommonJS module; all are pure functions. */
const ESBUILD_HELPERS = new Set([
  '__create',
  '__defProp',
  '__getOwnPropDesc',
  '__getOwnPropNames',
  '__getProtoOf',
  '__hasOwnProp',
  '__export',
  '__copyProps',
  '__reExport',
  '__toESM',
  '__toCommonJS',
  '__name',
]);

const HELPER_START = /^var (__[A-Za-z]+) = /;

/**
 * esbuild starts each CommonJS module with the helpers it uses (`var __export = …`). In 1,000
 * distinct copies, each run once and never warmed up, they were most of the cost of loading
 * packed revisions. The pack defines each helper once (in `helpers`, first text seen) and blanks
 * a module's copy when it is that same text, keeping its lines so line numbers do not move. A
 * helper written differently stays in its module, where it shadows the shared one.
 */
function shareHelpers(code: string, helpers: Map<string, string>): string {
  const lines = code.split('\n');
  let at = 0;
  while (at < lines.length) {
    const name = HELPER_START.exec(lines[at]!)?.[1];
    if (name === undefined || !ESBUILD_HELPERS.has(name)) break;
    // A definition runs on over indented lines and the line that closes it (`};`).
    let end = at + 1;
    while (end < lines.length && /^[\s}]/.test(lines[end]!)) end++;
    const text = lines.slice(at, end).join('\n');
    const shared = helpers.get(name);
    if (shared === undefined) helpers.set(name, text);
    if (shared === undefined || shared === text) lines.fill('', at, end);
    at = end;
  }
  return lines.join('\n');
}

/**
 * Packs compiled without a usable code cache. Their cache is written after the modules have run
 * (`saveModulePackCaches`), not at once: V8 compiles a module's inner functions (a revision's
 * `upgrade`) only when they are first called, and a cache taken before that would leave every
 * later start compiling 1,000 `upgrade` functions one by one.
 */
const awaitingCodeCache: { readonly script: Script; readonly path: string; readonly key: string }[] = [];
let savesAtExit = false;

/** Writes the code cache of each pack compiled without one; call when its modules have run. */
export function saveModulePackCaches(): void {
  for (const { script, path, key } of awaitingCodeCache.splice(0)) {
    writeCacheEntry(path, key, script.createCachedData());
  }
}

/** Compiles the pack (with its code cache when valid) and registers its members. */
function install(code: string, paths: PackPaths, index: PackIndex): boolean {
  const key = compiledKey(index.codeSha256);
  const cachedData = readCacheEntry(paths.codeCache, key);
  let wrappers: unknown;
  let script: Script;
  try {
    script = new Script(code, { filename: paths.code, ...(cachedData === null ? {} : { cachedData }) });
    wrappers = script.runInThisContext();
  } catch {
    return false;
  }
  if (!Array.isArray(wrappers) || wrappers.length !== index.files.length) return false;
  if (cachedData === null || script.cachedDataRejected === true) {
    awaitingCodeCache.push({ script, path: paths.codeCache, key });
  }
  index.files.forEach((file, i) => {
    packedByFile.set(file, {
      wrapper: wrappers[i] as CommonJsWrapper,
      sha256: index.sha256[i]!,
      requiresAmbix: index.requiresAmbix[i]!,
    });
  });
  loadedPacks.push({ script: paths.code, files: index.files, startLines: index.startLines });
  if (awaitingCodeCache.length > 0 && !savesAtExit) {
    // For callers that never say when their modules have run.
    savesAtExit = true;
    process.once('exit', saveModulePackCaches);
  }
  return true;
}

/**
 * Rewrites the frames of `error`'s stack that point into a pack so they name the member's file
 * and its own line. Other errors and frames are left as they are.
 */
export function restorePackedStack(error: unknown): void {
  if (loadedPacks.length === 0 || !(error instanceof Error) || typeof error.stack !== 'string') return;
  let stack = error.stack;
  for (const pack of loadedPacks) {
    if (!stack.includes(pack.script)) continue;
    const frame = new RegExp(`${escapeRegExp(pack.script)}:(\\d+)(:\\d+)?`, 'g');
    stack = stack.replace(frame, (whole, line: string, column: string | undefined) => {
      const member = memberAt(pack.startLines, Number(line));
      if (member < 0) return whole;
      return `${pack.files[member]}:${Number(line) - pack.startLines[member]! + 1}${column ?? ''}`;
    });
  }
  try {
    error.stack = stack;
  } catch {
    // A frozen error keeps its stack.
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The member whose lines include `line` (binary search over start lines), or -1. */
function memberAt(startLines: readonly number[], line: number): number {
  let low = 0;
  let high = startLines.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (startLines[middle]! <= line) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

interface PackPaths {
  readonly folderKey: string;
  readonly folder: string;
  /** What the index is stored under: the files, the transpiler, the wrapper and the plain-exports switch. */
  readonly key: string;
  readonly index: string;
  readonly code: string;
  readonly codeCache: string;
}

/**
 * A pack is named by its folders and by exactly which files it holds, in order. Its index entry is
 * keyed on those and on what made its code: the transpiler and the wrapper the loader calls each
 * member with (the entry's own key adds ambix's and Node's versions; see cache-entry.ts).
 */
function packPaths(files: readonly string[]): PackPaths {
  const folders = [...new Set(files.map((file) => dirname(file)))].sort();
  const folderKey = sha256Hex(folders.join('\n')).slice(0, 16);
  const plain = `plain-exports ${layerOn('plain-exports')}`;
  // The switch is in the name too, so the two variants of an A/B benchmark keep a pack each.
  const setKey = sha256Hex([plain, ...files].join('\n')).slice(0, 32);
  const folder = cacheDirFor(folders[0]!);
  const base = join(folder, `pack-${folderKey}-${setKey}`);
  return {
    folderKey,
    folder,
    key: ['pack index', TRANSPILER, WRAPPER_HEAD, `plain-exports ${layerOn('plain-exports')}`, ...files].join(
      '\n',
    ),
    index: `${base}.json.ambix`,
    code: `${base}.js.ambix`,
    codeCache: `${base}.v8.ambix`,
  };
}

/** Keeps the newest packs of the same folders; a pack for an old set of revisions is dead weight. */
function prunePacks(paths: PackPaths): void {
  try {
    const prefix = `pack-${paths.folderKey}-`;
    const indexes = readdirSync(paths.folder)
      .filter((name) => name.startsWith(prefix) && name.endsWith('.json.ambix'))
      .map((name) => ({ name, mtimeMs: statSync(join(paths.folder, name)).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    const stale = new Set(indexes.slice(PACKS_KEPT).map(({ name }) => name.slice(0, -'.json.ambix'.length)));
    if (stale.size === 0) return;
    for (const name of readdirSync(paths.folder)) {
      const base = name.slice(0, name.indexOf('.'));
      if (stale.has(base)) rmSync(join(paths.folder, name), { force: true });
    }
  } catch {
    // Pruning is housekeeping; a pack left behind costs disk space only.
  }
}

function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}
