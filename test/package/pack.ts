import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The repository this test suite runs in. */
export const ROOT = resolve(import.meta.dirname, '../..');

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end; a failure carries its output, so the test says what went wrong. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): CommandResult {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runOk(
  command: string,
  args: readonly string[],
  cwd: string,
  env?: NodeJS.ProcessEnv,
): string {
  const result = run(command, args, cwd, env);
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** What the install tests share: one copy of the sources, one packed tarball, one local prebuild. */
export interface PackedAmbix {
  /** A scratch folder holding everything below; removed by the caller. */
  readonly work: string;
  /** A git repository with the working tree's files (committed), for `npm install git+file://`. */
  readonly source: string;
  /** The tarball `npm pack` made from it (its `prepare` script built dist/). */
  readonly tarball: string;
  /** The environment for `npm install`: offline-first, and better-sqlite3 from the local prebuild. */
  readonly installEnv: NodeJS.ProcessEnv;
}

/**
 * Packs ambix as a user gets it. The working tree's files (tracked and new, not ignored) are copied
 * to a scratch folder so that `npm pack` runs the `prepare` build there, never touching this
 * repository's dist/ while other test files use it. The copy links this repository's
 * node_modules, which holds everything the build needs.
 *
 * better-sqlite3 compiles from source when its prebuilt binary cannot be downloaded (minutes on
 * two cores). Its installer, prebuild-install, first looks for a "local prebuild" in the folder
 * named by `npm_config_better_sqlite3_local_prebuilds`: the binary already built in this
 * repository's node_modules is packed there under the name it looks for, so each fresh project
 * runs better-sqlite3's real install script and gets a working binary in a second. Packages come
 * from npm's cache (`--prefer-offline`), filled by the repository's own `npm ci`.
 */
export function packAmbix(): PackedAmbix {
  const work = realpathSync(mkdtempSync(join(tmpdir(), 'ambix-package-')));
  const source = join(work, 'ambix');
  const files = runOk('git', ['ls-files', '-co', '--exclude-standard', '-z'], ROOT)
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(ROOT, file)));
  for (const file of files) {
    mkdirSync(dirname(join(source, file)), { recursive: true });
    cpSync(join(ROOT, file), join(source, file), { errorOnExist: false, dereference: false });
  }
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 'ambix test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'ambix test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
  };
  runOk('git', ['init', '-q'], source, gitEnv);
  runOk('git', ['add', '-A'], source, gitEnv);
  runOk('git', ['commit', '-q', '-m', 'ambix under test'], source, gitEnv);
  // After the commit: the link is what the build uses, not part of the package.
  symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');

  const packed = JSON.parse(runOk('npm', ['pack', '--json', '--pack-destination', work], source)) as {
    filename: string;
  }[];
  const tarball = join(work, packed[0]?.filename ?? 'missing.tgz');

  const prebuilds = join(work, 'prebuilds');
  mkdirSync(prebuilds);
  const betterSqlite3 = join(ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(betterSqlite3, 'package.json'), 'utf8')) as {
    version: string;
  };
  const prebuild = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  runOk('tar', ['-czf', join(prebuilds, prebuild), 'build/Release/better_sqlite3.node'], betterSqlite3);

  const installEnv: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_better_sqlite3_local_prebuilds: prebuilds,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  delete installEnv.DATABASE_URL;
  return { work, source, tarball, installEnv };
}

/** A new, empty npm project, as `npm init -y` makes it (CommonJS) or with `"type": "module"`. */
export function newProject(work: string, name: string, type: 'module' | 'commonjs'): string {
  const folder = join(work, name);
  mkdirSync(folder);
  runOk('npm', ['init', '-y'], folder);
  if (type === 'module') runOk('npm', ['pkg', 'set', 'type=module'], folder);
  return folder;
}
