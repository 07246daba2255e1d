// Builds dist/: type declarations with tsc, and the JavaScript as an esbuild bundle.
//
//   node scripts/build.mjs            clean build: dist/ removed, declarations, then the bundle
//   node scripts/build.mjs --js-only  the bundle alone (what tests need to run bin/ambix.js)
//
// Why a bundle: Node 20 loads ES modules one file at a time, with no compile cache, and every
// command (the no-op `upgrade head` at each app start above all) loaded some 70 of them. The
// library entry (dist/index.js) and the CLI entry (dist/cli/main.js) share their code through
// chunks, so an app and the CLI get one copy of each class; what the library imports lazily
// (drivers aside, which stay packages) stays in chunks of its own, loaded on first use.
//
// dist/index.cjs is the library again, for `require('ambix')` from CommonJS (what `npm init -y`
// makes) on every Node 20 release: `require()` of an ES module only works from Node 20.19. It is
// one file (esbuild splits ES modules only), so a CommonJS app loads the whole library at once.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const jsOnly = process.argv.includes('--js-only');

if (!jsOnly) {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}

const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Dependencies stay packages: one copy of each, resolved as the application resolves them.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

await build({
  ...shared,
  entryPoints: ['src/index.ts', 'src/cli/main.ts'],
  outbase: 'src',
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
});

await build({
  ...shared,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.cjs',
  format: 'cjs',
  // `import.meta.url` (how modules find their package and create `require`) has no CommonJS
  // form: the bundle defines it once from its own file name.
  define: { 'import.meta.url': '__ambixModuleUrl' },
  banner: { js: 'const __ambixModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
