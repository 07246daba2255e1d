// Installs ambix into a new project folder outside this repository, as a user does: `npm pack`
// (of the built dist/), then `npm install <tarball>` with the drivers, from npm's cache.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function runOk(command, args, cwd, env = process.env) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}\n${result.stderr}`);
  }
  return result.stdout;
}

/**
 * A scratch folder with `project/` (ambix, better-sqlite3, pg and mysql2 installed). better-sqlite3
 * gets this repository's binary as its "local prebuild" (as test/package/pack.ts does), so the
 * install runs its real install script without compiling for minutes.
 */
export function installAmbixProject(root) {
  const work = realpathSync(mkdtempSync(join(tmpdir(), 'ambix-bench-')));
  // `--ignore-scripts`: the tarball holds dist/ as built by `npm run build` just before.
  const packed = JSON.parse(
    runOk('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root),
  );
  const tarball = join(work, packed[0].filename);
  const version = (name) =>
    JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  const prebuilds = join(work, 'prebuilds');
  mkdirSync(prebuilds);
  const prebuild = `better-sqlite3-v${version('better-sqlite3')}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  runOk(
    'tar',
    ['-czf', join(prebuilds, prebuild), 'build/Release/better_sqlite3.node'],
    join(root, 'node_modules', 'better-sqlite3'),
  );
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bench-project', private: true }));
  runOk(
    'npm',
    ['install', '--no-audit', '--no-fund', tarball, `pg@${version('pg')}`, `mysql2@${version('mysql2')}`],
    project,
    {
      ...process.env,
      npm_config_better_sqlite3_local_prebuilds: prebuilds,
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
    },
  );
  return { work, project, ambixBin: join(project, 'node_modules', 'ambix', 'bin', 'ambix.js') };
}
