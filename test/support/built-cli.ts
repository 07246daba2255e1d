import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** The executable the README tells users to run; it runs the built CLI in dist/. */
export const CLI_BIN = join(ROOT, 'bin', 'ambix.js');

const BUILT_CLI = join(ROOT, 'dist', 'cli', 'main.js');

function newestSourceChange(): number {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' });
  return Math.max(...files.map((file) => statSync(join(ROOT, 'src', file)).mtimeMs));
}

/**
 * `bin/ambix.js` runs the built CLI: bundle it again when dist is missing or older than the
 * sources (`npm test` builds first; this covers running one test file on its own). A failed
 * build is not reported here: the test that runs the CLI then fails with the reason.
 */
export async function ensureCliBuilt(): Promise<void> {
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= newestSourceChange()) return;
  await new Promise<void>((resolvePromise) => {
    const build = spawn(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--js-only'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    build.on('close', () => resolvePromise());
  });
}
