import { describe, expect, test } from 'vitest';
import { branches, graph, heads, history, show } from '../../src/commands/index.js';
import { BRANCHED, createProject, LINEAR } from './project-fixture.js';

const ids = (list: readonly { revision: string }[]) => list.map((entry) => entry.revision);

describe('heads', () => {
  test('lists the versioned heads in load order', async () => {
    const project = createProject(BRANCHED);
    const result = await heads({ cwd: project.root });
    expect(ids(result.heads)).toEqual(['d1d1', 'd2d2']);
    expect(result.heads.every((head) => head.isHead)).toBe(true);
  });

  test('a head only depended upon is an effective head, left out by --resolve-dependencies', async () => {
    const project = createProject([
      { id: 'aaaa', down: null },
      { id: 'bbbb', down: 'aaaa' },
      { id: 'xxxx', down: 'aaaa' },
      { id: 'cccc', down: 'bbbb', dependsOn: ['xxxx'] },
    ]);
    const versioned = await heads({ cwd: project.root });
    expect(ids(versioned.heads)).toEqual(['xxxx', 'cccc']);
    expect(versioned.heads[0]!.isEffectiveHead).toBe(true);
    const real = await heads({ cwd: project.root, resolveDependencies: true });
    expect(ids(real.heads)).toEqual(['cccc']);
  });

  test('labels inherited along the branch are reported', async () => {
    const project = createProject(BRANCHED);
    const result = await heads({ cwd: project.root });
    expect(result.heads[0]!.branchLabels).toEqual(['left']);
  });
});

describe('history', () => {
  test('lists every revision heads first, each after its descendants', async () => {
    const project = createProject(LINEAR);
    const result = await history({ cwd: project.root });
    expect(ids(result.revisions)).toEqual(['cccc', 'bbbb', 'aaaa']);
  });

  test('a range start:end keeps the revisions between them', async () => {
    const project = createProject(LINEAR);
    const result = await history({ cwd: project.root, range: 'bbbb:cccc' });
    expect(ids(result.revisions)).toEqual(['cccc', 'bbbb']);
  });

  test('a negative range start counts down from the heads', async () => {
    const project = createProject(LINEAR);
    const result = await history({ cwd: project.root, range: '-1:' });
    expect(ids(result.revisions)).toEqual(['cccc', 'bbbb']);
  });

  test('a range whose ends are on different branches is refused', async () => {
    const project = createProject(BRANCHED);
    await expect(history({ cwd: project.root, range: 'c1c1:d2d2' })).rejects.toThrow(/c1c1:d2d2/);
  });

  test('the current marker comes from the version rows read through the runtime', async () => {
    const project = createProject(LINEAR);
    const result = await history({
      cwd: project.root,
      indicateCurrent: true,
      readCurrentRows: async () => ['bbbb'],
    });
    expect(result.revisions.filter((entry) => entry.isCurrent).map((entry) => entry.revision)).toEqual([
      'bbbb',
    ]);
  });
});

describe('show', () => {
  test('resolves a unique prefix to the full revision', async () => {
    const project = createProject(BRANCHED);
    const result = await show({ cwd: project.root, target: 'c2' });
    expect(ids(result.revisions)).toEqual(['c2c2']);
    expect(result.revisions[0]!.path).toBe(project.pathOf('c2c2'));
  });

  test('heads names every head', async () => {
    const project = createProject(BRANCHED);
    expect(ids((await show({ cwd: project.root, target: 'heads' })).revisions)).toEqual(['d1d1', 'd2d2']);
  });

  test('a bare branch label names the revision that declares it', async () => {
    const project = createProject(BRANCHED);
    expect(ids((await show({ cwd: project.root, target: 'left' })).revisions)).toEqual(['c1c1']);
  });

  test('-1 shows the parent of the head', async () => {
    const project = createProject(LINEAR);
    expect(ids((await show({ cwd: project.root, target: '-1' })).revisions)).toEqual(['bbbb']);
  });

  test('an unknown identifier is an error naming it', async () => {
    const project = createProject(LINEAR);
    await expect(show({ cwd: project.root, target: 'zzzz' })).rejects.toThrow(/'zzzz'/);
  });

  test('an ambiguous prefix is an error naming the candidates', async () => {
    const project = createProject([
      { id: 'ab12', down: null },
      { id: 'ab34', down: 'ab12' },
    ]);
    await expect(show({ cwd: project.root, target: 'ab' })).rejects.toThrow(/ab12.*ab34|ab34.*ab12/);
  });
});

describe('branches', () => {
  test('reports each branch point with its children', async () => {
    const project = createProject(BRANCHED);
    const result = await branches({ cwd: project.root });
    expect(ids(result.revisions)).toEqual(['bbbb']);
    expect(ids(result.revisions[0]!.children)).toEqual(['c1c1', 'c2c2']);
  });

  test('a linear history has no branch points', async () => {
    const project = createProject(LINEAR);
    expect((await branches({ cwd: project.root })).revisions).toEqual([]);
  });
});

describe('graph', () => {
  test('returns every revision with its parents and resolved dependencies', async () => {
    const project = createProject([
      { id: 'aaaa', down: null },
      { id: 'bbbb', down: 'aaaa', labels: ['core'] },
      { id: 'xxxx', down: null },
      { id: 'cccc', down: 'xxxx', dependsOn: ['core'] },
    ]);
    const result = await graph({ cwd: project.root });
    const byId = new Map(result.revisions.map((node) => [node.revision, node]));
    expect([...byId.keys()].sort()).toEqual(['aaaa', 'bbbb', 'cccc', 'xxxx']);
    expect(byId.get('cccc')!.dependencies).toEqual(['bbbb']);
    expect(byId.get('cccc')!.dependsOn).toEqual(['core']);
    expect(byId.get('bbbb')!.downRevisions).toEqual(['aaaa']);
  });
});

describe('a broken project', () => {
  test('a revision file without downRevision fails every read command, naming the file', async () => {
    const project = createProject(LINEAR);
    const broken = project.writeRaw('zzz_broken.ts', "export const revision = 'dddd';\n");
    await expect(heads({ cwd: project.root })).rejects.toThrow(broken);
  });

  test('a cycle is reported with the revisions in it', async () => {
    const project = createProject([
      { id: 'aaaa', down: null },
      { id: 'bbbb', down: 'cccc' },
      { id: 'cccc', down: 'bbbb' },
    ]);
    await expect(history({ cwd: project.root })).rejects.toThrow(/bbbb.*cccc/);
  });
});
