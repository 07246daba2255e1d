import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { createTempProject } from '../files/temp-project.js';

const run = promisify(execFile);

export interface LoadedInChild {
  readonly url: string;
  readonly file: string;
  /** `file:line:column` where the module's `fail()` throws. */
  readonly site: string;
}

/**
 * A loader that runs in fresh processes: `child-load.ts` and the loader bundled into one script,
 * next to a link to the repository's node_modules (esbuild, used on a cache miss).
 */
export async function childLoader(): Promise<(files: readonly string[]) => Promise<LoadedInChild[]>> {
  const folder = createTempProject({}, { linkNodeModules: true });
  const script = folder.path('child-load.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'child-load.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: script,
    logLevel: 'silent',
  });
  return async (files) => {
    const { stdout } = await run(process.execPath, [script, ...files]);
    return stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as LoadedInChild);
  };
}
