import { describe, expect, it } from 'vitest';
import {
  MultipleHeadsError,
  ResolutionError,
  RevisionRangeError,
  UnknownVersionRowError,
} from '../../src/script/graph-errors.js';
import { currentDisplay, historyRevisions } from '../../src/script/history.js';
import { graphOf, ids } from './support/graph-builder.js';

// a → b → c1 (c1branch) → d1 ; b → c2 (c2branch) → d2
const fork = () =>
  graphOf(
    'a',
    'b<a',
    { id: 'c1', down: ['b'], labels: ['c1branch'] },
    'd1<c1',
    { id: 'c2', down: ['b'], labels: ['c2branch'] },
    'd2<c2',
  );

const history = (range?: string, rows: string[] = []) => ids(historyRevisions(fork(), range, rows));

describe('history (§5.3, §3.6)', () => {
  it('lists every revision heads first, one branch at a time in load order of the tips', () => {
    expect(history()).toEqual(['d1', 'c1', 'd2', 'c2', 'b', 'a']);
  });

  it('start: lists the start and what descends from it', () => {
    expect(history('c1:')).toEqual(['d1', 'c1']);
  });

  it(':end lists the end and its ancestors', () => {
    expect(history(':c1')).toEqual(['c1', 'b', 'a']);
  });

  it('start:end lists the revisions between, both included', () => {
    expect(history('b:d1')).toEqual(['d1', 'c1', 'b']);
  });

  it('a range whose start is not an ancestor of its end is refused with Alembic’s message', () => {
    const error = captureError(() => history('d1:b'));
    expect(error).toBeInstanceOf(RevisionRangeError);
    expect(error.message).toMatch(
      /^Requested range d1:b does not refer to ancestor\/descendant revisions along the same branch/,
    );
  });

  it('a range across branches is refused', () => {
    expect(() => history('c1:d2')).toThrow(RevisionRangeError);
  });

  it('a range without a colon is refused', () => {
    const error = captureError(() => history('c1'));
    expect(error).toBeInstanceOf(RevisionRangeError);
    expect(error.message).toMatch(/^History range requires \[start\]:\[end\], \[start\]:, or :\[end\]/);
  });

  it('current as the start uses the version rows', () => {
    expect(history('current:', ['c1'])).toEqual(['d1', 'c1']);
  });

  it('current as the end uses the version rows', () => {
    expect(history(':current', ['c1'])).toEqual(['c1', 'b', 'a']);
  });

  it('current with an unknown version row is reported as such', () => {
    expect(() => history(':current', ['nope'])).toThrow(UnknownVersionRowError);
  });

  it('a negative integer start walks down from every real head', () => {
    expect(history('-1:')).toEqual(['d1', 'c1', 'd2', 'c2']);
  });

  it('head as the end with several heads is a multiple-heads error', () => {
    expect(() => history(':head')).toThrow(MultipleHeadsError);
  });

  it('label@head as the end follows that branch', () => {
    expect(history(':c2branch@head')).toEqual(['d2', 'c2', 'b', 'a']);
  });

  it('a label@ start keeps only the heads carrying that label', () => {
    expect(history('c1branch@base:')).toEqual(['d1', 'c1', 'b', 'a']);
  });

  it('an unknown revision in a range cannot be located', () => {
    expect(() => history('zzzz:')).toThrow(ResolutionError);
  });

  it('a range reaching its end only through a dependency still lists what lies between', () => {
    const graph = graphOf('b', 'm<b', 'z', { id: 't', down: ['z'], dependsOn: ['m'] });
    expect(ids(historyRevisions(graph, 'b:t'))).toEqual(['m', 'b']);
  });

  it('revisions a head depends on come after it', () => {
    const graph = graphOf('a', 'x', { id: 'c', down: ['a'], dependsOn: ['x'] });
    expect(ids(historyRevisions(graph))).toEqual(['c', 'a', 'x']);
  });
});

describe('current (§8)', () => {
  it('shows the version rows', () => {
    expect(ids(currentDisplay(fork(), ['d1', 'c2']))).toEqual(['d1', 'c2']);
  });

  it('shows nothing for an empty table', () => {
    expect(currentDisplay(fork(), [])).toEqual([]);
  });

  it('shows a revision the rows only depend on', () => {
    const graph = graphOf('a', 'x', { id: 'c', down: ['a'], dependsOn: ['x'] });
    expect(ids(currentDisplay(graph, ['c']))).toEqual(['x', 'c']);
  });

  it('does not show a row that is an ancestor of another row', () => {
    expect(ids(currentDisplay(fork(), ['b', 'd1']))).toEqual(['d1']);
  });

  it('refuses an unknown row', () => {
    expect(() => currentDisplay(fork(), ['nope'])).toThrow(UnknownVersionRowError);
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
