import { IMPORT_META_BINDINGS } from './transpile.js';

/**
 * Node's own CommonJS wrapper plus the `import.meta` bindings, all on the first line so that line
 * numbers stay those of the code. The bindings are parameters, so compiled code depends on the
 * module's code alone. Module packs wrap each member in it.
 */
export const WRAPPER_HEAD = `(function (exports, require, module, __filename, __dirname, ${IMPORT_META_BINDINGS.url}, ${IMPORT_META_BINDINGS.filename}, ${IMPORT_META_BINDINGS.dirname}) {`;

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

/**
 * `import()` inside code compiled by `vm.Script` needs a loader callback that Node 20 marks
 * experimental: such modules keep going through Node's own CommonJS compiler.
 */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** Whether `code` can be compiled through `vm.Script` (in a module pack) at all. */
export function packable(code: string): boolean {
  return !DYNAMIC_IMPORT.test(code);
}
