import { describe, expect, test } from 'vitest';
import { BRANCHED, createProject, LINEAR } from '../commands/project-fixture.js';
import { cli } from '../commands/run-cli.js';

const MERGED = [...BRANCHED, { id: 'mmmm', down: ['d1d1', 'd2d2'] }];

describe('heads', () => {
  test('one line per head: id, labels, (head)', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(['heads'], { cwd: project.root });
    expect(run.stdout).toBe('d1d1 (left) (head)\nd2d2 (head)\n');
  });

  test('-v prints the verbose entry of each head', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['heads', '-v'], { cwd: project.root });
    expect(run.stdout).toBe(
      `Rev: cccc (head)\nParent: bbbb\nPath: ${project.pathOf('cccc')}\n\n    msg cccc\n\n`,
    );
  });

  test('--json keeps the list under heads and each id under revision', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(['heads', '--json'], { cwd: project.root });
    const document = JSON.parse(run.stdout) as { heads: { revision: string; downRevisions: string[] }[] };
    expect(document.heads.map((head) => head.revision)).toEqual(['d1d1', 'd2d2']);
    expect(document.heads[0]!.downRevisions).toEqual(['c1c1']);
  });
});

describe('history', () => {
  test('one line per revision, heads first, in the one-line form', async () => {
    const project = createProject(MERGED);
    const run = await cli(['history'], { cwd: project.root });
    expect(run.stdout).toBe(
      [
        'd1d1, d2d2 -> mmmm (left) (head) (mergepoint), msg mmmm',
        'c1c1 -> d1d1 (left), msg d1d1',
        'bbbb -> c1c1 (left), msg c1c1',
        'c2c2 -> d2d2, msg d2d2',
        'bbbb -> c2c2, msg c2c2',
        'aaaa -> bbbb (branchpoint), msg bbbb',
        '<base> -> aaaa, msg aaaa',
        '',
      ].join('\n'),
    );
  });

  test('-r start:end limits the listing', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['history', '-r', 'bbbb:'], { cwd: project.root });
    expect(run.stdout).toBe('bbbb -> cccc (head), msg cccc\naaaa -> bbbb, msg bbbb\n');
  });

  test('a range without a colon is refused', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['history', '-r', 'bbbb'], { cwd: project.root });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('bbbb');
  });

  test('--json lists entries under revisions', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['history', '--json'], { cwd: project.root });
    const document = JSON.parse(run.stdout) as { revisions: { revision: string; isCurrent: boolean }[] };
    expect(document.revisions.map((entry) => entry.revision)).toEqual(['cccc', 'bbbb', 'aaaa']);
  });
});

describe('show', () => {
  test('prints the verbose entry of a branch point with its children', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(['show', 'bbbb'], { cwd: project.root });
    expect(run.stdout).toBe(
      `Rev: bbbb (branchpoint)\nParent: aaaa\nBranches into: c1c1, c2c2\nPath: ${project.pathOf('bbbb')}\n\n    msg bbbb\n\n`,
    );
  });

  test('an ambiguous prefix exits 1 naming the candidates', async () => {
    const project = createProject([
      { id: 'ab12', down: null },
      { id: 'ab34', down: 'ab12' },
    ]);
    const run = await cli(['show', 'ab'], { cwd: project.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ab12');
  });

  test('--json lists what the identifier names under revisions', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(['show', 'heads', '--json'], { cwd: project.root });
    const document = JSON.parse(run.stdout) as { revisions: { revision: string }[] };
    expect(document.revisions.map((entry) => entry.revision)).toEqual(['d1d1', 'd2d2']);
  });
});

describe('branches', () => {
  test('the branch point, its children under arrows, then a blank line', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(['branches'], { cwd: project.root });
    expect(run.stdout).toBe('bbbb (branchpoint)\n     -> c1c1 (left)\n     -> c2c2\n\n');
  });

  test('-v adds the full entry and the children messages', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(['branches', '-v'], { cwd: project.root });
    expect(run.stdout).toContain('Rev: bbbb (branchpoint)\n');
    expect(run.stdout).toContain('     -> c1c1 (left), msg c1c1\n');
  });

  test('--json gives each branch point with its children', async () => {
    const project = createProject(BRANCHED);
    const run = await cli(['branches', '--json'], { cwd: project.root });
    const document = JSON.parse(run.stdout) as {
      revisions: { revision: string; children: { revision: string }[] }[];
    };
    expect(document.revisions[0]!.children.map((child) => child.revision)).toEqual(['c1c1', 'c2c2']);
  });
});

describe('graph', () => {
  test('draws terminal lanes by default', async () => {
    const project = createProject(MERGED);
    const run = await cli(['graph'], { cwd: project.root });
    expect(run.stdout).toBe(
      [
        '* mmmm (left) (head), msg mmmm',
        '|\\',
        '* | d1d1 (left), msg d1d1',
        '* | c1c1 (left), msg c1c1',
        '| * d2d2, msg d2d2',
        '| * c2c2, msg c2c2',
        '|/',
        '* bbbb, msg bbbb',
        '* aaaa, msg aaaa',
        '',
      ].join('\n'),
    );
  });

  test('--format mermaid and --format dot', async () => {
    const project = createProject(LINEAR);
    const mermaid = await cli(['graph', '--format', 'mermaid'], { cwd: project.root });
    expect(mermaid.stdout).toContain('r_aaaa --> r_bbbb');
    const dot = await cli(['graph', '--format', 'dot'], { cwd: project.root });
    expect(dot.stdout).toContain('"aaaa" -> "bbbb";');
  });

  test('--json gives the drawing and the nodes', async () => {
    const project = createProject(LINEAR);
    const run = await cli(['graph', '--json', '--format', 'dot'], { cwd: project.root });
    const document = JSON.parse(run.stdout) as {
      format: string;
      text: string;
      revisions: { revision: string }[];
    };
    expect(document.format).toBe('dot');
    expect(document.text.startsWith('digraph')).toBe(true);
    expect(document.revisions.map((node) => node.revision)).toEqual(['cccc', 'bbbb', 'aaaa']);
  });
});
