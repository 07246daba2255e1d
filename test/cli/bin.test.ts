import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { BRANCHED, createProject } from '../commands/project-fixture.js';
import { ensureCliBuilt } from '../support/built-cli.js';

const run = promisify(execFile);
const repository = join(import.meta.dirname, '..', '..');
const bin = join(repository, 'bin', 'ambix.js');

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

beforeAll(ensureCliBuilt, 120_000);

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
