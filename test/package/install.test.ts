import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newProject, type PackedAmbix, packAmbix, run, runOk } from './pack.js';

// Installing ambix as its users do: the packed tarball and a git URL, into new projects of both
// module kinds, with nothing else installed. One pack per run, shared by every test here.
let packed: PackedAmbix;
beforeAll(() => {
  packed = packAmbix();
}, 600_000);
afterAll(() => {
  if (packed !== undefined) rmSync(packed.work, { recursive: true, force: true });
});

// Generous: under the whole suite on two cores, the git install (npm installs the clone's dev
// dependencies to run its prepare build) took close to three minutes.
const INSTALL_TIMEOUT = 600_000;

function install(project: string, spec: string): void {
  runOk('npm', ['install', spec], project, packed.installEnv);
}

/** `ambix …` as a user types it: the bin npm linked into node_modules/.bin. */
function ambix(project: string, ...args: string[]): string {
  return runOk(join(project, 'node_modules', '.bin', 'ambix'), args, project, packed.installEnv);
}

/** init → revision (creating a table) → upgrade → current → downgrade, on the SQLite default. */
function walkThroughTheCli(project: string): void {
  ambix(project, 'init');
  ambix(project, 'revision', '-m', 'create note', '--rev-id', 'first');
  const migrations = join(project, 'migrations');
  const file = join(migrations, readdirSync(migrations).find((name) => name.startsWith('first'))!);
  writeFileSync(
    file,
    readFileSync(file, 'utf8')
      .replace(
        'upgrade(op: Operations): Promise<void> {}',
        "upgrade(op: Operations): Promise<void> {\n  await op.execute('CREATE TABLE note (id INTEGER PRIMARY KEY)');\n}",
      )
      .replace(
        'downgrade(op: Operations): Promise<void> {}',
        "downgrade(op: Operations): Promise<void> {\n  await op.execute('DROP TABLE note');\n}",
      ),
  );
  ambix(project, 'upgrade', 'head');
  expect(ambix(project, 'current')).toContain('first (head)');
  ambix(project, 'downgrade', 'base');
  expect(ambix(project, 'current').trim()).toBe('');
}

/**
 * `import 'ambix'` loads no CLI code (commander), and a PostgreSQL or MySQL URL without its driver
 * installed fails with the package to install, from the library and from the CLI.
 */
function importTheLibrary(project: string): void {
  writeFileSync(
    join(project, 'probe.js'),
    `import { createRequire } from 'node:module';
import { current } from 'ambix';
const loaded = Object.keys(createRequire(import.meta.url).cache);
const error = await current({ url: 'postgresql://postgres@127.0.0.1:5432/test' }).catch((e) => e);
console.log(JSON.stringify({
  commander: loaded.some((file) => file.includes('/node_modules/commander/')),
  code: error.code,
  message: error.message,
}));
`,
  );
  const probe = JSON.parse(runOk(process.execPath, ['probe.js'], project, packed.installEnv));
  expect(probe.commander).toBe(false);
  expect(probe.code).toBe('DRIVER_NOT_INSTALLED');
  expect(probe.message).toContain('npm install pg');
  const cli = run(
    join(project, 'node_modules', '.bin', 'ambix'),
    ['current', '--url', 'mysql://root@127.0.0.1:3306/test'],
    project,
    packed.installEnv,
  );
  expect(cli.status).toBe(1);
  expect(cli.stderr).toContain('npm install mysql2');
}

describe('the packed tarball', () => {
  test(
    'installs into an ES module project: the CLI runs init → revision → upgrade → current → downgrade; import works without loading the CLI',
    () => {
      const project = newProject(packed.work, 'esm-app', 'module');
      install(project, packed.tarball);
      walkThroughTheCli(project);
      importTheLibrary(project);
    },
    INSTALL_TIMEOUT,
  );

  test(
    'installs into a CommonJS project (npm init -y): the CLI works and require("ambix") migrates',
    () => {
      const project = newProject(packed.work, 'cjs-app', 'commonjs');
      install(project, packed.tarball);
      walkThroughTheCli(project);
      writeFileSync(
        join(project, 'server.js'),
        `const { migrate } = require('ambix');
migrate().then((result) => console.log(JSON.stringify(result.heads)));
`,
      );
      expect(runOk(process.execPath, ['server.js'], project, packed.installEnv).trim()).toBe('["first"]');
    },
    INSTALL_TIMEOUT,
  );
});

describe('a git URL', () => {
  test(
    'installs a built package (the prepare script): CLI and import both work',
    () => {
      const project = newProject(packed.work, 'git-app', 'module');
      install(project, `git+file://${packed.source}`);
      walkThroughTheCli(project);
      writeFileSync(
        join(project, 'server.js'),
        "import { migrate } from 'ambix';\nconsole.log(JSON.stringify((await migrate()).heads));\n",
      );
      expect(runOk(process.execPath, ['server.js'], project, packed.installEnv).trim()).toBe('["first"]');
    },
    INSTALL_TIMEOUT,
  );
});
