import { describe, expect, it } from 'vitest';
import { RevisionGraph } from '../../src/script/graph.js';
import {
  CycleError,
  DependencyCycleError,
  DependencySelfLoopError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  IllegalRevisionIdError,
  MissingDependencyError,
  MissingDownRevisionError,
  RevisionGraphError,
  SelfLoopError,
} from '../../src/script/graph-errors.js';
import { historyRevisions } from '../../src/script/history.js';
import { generatedHistory, graphOf, ids, revision } from './support/graph-builder.js';

describe('§2 heads and bases', () => {
  it('a versioned head is a revision no other revision names as downRevision', () => {
    const graph = graphOf('a', 'b<a', 'c1<b', 'c2<b');
    expect(ids(graph.heads)).toEqual(['c1', 'c2']);
  });

  it('heads are listed in load order', () => {
    const graph = graphOf('a', 'c2<a', 'c1<a');
    expect(ids(graph.heads)).toEqual(['c2', 'c1']);
  });

  it('a real head is one nothing depends on at all', () => {
    const graph = graphOf('a', 'b<a', 'x', { id: 'c', down: ['b'], dependsOn: ['x'] });
    expect(ids(graph.heads)).toEqual(['x', 'c']);
    expect(ids(graph.realHeads)).toEqual(['c']);
  });

  it('a versioned head that is only depended upon is an effective head', () => {
    const graph = graphOf('a', 'x', { id: 'c', down: ['a'], dependsOn: ['x'] });
    expect(graph.isHead('x')).toBe(true);
    expect(graph.isEffectiveHead('x')).toBe(true);
    expect(graph.isEffectiveHead('c')).toBe(false);
    expect(graph.isRealHead('x')).toBe(false);
  });

  it('a base has no downRevision; a real base has no dependencies either', () => {
    const graph = graphOf('a', { id: 'x', dependsOn: ['a'] });
    expect(ids(graph.bases)).toEqual(['a', 'x']);
    expect(ids(graph.realBases)).toEqual(['a']);
  });

  it('a branch point has more than one versioned child', () => {
    const graph = graphOf('a', 'b1<a', 'b2<a', { id: 'x', down: ['b1'], dependsOn: ['b2'] });
    expect(graph.isBranchPoint('a')).toBe(true);
    expect(graph.isBranchPoint('b2')).toBe(false);
  });

  it('a merge point has more than one downRevision', () => {
    const graph = graphOf('a', 'b1<a', 'b2<a', 'm<b1,b2');
    expect(graph.isMergePoint('m')).toBe(true);
    expect(graph.isMergePoint('b1')).toBe(false);
  });

  it('children follow downRevision and dependents follow dependsOn', () => {
    const graph = graphOf('a', 'b<a', { id: 'x', dependsOn: ['a'] });
    expect(ids(graph.childrenOf('a'))).toEqual(['b']);
    expect(ids(graph.dependentsOf('a'))).toEqual(['x']);
  });
});

describe('§2 dependencies', () => {
  it('a dependency naming a branch label resolves to the revision declaring it, not its head', () => {
    const graph = graphOf('a', { id: 'f1', labels: ['feature'] }, 'f2<f1', {
      id: 'b',
      down: ['a'],
      dependsOn: ['feature'],
    });
    expect(graph.dependenciesOf('b')).toEqual(['f1']);
  });

  it('a dependency already declared by an ancestor is dropped from the normalised dependencies', () => {
    const graph = graphOf('x', { id: 'a', dependsOn: ['x'] }, { id: 'b', down: ['a'], dependsOn: ['x'] });
    expect(graph.dependenciesOf('a')).toEqual(['x']);
    expect(graph.dependenciesOf('b')).toEqual([]);
    expect(graph.resolvedDependenciesOf('b')).toEqual(['x']);
  });

  it('normalised down revisions are the downRevisions followed by the remaining dependencies', () => {
    const graph = graphOf('x', 'a', { id: 'b', down: ['a'], dependsOn: ['x'] });
    expect(graph.normalizedDownRevisionsOf('b')).toEqual(['a', 'x']);
  });

  it('a dependency that is also a downRevision appears once among the normalised down revisions', () => {
    const graph = graphOf('a', { id: 'b', down: ['a'], dependsOn: ['a'] });
    expect(graph.normalizedDownRevisionsOf('b')).toEqual(['a']);
  });

  it('dependency lookup takes no prefixes', () => {
    expect(() => graphOf('abcdef', { id: 'b', dependsOn: ['abcd'] })).toThrow(MissingDependencyError);
  });

  it('ancestry can follow versioned edges only or dependencies too', () => {
    const graph = graphOf('x', 'a', { id: 'b', down: ['a'], dependsOn: ['x'] });
    expect(graph.isAncestor('x', 'b')).toBe(false);
    expect(graph.isAncestor('x', 'b', { includeDependencies: true })).toBe(true);
    expect(graph.isAncestor('a', 'b')).toBe(true);
    expect(graph.isAncestor('b', 'b')).toBe(false);
  });
});

describe('§2 branch labels', () => {
  it('a label is copied to every descendant of the revision declaring it', () => {
    const graph = graphOf('a', { id: 'b', down: ['a'], labels: ['lib'] }, 'c<b', 'd<c');
    expect(graph.branchLabelsOf('d')).toEqual(['lib']);
  });

  it('a label on a line without branch points reaches the base', () => {
    const graph = graphOf('a', 'b<a', { id: 'c', down: ['b'], labels: ['lib'] });
    expect(graph.branchLabelsOf('a')).toEqual(['lib']);
  });

  it('a label after a branch point stops there', () => {
    const graph = graphOf('a', 'b<a', 'c1<b', { id: 'd1', down: ['c1'], labels: ['left'] }, 'c2<b');
    expect(graph.branchLabelsOf('c1')).toEqual(['left']);
    expect(graph.branchLabelsOf('b')).toEqual([]);
    expect(graph.branchLabelsOf('c2')).toEqual([]);
  });

  it('a dependent counts as a child when deciding where a label stops', () => {
    const graph = graphOf(
      'a',
      'b<a',
      { id: 'c', down: ['b'], labels: ['lib'] },
      { id: 'x', dependsOn: ['b'] },
    );
    expect(graph.branchLabelsOf('b')).toEqual([]);
  });

  it('a label stops at a merge point below it', () => {
    const graph = graphOf('a', 'b1<a', 'b2<a', 'm<b1,b2', { id: 'n', down: ['m'], labels: ['top'] });
    expect(graph.branchLabelsOf('m')).toEqual([]);
  });

  it('a merge below two labelled lines carries both labels', () => {
    const graph = graphOf(
      'a',
      { id: 'b1', down: ['a'], labels: ['left'] },
      { id: 'b2', down: ['a'], labels: ['right'] },
      'm<b1,b2',
    );
    expect(graph.branchLabelsOf('m')).toEqual(['left', 'right']);
  });
});

describe('§2 validation when the graph is built', () => {
  it('a revision naming itself as downRevision is a self-loop', () => {
    expect(() => graphOf('a', 'b<b')).toThrow(/Self-loop is detected in revisions \(b\)/);
    expect(() => graphOf('a', 'b<b')).toThrow(SelfLoopError);
  });

  it('a revision naming itself in dependsOn is a dependency self-loop', () => {
    expect(() => graphOf({ id: 'a', dependsOn: ['a'] })).toThrow(
      /Dependency self-loop is detected in revisions \(a\)/,
    );
  });

  it('a dependency on its own label is a dependency self-loop', () => {
    expect(() => graphOf({ id: 'a', labels: ['lib'], dependsOn: ['lib'] })).toThrow(DependencySelfLoopError);
  });

  it('a graph without a base is a cycle naming every revision in load order', () => {
    const error = captureError(() => graphOf('b<a', 'a<b'));
    expect(error).toBeInstanceOf(CycleError);
    expect(error.message).toMatch(/^Cycle is detected in revisions \(b, a\)/);
  });

  it('revisions on a cycle behind a valid head and base are reported sorted', () => {
    const error = captureError(() => graphOf('base', 'y<x', 'x<base,y', 'h<x'));
    expect(error).toBeInstanceOf(CycleError);
    expect((error as CycleError).revisions).toEqual(['h', 'x', 'y']);
  });

  it('a cycle through dependsOn is a dependency cycle', () => {
    const error = captureError(() => graphOf({ id: 'a', dependsOn: ['b'] }, { id: 'b', down: ['a'] }, 'c<b'));
    expect(error).toBeInstanceOf(DependencyCycleError);
    expect(error.message).toMatch(/^Dependency cycle is detected in revisions \(/);
  });

  it('an unknown downRevision is a typed error naming the file', () => {
    const error = captureError(() => graphOf('a', 'b<zz'));
    expect(error).toBeInstanceOf(MissingDownRevisionError);
    expect(error.message).toContain(
      'Revision zz referenced from b (/project/migrations/b.ts) is not present',
    );
  });

  it('an unknown dependency is a typed error naming the file', () => {
    const error = captureError(() => graphOf('a', { id: 'b', dependsOn: ['nope'] }));
    expect(error).toBeInstanceOf(MissingDependencyError);
    expect(error.message).toContain('/project/migrations/b.ts');
  });

  it('a duplicate revision id is an error naming both files', () => {
    const revisions = [revision('a'), { ...revision('a'), path: '/project/migrations/a_again.ts' }];
    const error = captureError(() => RevisionGraph.build(revisions));
    expect(error).toBeInstanceOf(DuplicateRevisionError);
    expect(error.message).toContain('/project/migrations/a.ts and /project/migrations/a_again.ts');
  });

  it('a branch label already used by another revision is refused', () => {
    const build = () => graphOf({ id: 'a', labels: ['lib'] }, { id: 'b', down: ['a'], labels: ['lib'] });
    expect(build).toThrow(DuplicateBranchLabelError);
    expect(build).toThrow(/Branch name 'lib' in revision b .* already used by revision a/);
  });

  it('a branch label equal to a revision id is refused', () => {
    expect(() => graphOf('a', { id: 'b', down: ['a'], labels: ['a'] })).toThrow(
      /Branch name 'a' in revision b .* already used by revision a/,
    );
  });

  it.each([
    ['a@b', '@'],
    ['a-b', '-'],
    ['a+b', '+'],
    ['a:b', ':'],
  ])('the id %s is refused for its %s', (id, character) => {
    const error = captureError(() => graphOf(id));
    expect(error).toBeInstanceOf(IllegalRevisionIdError);
    expect(error.message).toContain(`Character(s) '${character}' not allowed in revision identifier '${id}'`);
  });

  it('illegal characters are listed sorted and comma-joined', () => {
    expect(() => graphOf('a-b@c')).toThrow("Character(s) '-, @' not allowed in revision identifier 'a-b@c'");
  });

  it('every graph error is a RevisionGraphError with a stable code', () => {
    const error = captureError(() => graphOf('a', 'b<zz'));
    expect(error).toBeInstanceOf(RevisionGraphError);
    expect((error as RevisionGraphError).code).toBe('MISSING_DOWN_REVISION');
  });

  it('an empty list of revisions is a valid empty graph', () => {
    const graph = RevisionGraph.build([]);
    expect(graph.heads).toEqual([]);
  });
});

describe('scale', () => {
  it('builds a 10,000-revision graph and orders its whole history', () => {
    const revisions = generatedHistory(10_000);
    const graph = RevisionGraph.build(revisions);
    expect(graph.revisions).toHaveLength(10_000);
    expect(graph.heads).toHaveLength(1);
    const history = historyRevisions(graph);
    expect(history).toHaveLength(10_000);
    const position = new Map(history.map((r, index) => [r.id, index]));
    const misplaced = history.filter((r) =>
      graph.normalizedDownRevisionsOf(r.id).some((parent) => position.get(parent)! < position.get(r.id)!),
    );
    expect(misplaced).toEqual([]);
  });
});

function captureError(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
