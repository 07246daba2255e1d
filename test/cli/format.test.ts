import { describe, expect, test } from 'vitest';
import { branchPointBlock, oneLine, verboseEntry } from '../../src/cli/format.js';
import type { HistoryEntry } from '../../src/commands/history.js';
import type { RevisionInfo } from '../../src/commands/revision-info.js';

function info(overrides: Partial<HistoryEntry> & { revision: string }): HistoryEntry {
  return {
    downRevisions: [],
    dependsOn: [],
    branchLabels: [],
    nextRevisions: [],
    isHead: false,
    isEffectiveHead: false,
    isBranchPoint: false,
    isMergePoint: false,
    isCurrent: false,
    message: null,
    createDate: null,
    path: `/p/${overrides.revision}.ts`,
    ...overrides,
  };
}

describe('one-line form (§9)', () => {
  test('history shows parents, labels, markers and the message', () => {
    const entry = info({
      revision: 'c1',
      downRevisions: ['b'],
      branchLabels: ['left'],
      isHead: true,
      message: 'add users',
    });
    expect(oneLine(entry, { parents: true, labels: true, treeMarkers: true, message: true })).toBe(
      'b -> c1 (left) (head), add users',
    );
  });

  test('a base shows <base> as its parent', () => {
    expect(oneLine(info({ revision: 'a', message: 'init' }), { parents: true, message: true })).toBe(
      '<base> -> a, init',
    );
  });

  test('dependencies follow the parents in parentheses', () => {
    const entry = info({ revision: 'c', downRevisions: ['b'], dependsOn: ['x', 'y'] });
    expect(oneLine(entry, { parents: true })).toBe('b (x, y) -> c');
  });

  test('a merge lists its parents comma-joined and is marked mergepoint', () => {
    const entry = info({ revision: 'm', downRevisions: ['d1', 'd2'], isMergePoint: true, isHead: true });
    expect(oneLine(entry, { parents: true, treeMarkers: true })).toBe('d1, d2 -> m (head) (mergepoint)');
  });

  test('heads form carries labels and the head marker but no tree markers', () => {
    const entry = info({ revision: 'b', branchLabels: ['core'], isHead: true, isBranchPoint: true });
    expect(oneLine(entry, { labels: true })).toBe('b (core) (head)');
  });

  test('an effective head and the current marker', () => {
    expect(oneLine(info({ revision: 'e', isEffectiveHead: true, isCurrent: true }), {})).toBe(
      'e (effective head) (current)',
    );
  });
});

describe('verbose entry (§9)', () => {
  test('lists the revision, parent, path and the indented message, then a blank line', () => {
    const entry = info({ revision: 'b', downRevisions: ['a'], isHead: true, message: 'second' });
    expect(verboseEntry(entry)).toBe('Rev: b (head)\nParent: a\nPath: /p/b.ts\n\n    second\n\n');
  });

  test('a merge says Merges, a branch point says Branches into, labels say Branch names', () => {
    const entry = info({
      revision: 'm',
      downRevisions: ['x', 'y'],
      isMergePoint: true,
      isBranchPoint: true,
      nextRevisions: ['p', 'q'],
      branchLabels: ['lbl'],
      dependsOn: ['z'],
      message: 'merge',
    });
    expect(verboseEntry(entry)).toBe(
      [
        'Rev: m (branchpoint) (mergepoint)',
        'Merges: x, y',
        'Also depends on: z',
        'Branches into: p, q',
        'Branch names: lbl',
        'Path: /p/m.ts',
        '',
        '    merge',
        '',
        '',
      ].join('\n'),
    );
  });

  test('a base has <base> as its parent', () => {
    expect(verboseEntry(info({ revision: 'a' })).split('\n')[1]).toBe('Parent: <base>');
  });
});

describe('branches form (§9)', () => {
  test('the branch point, then each child under an arrow indented by the id width, then a blank line', () => {
    const point: RevisionInfo = info({ revision: 'bbbb', isBranchPoint: true, nextRevisions: ['c1', 'c2'] });
    const children = [
      info({ revision: 'c1', downRevisions: ['bbbb'] }),
      info({ revision: 'c2', downRevisions: ['bbbb'], isHead: true }),
    ];
    expect(branchPointBlock(point, children, false)).toBe(
      'bbbb (branchpoint)\n     -> c1\n     -> c2 (head)\n\n',
    );
  });
});
