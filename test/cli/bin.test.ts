import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { BRANCHED, createProject } from '../commands/project-fixture.js';

const run = promisify(execFile);
const repository = join(import.meta.dirname, '..', '..');
const bin = join(repository, 'bin', 'ambix.js');
const built = join(repository, 'dist', 'cli', 'main.js');

interface Spawned {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function ambix(args: readonly string[], cwd: string): Promise<Spawned> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function newestSourceChange(): number {
  const files = readdirSync(join(repository, 'src'), { recursive: true, encoding: 'utf8' });
  return Math.max(...files.map((file) => statSync(join(repository, 'src', file)).mtimeMs));
}

// bin/ambix.js runs the compiled CLI: build it when dist is missing or older than the source.
beforeAll(async () => {
  if (!existsSync(built) || statSync(built).mtimeMs < newestSourceChange()) {
    await run(
      process.execPath,
      [join(repository, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: repository,
      },
    ).catch(() => undefined);
  }
}, 120_000);

describe('the ambix executable', () => {
  test('init, revision and history work together in a new project', async () => {
    const project = createProject([]);
    const target = join(project.root, 'fresh');
    expect((await ambix(['init', target], project.root)).code).toBe(0);
    const written = await ambix(['revision', '-m', 'create users', '--rev-id', 'a1b2c3'], target);
    expect(written).toMatchObject({
      code: 0,
      stdout: `${join(target, 'migrations', 'a1b2c3_create_users.ts')}\n`,
    });
    const listed = await ambix(['history'], target);
    expect(listed.stdout).toBe('<base> -> a1b2c3 (head), create users\n');
  });

  test('prints heads and exits 0', async () => {
    const project = createProject(BRANCHED);
    const result = await ambix(['heads'], project.root);
    expect(result).toMatchObject({ code: 0, stdout: 'd1d1 (left) (head)\nd2d2 (head)\n' });
  });

  test('exits 2 on an unknown option and 1 on an unknown revision', async () => {
    const project = createProject(BRANCHED);
    expect((await ambix(['heads', '--nope'], project.root)).code).toBe(2);
    const unknown = await ambix(['show', 'zzzz'], project.root);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("'zzzz'");
  });
});
