import { execFile } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { createTempProject } from '../files/temp-project.js';

const run = promisify(execFile);
const REPO_NODE_MODULES = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules');

export interface LoadedInChild {
  readonly url: string;
  readonly file: string;
  /** `file:line:column` where the module's `fail()` throws. */
  readonly site: string;
  /** What the module exports as `value`, when it does. */
  readonly value?: unknown;
}

/**
 * Bundles `entry` (a script in this folder) with the loader into one script, in a folder linked to
 * the repository's node_modules (esbuild, used on a cache miss), and returns a function that runs
 * it in a fresh process with arguments and returns its standard output. The folder is removed
 * after the current test, or with `folder` when one is given (for a script shared by a suite).
 */
export async function childScript(
  entry: string,
  folder?: string,
): Promise<(args: readonly string[]) => Promise<string>> {
  const run = await childScriptOutput(entry, folder);
  return async (args) => (await run(args)).stdout;
}

/** As `childScript`, with the child's standard error as well. */
export async function childScriptOutput(
  entry: string,
  folder?: string,
): Promise<(args: readonly string[]) => Promise<{ stdout: string; stderr: string }>> {
  const script = join(
    folder ?? createTempProject({}, { linkNodeModules: true }).root,
    entry.replace(/\.ts$/, '.mjs'),
  );
  if (folder !== undefined) symlinkSync(REPO_NODE_MODULES, join(folder, 'node_modules'), 'dir');
  await build({
    entryPoints: [join(import.meta.dirname, entry)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: script,
    logLevel: 'silent',
  });
  return async (args) => await run(process.execPath, [script, ...args]);
}

/**
 * A loader that runs in fresh processes: `child-load.ts`, one JSON line per file loaded, and the
 * warnings the child printed.
 */
export async function childLoader(): Promise<
  (files: readonly string[]) => Promise<{ loaded: LoadedInChild[]; warnings: string[] }>
> {
  const run = await childScriptOutput('child-load.ts');
  return async (files) => {
    const { stdout, stderr } = await run(files);
    return {
      loaded: stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as LoadedInChild),
      warnings: stderr.split('\n').filter((line) => line !== ''),
    };
  };
}
