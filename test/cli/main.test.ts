import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BRANCHED, createProject, LINEAR } from '../commands/project-fixture.js';
import { cli } from '../commands/run-cli.js';

const ESC = '\u001b[';

describe('usage errors exit 2 and name what was wrong', () => {
  test('an unknown command', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['upgrad'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'upgrad'");
    expect(run.stdout).toBe('');
  });

  test('an unknown option', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['heads', '--bogus'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
  });

  test('upgrade without a target', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['upgrade'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'rev'");
  });

  test('an option value outside its choices', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['graph', '--format', 'svg'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'--format'");
  });

  test('a --dialect that ambix does not know', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['upgrade', '--sql', 'head', '--dialect', 'oracle'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'--dialect'");
  });

  test('with --json a usage error is also a JSON document on stdout', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['heads', '--json', '--bogus'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'USAGE', message: "unknown option '--bogus'" } });
  });

  test('an argument a command does not take', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['heads', 'extra'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("too many arguments for 'heads'");
  });

  test('no command at all prints the usage on stderr', async () => {
    const project = createProject(LINEAR);
    const run = await cli([], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: ambix');
  });
});

describe('help and version', () => {
  test('--help lists the commands on stdout and exits 0', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['--help'], { cwd: project.root });
    expect(run.code).toBe(0);
    for (const name of [
      'init',
      'revision',
      'merge',
      'upgrade',
      'downgrade',
      'stamp',
      'history',
      'heads',
      'branches',
      'show',
      'graph',
    ]) {
      expect(run.stdout).toContain(name);
    }
  });

  test('--version prints the version', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['--version'], { cwd: project.root });
    expect(run.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    expect(run.stdout).toBe(`${manifest.version}\n`);
  });
});

describe('failures', () => {
  test('an ambix error prints `error: <message>` on stderr, nothing on stdout, exit 1', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['show', 'nosuch'], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*'nosuch'/);
    expect(run.stdout).toBe('');
  });

  test('with --json the error is also a JSON document on stdout', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['show', 'nosuch', '--json'], { cwd: project.root });
    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(document.error.message).toContain("'nosuch'");
    expect(document.error.code).toMatch(/^[A-Z_]+$/);
  });

  test('a broken revision file fails with its path', async () => {
    const project = createProject(LINEAR);
    const broken = project.writeRaw('zzz_broken.ts', "export const revision = 'dddd';\n");
    const run = await cli(['history'], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(broken);
  });

  test('a --config path that does not exist is refused naming it', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['heads', '--config', 'missing.config.ts'], { cwd: project.root });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('missing.config.ts');
  });
});

describe('unexpected errors', () => {
  test('print the message and the stack, exit 1', async () => {
    const project = createProject(LINEAR);
    rmSync(join(project.root, 'ambix.config.json'));
    writeFileSync(join(project.root, 'ambix.config.mjs'), "throw new TypeError('config exploded');\n");
    const run = await cli(['heads'], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: config exploded\nTypeError: config exploded\n\s+at /);
  });
});

describe('global options', () => {
  test('are accepted before the command name', async () => {
    const project = createProject([]);
    const other = createProject(LINEAR);
    const run = await cli(['--migrations', other.locations[0]!, 'heads'], { cwd: project.root });
    expect(run.stdout).toBe('cccc (head)\n');
  });

  test('are accepted after the command name', async () => {
    const project = createProject([]);
    const other = createProject(LINEAR);
    const run = await cli(['heads', '--migrations', other.locations[0]!], { cwd: project.root });
    expect(run.stdout).toBe('cccc (head)\n');
  });

  test('--migrations may be repeated; locations load in the order given', async () => {
    const project = createProject([]);
    const first = createProject([{ id: 'aaaa', down: null }]);
    const second = createProject([{ id: 'bbbb', down: 'aaaa' }]);
    const run = await cli(
      ['history', '--migrations', first.locations[0]!, '--migrations', second.locations[0]!],
      {
        cwd: project.root,
      },
    );
    expect(run.stdout).toBe('aaaa -> bbbb (head), msg bbbb\n<base> -> aaaa, msg aaaa\n');
  });

  test('--config points at a config file elsewhere', async () => {
    const project = createProject(LINEAR);
    const elsewhere = createProject([]);
    const run = await cli(['heads', '--config', `${project.root}/ambix.config.json`], {
      cwd: elsewhere.root,
    });
    expect(run.stdout).toBe('cccc (head)\n');
  });

  test('--url is accepted by commands that do not use it', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['heads', '--url', 'sqlite:///nowhere.db'], { cwd: project.root });
    expect(run.code).toBe(0);
  });
});

describe('targets that start with a dash are arguments, not options', () => {
  test('show -1', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['show', '-1'], { cwd: project.root });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Rev: bbbb');
  });

  test('history -r -2:', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['history', '-r', '-2:'], { cwd: project.root });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'bbbb -> cccc (head), msg cccc\naaaa -> bbbb, msg bbbb\n<base> -> aaaa, msg aaaa\n',
    );
  });

  test('a range starting with a dash goes after --', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['downgrade', '--sql', '--dialect', 'sqlite', '--', '-1:aaaa'], {
      cwd: project.root,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('-- Running downgrade bbbb -> aaaa');
  });
});

describe('color', () => {
  test('a terminal gets colored revision ids', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['heads'], { cwd: project.root, tty: true });
    expect(run.stdout).toContain(ESC);
  });

  test('NO_COLOR turns color off even on a terminal', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['heads'], { cwd: project.root, tty: true, env: { NO_COLOR: '1' } });
    expect(run.stdout).toBe('cccc (head)\n');
  });

  test('output that is not a terminal has no color', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(['history', '-v'], { cwd: project.root, tty: false });
    expect(run.stdout).not.toContain(ESC);
  });
});
