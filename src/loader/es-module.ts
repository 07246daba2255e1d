import { builtinModules, createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { ModuleSyntaxError } from './errors.js';

/**
 * TypeScript that uses top-level `await` cannot run as CommonJS, the loader's usual format. Such a
 * module is bundled by esbuild as an ES module instead (its relative imports inlined, packages
 * left as imports of their resolved files) and imported from a `data:` URL. The URL holds the
 * code, so an edited module gets a new URL and Node loads it afresh, while an unchanged one is the
 * same module. These modules are rare (one here and there in a set of revisions): they are built
 * on every load rather than cached, and never go into a module pack.
 */

const requireHere = createRequire(import.meta.url);

/** How esbuild says a module needs the ES module format. */
const TOP_LEVEL_AWAIT = /top-level await is (currently )?not supported with the "cjs" output format/i;

/** Whether `error` says the module uses top-level `await` (so it must load as an ES module). */
export function needsEsModule(error: unknown): boolean {
  return error instanceof ModuleSyntaxError && TOP_LEVEL_AWAIT.test(error.message);
}

/**
 * A key no user code sets: the running ambix library, which the bundled module's `ambix` imports
 * read. A `data:` module cannot import the running instance any other way, and sharing it keeps
 * `instanceof` checks working as in CommonJS revisions.
 */
const LIBRARY_KEY = Symbol.for('ambix.loader.library');

/** Bundles `file` as an ES module and imports it; `library` is the running ambix library. */
export async function importEsModule(file: string, library: object): Promise<Record<string, unknown>> {
  (globalThis as Record<symbol, unknown>)[LIBRARY_KEY] = library;
  // Stack traces name the revision's file, not a `data:` URL of its whole code (lines are those
  // of the bundled code, which esbuild does not keep aligned with the source).
  const code = `${await bundle(file, library)}\n//# sourceURL=${pathToFileURL(file).href}\n`;
  const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
  return (await import(url)) as Record<string, unknown>;
}

async function bundle(file: string, library: object): Promise<string> {
  const esbuild = requireHere('esbuild') as typeof import('esbuild');
  const url = pathToFileURL(file).href;
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      // Every bundled module would get the entry's `import.meta`: close enough for a revision's
      // helpers, and the only choice a `data:` URL leaves.
      define: {
        'import.meta.url': JSON.stringify(url),
        'import.meta.filename': JSON.stringify(file),
        'import.meta.dirname': JSON.stringify(dirname(file)),
      },
      plugins: [packagesByAbsoluteUrl(library)],
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    const first = (
      error as { errors?: { text: string; location: { line: number; column: number } | null }[] }
    ).errors?.[0];
    if (first === undefined) throw error;
    throw new ModuleSyntaxError(
      file,
      first.location?.line ?? null,
      first.location === null ? null : first.location.column + 1,
      first.text,
      error,
    );
  }
}

const BUILTINS = new Set(builtinModules);

/**
 * A `data:` module resolves only absolute URLs and Node's built-ins: every package import is
 * resolved here, from the importing file's folder as Node would, to its file's URL; `ambix`
 * becomes the running library.
 */
function packagesByAbsoluteUrl(library: object): Plugin {
  return {
    name: 'ambix-packages-by-absolute-url',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'inner') return undefined;
        if (args.path === 'ambix') return { path: 'ambix', namespace: 'ambix-library' };
        if (args.path.startsWith('node:') || BUILTINS.has(args.path)) return { external: true };
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'inner',
        });
        if (resolved.errors.length > 0 || resolved.external) return resolved;
        return { path: pathToFileURL(resolved.path).href, external: true };
      });
      build.onLoad({ filter: /.*/, namespace: 'ambix-library' }, () => {
        const names = Object.keys(library).filter(
          (name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default',
        );
        return {
          loader: 'js',
          contents:
            `const library = globalThis[Symbol.for(${JSON.stringify(LIBRARY_KEY.description)})];\n` +
            `export const { ${names.join(', ')} } = library;\nexport default library;\n`,
        };
      });
    },
  };
}
