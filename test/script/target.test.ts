import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { MultipleHeadsError, ResolutionError } from '../../src/script/graph-errors.js';
import { parseRange, resolveIdentifier } from '../../src/script/target.js';
import { graphOf, ids } from './support/graph-builder.js';

// a → b → c1 (c1branch) → d1
//       → c2 (c2branch) → d2
const forked = () =>
  graphOf(
    'a',
    'b<a',
    { id: 'c1', down: ['b'], labels: ['c1branch'] },
    'd1<c1',
    { id: 'c2', down: ['b'], labels: ['c2branch'] },
    'd2<c2',
  );

const resolve = (text: string, graph = forked()) => ids(resolveIdentifier(graph, text));

function resolutionError(text: string, graph = forked()): ResolutionError {
  try {
    resolveIdentifier(graph, text);
  } catch (error) {
    if (error instanceof ResolutionError) return error;
    throw error;
  }
  throw new Error(`'${text}' resolved`);
}

describe('§3.2 symbols', () => {
  it('head is the single versioned head', () => {
    expect(resolve('head', graphOf('a', 'b<a'))).toEqual(['b']);
  });

  it('head with several heads is a MultipleHeadsError with Alembic’s message', () => {
    expect(() => resolve('head')).toThrow(MultipleHeadsError);
    expect(() => resolve('head')).toThrow(
      "Multiple head revisions are present for given argument 'head'; please specify a specific target " +
        "revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
    );
  });

  it('label@head is the versioned head sharing lineage with the label’s revision', () => {
    expect(resolve('c1branch@head')).toEqual(['d1']);
  });

  it('label@head naming several heads reports the qualified argument', () => {
    const graph = graphOf({ id: 'a', labels: ['lib'] }, 'b1<a', 'b2<a');
    expect(() => resolve('lib@head', graph)).toThrow(/given argument 'lib@head'/);
  });

  it('heads are the real heads', () => {
    const graph = graphOf('a', 'x', { id: 'c', down: ['a'], dependsOn: ['x'] }, 'd<a');
    expect(resolve('heads', graph)).toEqual(['c', 'd']);
  });

  it('label@heads are the versioned heads on the label’s lineage', () => {
    expect(resolve('c2branch@heads')).toEqual(['d2']);
  });

  it('base and label@base are empty', () => {
    expect(resolve('base')).toEqual([]);
    expect(resolve('c1branch@base')).toEqual([]);
  });

  it('a bare label names the revision that declares it, not its head', () => {
    expect(resolve('c1branch')).toEqual(['c1']);
  });

  it('an unknown qualifier is reported as the failing piece', () => {
    expect(resolutionError('nosuch@head').argument).toBe('nosuch');
    expect(resolutionError('nosuch@head').message).toMatch(/^Can't locate revision identified by 'nosuch'/);
  });
});

describe('§3.3 exact and partial ids', () => {
  const hexes = () =>
    graphOf('ab12cd34', 'ab12ff00<ab12cd34', 'c0ffee11<ab12cd34', {
      id: 'e7a1b2c3',
      down: ['c0ffee11'],
      labels: ['featurex'],
    });

  it('an exact id resolves to that revision', () => {
    expect(resolve('c0ffee11', hexes())).toEqual(['c0ffee11']);
  });

  it('a unique prefix of any length resolves, even a single character', () => {
    expect(resolve('c', hexes())).toEqual(['c0ffee11']);
  });

  it('keys of three characters or fewer are never prefix candidates', () => {
    const graph = graphOf('abc', 'abcdef<abc');
    expect(resolve('ab', graph)).toEqual(['abcdef']);
  });

  it('a prefix of a branch label resolves to the labelled revision', () => {
    expect(resolve('feat', hexes())).toEqual(['e7a1b2c3']);
  });

  it('ids are case-sensitive', () => {
    expect(resolutionError('C0FFEE11', hexes()).reason).toBe('unknown');
  });

  it('leading spaces are not stripped', () => {
    expect(resolutionError(' head', hexes()).reason).toBe('unknown');
  });

  it('an unknown text shorter than four characters gets the four-character hint', () => {
    const error = resolutionError('zz', hexes());
    expect(error.message).toContain(
      "No such revision or branch 'zz'; please ensure at least four characters are present for partial revision identifier matches",
    );
    expect(error.message).toMatch(/^Can't locate revision identified by 'zz'/);
  });

  it('an unknown text of four characters or more gets no hint', () => {
    const error = resolutionError('zzzz', hexes());
    expect(error.detail).toBe("No such revision or branch 'zzzz'");
    expect(error.code).toBe('UNKNOWN_REVISION');
  });

  it('an ambiguous prefix lists at most three candidates in load order, then ...', () => {
    const graph = graphOf('ab120001', 'ab120002<ab120001', 'ab120003<ab120002', 'ab120004<ab120003');
    const error = resolutionError('ab12', graph);
    expect(error.detail).toBe("Multiple revisions start with 'ab12': 'ab120001', 'ab120002', 'ab120003'...");
    expect(error.candidates).toHaveLength(4);
    expect(error.code).toBe('AMBIGUOUS_REVISION');
  });

  it('a branch qualifier narrows prefix candidates to its lineage', () => {
    const graph = graphOf(
      'base0000',
      { id: 'ab12aaaa', down: ['base0000'], labels: ['left'] },
      { id: 'ab12bbbb', down: ['base0000'], labels: ['right'] },
    );
    expect(resolutionError('ab12', graph).reason).toBe('ambiguous');
    expect(resolve('left@ab12', graph)).toEqual(['ab12aaaa']);
  });

  it('a qualified revision outside the qualifier’s lineage is not a member of the branch', () => {
    const error = resolutionError('c1branch@d2');
    expect(error.argument).toBe('d2');
    expect(error.detail).toBe("Revision d2 is not a member of branch 'c1branch'");
  });

  it('the qualifier may itself be a revision id', () => {
    expect(resolve('c2@b')).toEqual(['b']);
  });

  it('an unknown branch in an id-qualified lookup says No such branch', () => {
    const error = resolutionError('nosuch@b');
    expect(error.reason).toBe('unknown-branch');
    expect(error.detail).toMatch(/^No such branch: 'nosuch'/);
  });

  it('a qualifier without a revision after the @ is refused', () => {
    expect(resolutionError('c1branch@').reason).toBe('unknown');
  });

  it('a negative integer walks down from every real head', () => {
    expect(resolve('-1')).toEqual(['c1', 'c2']);
    expect(resolve('-3', graphOf('a', 'b<a', 'c<b', 'd<c'))).toEqual(['a']);
  });
});

describe('ranges', () => {
  it.each([
    ['a:b', { start: 'a', end: 'b' }],
    [':b', { start: null, end: 'b' }],
    ['a:', { start: 'a', end: null }],
  ])('%s splits into start and end', (text, expected) => {
    expect(parseRange(text)).toEqual(expected);
  });

  it('a range without a colon is a usage error', () => {
    expect(() => parseRange('ab')).toThrow(UsageError);
  });
});
