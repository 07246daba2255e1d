import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BRANCHED, createProject, LINEAR } from '../commands/project-fixture.js';
import { cli } from '../commands/run-cli.js';

const scratchRoots: string[] = [];
afterEach(() => {
  for (const root of scratchRoots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('init', () => {
  test('creates the skeleton and lists what it created', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ambix-cli-init-'));
    scratchRoots.push(root);
    const run = await cli(['init', 'app'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Created ${join(root, 'app', 'ambix.config.ts')}`);
    expect(existsSync(join(root, 'app', 'migrations'))).toBe(true);
  });

  test('refuses a migrations folder that is not empty', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['init'], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${project.locations[0]} already exists and is not empty`);
  });
});

describe('revision', () => {
  test('prints the path of the file it wrote', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['revision', '-m', 'Add users table', '--rev-id', 'dddd'], { cwd: project.root });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${join(project.locations[0]!, 'dddd_add_users_table.ts')}\n`);
    expect(readFileSync(run.stdout.trim(), 'utf8')).toContain(
      "downRevision: string | string[] | null = 'cccc'",
    );
  });

  test('--json gives the revision id and the path', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['revision', '--json', '--rev-id', 'dddd'], { cwd: project.root });
    const document = JSON.parse(run.stdout) as { revision: string; path: string; downRevisions: string[] };
    expect(document.revision).toBe('dddd');
    expect(basename(document.path)).toBe('dddd_.ts');
    expect(document.downRevisions).toEqual(['cccc']);
  });

  test('several heads: exit 1 with the Multiple heads message and no file', async () => {
    const project = createProject(BRANCHED);
    const before = project.filesIn();
    const run = await cli(['revision', '-m', 'x'], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Multiple heads are present');
    expect(project.filesIn()).toEqual(before);
  });

  test('--head, --splice, --branch-label and repeated --depends-on reach the file', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(
      [
        'revision',
        '--head',
        'c1c1',
        '--splice',
        '--branch-label',
        'hotfix',
        '--depends-on',
        'd2',
        '--depends-on',
        'aaaa',
        '--rev-id',
        'ffff',
      ],
      { cwd: project.root },
    );
    expect(run.code).toBe(0);
    const source = readFileSync(run.stdout.trim(), 'utf8');
    expect(source).toContain("= 'c1c1'");
    expect(source).toContain("branchLabels: string[] = ['hotfix']");
    expect(source).toContain("dependsOn: string[] = ['d2d2', 'aaaa']");
  });

  test('an unknown --head exits 1 naming it, and writes nothing', async () => {
    const project = createProject(LINEAR);
    const before = project.filesIn();
    const run = await cli(['revision', '--head', 'nosuch'], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("'nosuch'");
    expect(project.filesIn()).toEqual(before);
  });

  test('--version-path outside the configured locations is refused', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['revision', '--version-path', 'other'], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(join(project.root, 'other'));
  });

  test('a cycle in the existing revisions stops it before writing', async () => {
    const project = createProject([
      { id: 'aaaa', down: null },
      { id: 'bbbb', down: 'cccc' },
      { id: 'cccc', down: 'bbbb' },
    ]);
    const before = project.filesIn();
    const run = await cli(['revision', '--head', 'aaaa'], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bbbb.*cccc/);
    expect(project.filesIn()).toEqual(before);
  });
});

describe('merge', () => {
  test('merge heads writes one revision joining every head', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(['merge', 'heads', '-m', 'join', '--rev-id', 'mmmm'], { cwd: project.root });
    expect(run.code).toBe(0);
    const heads = await cli(['heads'], { cwd: project.root });
    expect(heads.stdout).toBe('mmmm (left) (head)\n');
  });

  test('needs at least one revision', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(['merge'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('revisions');
  });
});
